/**
 * Logging in over real HTTP against the built server: the session cookie's attributes (Secure
 * only behind https), the two steps, one message for every wrong answer, rate limiting, no open
 * redirect after login, logout by POST only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '~/server/auth/totp';
import { createTestDatabase } from '~tests/support/database';
import { createStaff, TEST_PASSWORD } from '~tests/support/factories';
import { type ServerProcess, startServer } from '~tests/support/server-process';

let http: ServerProcess;
let https: ServerProcess;
let url: string;
let key: Uint8Array;
const password = TEST_PASSWORD;

const form = (body: Record<string, string>, cookie?: string, base = http.url) => ({
  method: 'POST',
  redirect: 'manual' as const,
  headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
  body: new URLSearchParams(body),
});
const cookieOf = (r: Response) => r.headers.getSetCookie().find((c) => c.startsWith('bg_sessie='));

beforeAll(async () => {
  const database = await createTestDatabase();
  url = database.url;
  // TEST_PASSWORD, and a TOTP key encrypted with the APP_SECRET startServer gives the server.
  const staff = await createStaff(database.db, { email: 'login@example.nl', gemeenten: ['beekdaelen'] });
  key = staff.totpKey!;
  http = await startServer({ DATABASE_URL: url, OUTBOX_WORKER: 'false' });
  https = await startServer({ DATABASE_URL: url, OUTBOX_WORKER: 'false', PUBLIC_URL: 'https://portaal.example' });
}, 120_000);

afterAll(async () => {
  await http?.stop();
  await https?.stop();
});

describe('login over HTTP', () => {
  it('takes a password and then a code, with an HttpOnly, SameSite=Lax session cookie; logout is a POST', async () => {
    const first = await fetch(
      `${http.url}/inloggen`,
      form({ email: 'Login@Example.nl', password, terug: '/inbox?status=new' }),
    );
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/inloggen/code?terug=%2Finbox%3Fstatus%3Dnew');
    const pending = cookieOf(first)!;
    expect(pending).toMatch(/^bg_sessie=[a-z2-9]{24}\.[a-z2-9]{24}; /);
    expect(pending).toMatch(/HttpOnly/i);
    expect(pending).toMatch(/SameSite=Lax/i);
    expect(pending).toMatch(/Path=\//);
    expect(pending).not.toMatch(/Secure/i);
    // A pending (password-only) session opens nothing.
    expect(
      (await fetch(`${http.url}/inbox`, { headers: { cookie: pending.split(';')[0]! }, redirect: 'manual' })).status,
    ).toBe(303);

    const second = await fetch(
      `${http.url}/inloggen/code`,
      form({ code: totpCodeAt(key, new Date()), terug: '/inbox?status=new' }, pending.split(';')[0]),
    );
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe('/inbox?status=new');
    const session = cookieOf(second)!.split(';')[0]!;
    expect(session).not.toBe(pending.split(';')[0]); // a new token after the second factor
    expect((await fetch(`${http.url}/inbox`, { headers: { cookie: session } })).status).toBe(200);

    // GET /uitloggen changes nothing; POST does.
    await fetch(`${http.url}/uitloggen`, { headers: { cookie: session } });
    expect((await fetch(`${http.url}/inbox`, { headers: { cookie: session }, redirect: 'manual' })).status).toBe(200);
    const out = await fetch(`${http.url}/uitloggen`, form({}, session));
    expect(out.status).toBe(303);
    expect(cookieOf(out)).toMatch(/bg_sessie=;|Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect((await fetch(`${http.url}/inbox`, { headers: { cookie: session }, redirect: 'manual' })).status).toBe(303);
  });

  it('marks the cookie Secure when the public address is https', async () => {
    const response = await fetch(
      `${https.url}/inloggen`,
      form({ email: 'login@example.nl', password }, undefined, https.url),
    );
    // checkOrigin compares with the request's own origin, so the form is accepted on localhost.
    expect(response.status).toBe(303);
    expect(cookieOf(response)).toMatch(/;\s*Secure/i);
  });

  it('gives one message for an unknown account and a wrong password', async () => {
    const unknown = await fetch(`${http.url}/inloggen`, form({ email: 'niemand@example.nl', password }));
    const wrong = await fetch(
      `${http.url}/inloggen`,
      form({ email: 'login@example.nl', password: 'niet het wachtwoord' }),
    );
    expect(unknown.status).toBe(400);
    expect(wrong.status).toBe(400);
    const message = (html: string) => /<div class="error-summary"[^>]*>[\s\S]*?<li>([\s\S]*?)<\/li>/.exec(html)?.[1];
    const a = message(await unknown.text());
    expect(a).toContain('passen niet bij elkaar');
    expect(message(await wrong.text())).toBe(a);
    expect(cookieOf(unknown)).toBeUndefined();
  });

  it('never sends you to another site after login', async () => {
    for (const terug of ['//evil.example/inbox', 'https://evil.example', '/\\evil.example', '/\t/evil.example/x']) {
      const first = await fetch(`${http.url}/inloggen`, form({ email: 'login@example.nl', password, terug }));
      expect(first.headers.get('location')).toBe('/inloggen/code?terug=%2Finbox');
    }
  });

  it('answers 429 once an address guesses too often', async () => {
    let last = 0;
    for (let i = 0; i < 40 && last !== 429; i++) {
      const r = await fetch(
        `${http.url}/inloggen`,
        form({ email: `raden${i}@example.nl`, password: 'fout fout fout' }),
      );
      last = r.status;
      await r.body?.cancel();
    }
    expect(last).toBe(429);
  });
});
