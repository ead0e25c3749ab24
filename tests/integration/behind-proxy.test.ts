/**
 * Behind a proxy that terminates TLS (nginx in production), over real HTTP against the built
 * server with the headers such a proxy sends: PUBLIC_URL is https, the browser's Origin is
 * https, the request arrives as plain http with X-Forwarded-Proto/-Host/-For. With TRUST_PROXY
 * the sign-up form and the staff login work and Astro's origin check still refuses a foreign
 * Origin, with a Dutch page; without TRUST_PROXY nothing the client says about the proxy counts.
 * (The same through a real nginx: the deployment topology test of issue 17.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '~/server/auth/totp';
import { issueFormToken } from '~/server/registrations/form-token';
import { TEST_APP_SECRET } from '~tests/support/app-secret';
import { createTestDatabase } from '~tests/support/database';
import { createStaff, TEST_PASSWORD } from '~tests/support/factories';
import { type ServerProcess, startServer } from '~tests/support/server-process';

const PUBLIC = 'https://portaal.example.nl';
const APP_SECRET = TEST_APP_SECRET;
const password = TEST_PASSWORD;
let key: Uint8Array;
let trusted: ServerProcess;
let untrusted: ServerProcess;
let count: () => Promise<number>;
afterAll(async () => {
  await trusted?.stop();
  await untrusted?.stop();
});

beforeAll(async () => {
  const database = await createTestDatabase();
  count = async () => (await database.sql<{ n: number }[]>`select count(*)::int as n from registrations`)[0]!.n;
  key = (await createStaff(database.db, { email: 'proxy@example.nl' })).totpKey!;
  const env = { DATABASE_URL: database.url, OUTBOX_WORKER: 'false', PUBLIC_URL: PUBLIC };
  trusted = await startServer({ ...env, TRUST_PROXY: 'true' });
  untrusted = await startServer({ ...env, TRUST_PROXY: 'false' });
}, 120_000);

/** What nginx sends upstream for a browser on https://portaal.example.nl (see SECURITY.md). */
const proxyHeaders = (origin: string, extra: Record<string, string> = {}) => ({
  host: 'portaal.example.nl',
  'x-forwarded-proto': 'https',
  'x-forwarded-host': 'portaal.example.nl',
  'x-forwarded-for': '203.0.113.9',
  origin,
  'content-type': 'application/x-www-form-urlencoded',
  ...extra,
});
const post = (server: ServerProcess, path: string, body: URLSearchParams, headers: Record<string, string>) =>
  fetch(server.url + path, { method: 'POST', redirect: 'manual', headers, body });

const signUp = () =>
  new URLSearchParams({
    formToken: issueFormToken({ secret: APP_SECRET, kind: 'vraaggezin', now: new Date(Date.now() - 10_000) }),
    name: 'Sanne',
    email: 'sanne@voorbeeld.nl',
    kern: 'Nuth',
    children: '4',
    supportWishes: 'luisterend-oor',
    consent: 'ja',
  });

async function expectDutchRefusal(response: Response) {
  expect(response.status).toBe(403);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await response.text();
  expect(html).toContain('<html lang="nl"');
  expect(html).toContain('Je formulier is niet aangekomen');
  expect(html).not.toMatch(/Cross-site/i);
}

describe('behind a TLS proxy with TRUST_PROXY', () => {
  it('takes a sign-up sent from the https page', async () => {
    const before = await count();
    const response = await post(trusted, '/beekdaelen/aanmelden/vraaggezin', signUp(), proxyHeaders(PUBLIC));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/beekdaelen\/aanmelden\/bedankt/);
    expect(await count()).toBe(before + 1);
  });

  it('logs staff in (password, then code) with a Secure cookie', async () => {
    const first = await post(
      trusted,
      '/inloggen',
      new URLSearchParams({ email: 'proxy@example.nl', password }),
      proxyHeaders(PUBLIC),
    );
    expect(first.status).toBe(303);
    const pending = first.headers.getSetCookie().find((c) => c.startsWith('bg_sessie='))!;
    expect(pending).toMatch(/;\s*Secure/i);
    const second = await post(
      trusted,
      '/inloggen/code',
      new URLSearchParams({ code: totpCodeAt(key, new Date()) }),
      proxyHeaders(PUBLIC, { cookie: pending.split(';')[0]! }),
    );
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe('/inbox');
  });

  it('refuses a form from another website with a Dutch page, storing nothing', async () => {
    const before = await count();
    await expectDutchRefusal(
      await post(trusted, '/beekdaelen/aanmelden/vraaggezin', signUp(), proxyHeaders('https://evil.example')),
    );
    // A page on plain http is another origin too.
    await expectDutchRefusal(
      await post(trusted, '/beekdaelen/aanmelden/vraaggezin', signUp(), proxyHeaders('http://portaal.example.nl')),
    );
    // A forwarded host that is not PUBLIC_URL's is not believed.
    await expectDutchRefusal(
      await post(
        trusted,
        '/beekdaelen/aanmelden/vraaggezin',
        signUp(),
        proxyHeaders('https://evil.example', { 'x-forwarded-host': 'evil.example' }),
      ),
    );
    expect(await count()).toBe(before);
  });
});

describe('without TRUST_PROXY', () => {
  it('believes no proxy header: the https form is refused (Dutch page) and the log says what to set', async () => {
    const before = await count();
    await expectDutchRefusal(await post(untrusted, '/beekdaelen/aanmelden/vraaggezin', signUp(), proxyHeaders(PUBLIC)));
    expect(await count()).toBe(before);
    await new Promise((r) => setTimeout(r, 200));
    expect(untrusted.output()).toContain('TRUST_PROXY=true');
  });

  it('still takes a form sent straight to it', async () => {
    const response = await post(untrusted, '/beekdaelen/aanmelden/vraaggezin', signUp(), {
      origin: untrusted.url,
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(303);
  });
});
