/**
 * Nobody can lock a staff member out (issue 13): over real HTTP behind a trusted proxy (so every
 * request can come from its own address), an attack with wrong passwords from many addresses
 * makes unknown browsers wait, while the owner logs in with password and code on the browser she
 * used before (its known-device cookie).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '~/server/auth/totp';
import { createTestDatabase } from '~tests/support/database';
import { createStaff, TEST_PASSWORD } from '~tests/support/factories';
import { type ServerProcess, startServer } from '~tests/support/server-process';

const password = TEST_PASSWORD;
let key: Uint8Array;
let server: ServerProcess;
afterAll(() => server?.stop());

beforeAll(async () => {
  const database = await createTestDatabase();
  key = (await createStaff(database.db, { email: 'doelwit@example.nl' })).totpKey!;
  server = await startServer({ DATABASE_URL: database.url, OUTBOX_WORKER: 'false', TRUST_PROXY: 'true' });
}, 120_000);

/** A TOTP code for a step nobody used yet (the server accepts a step once). */
let lastStep = 0;
async function nextCode() {
  let step = Math.floor(Date.now() / 30_000);
  if (step <= lastStep) {
    await new Promise((r) => setTimeout(r, (lastStep + 1) * 30_000 - Date.now() + 50));
    step = Math.floor(Date.now() / 30_000);
  }
  lastStep = step;
  return totpCodeAt(key, new Date(step * 30_000 + 1000));
}

const post = (path: string, from: string, body: Record<string, string>, cookies: string[] = []) =>
  fetch(server.url + path, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      origin: server.url,
      'content-type': 'application/x-www-form-urlencoded',
      'x-forwarded-for': from,
      ...(cookies.length ? { cookie: cookies.join('; ') } : {}),
    },
    body: new URLSearchParams(body),
  });
const cookieOf = (r: Response, name: string) => r.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));

/** Password and code from `from`; returns the responses and the cookies the server set. */
async function logIn(from: string, cookies: string[] = []) {
  const first = await post('/inloggen', from, { email: 'doelwit@example.nl', password }, cookies);
  const pending = cookieOf(first, 'bg_sessie')?.split(';')[0];
  if (!pending) return { first, second: undefined, device: undefined };
  const second = await post('/inloggen/code', from, { code: await nextCode() }, [...cookies, pending]);
  return { first, second, device: cookieOf(second, 'bg_apparaat') };
}

describe('logging in during an attack', () => {
  it('keeps the owner in on her known browser while unknown browsers wait', async () => {
    // She logs in on her own laptop: it becomes a known device.
    const mine = await logIn('198.51.100.10');
    expect(mine.second?.status).toBe(303);
    expect(mine.device).toMatch(/^bg_apparaat=v1\.[\w-]{22}\.\d+\.[\w-]+;/);
    expect(mine.device).toMatch(/HttpOnly/i);
    expect(mine.device).toMatch(/SameSite=Strict/i);
    expect(mine.device).toMatch(/Path=\/inloggen/);
    const deviceCookie = mine.device!.split(';')[0]!;

    // Someone tries 40 passwords from 40 addresses.
    for (let i = 0; i < 40; i++) {
      const r = await post('/inloggen', `203.0.113.${i + 1}`, { email: 'doelwit@example.nl', password: `raden ${i}` });
      expect([400, 429]).toContain(r.status);
      await r.body?.cancel();
    }

    // A browser the portal does not know has to wait, even with the right password.
    const stranger = await post('/inloggen', '198.51.100.200', { email: 'doelwit@example.nl', password });
    expect(stranger.status).toBe(429);
    expect(await stranger.text()).toMatch(/Wacht \d+ (seconden|minuten)/);

    // Her laptop gets in, from wherever she is.
    const again = await logIn('192.0.2.44', [deviceCookie]);
    expect(again.first.status).toBe(303);
    expect(again.second?.status).toBe(303);
    expect(again.second?.headers.get('location')).toBe('/inbox');
  }, 90_000);
});
