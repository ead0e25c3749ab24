/**
 * The abuse protection as a visitor meets it, over real HTTP against the built server with the
 * production defaults: the minimum fill time (3 s) and the rate limit per client address.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { issueFormToken } from '~/server/registrations/form-token';
import { createTestDatabase } from '../support/database';
import { type ServerProcess, startServer } from '../support/server-process';

let server: ServerProcess;
let count: () => Promise<number>;
beforeAll(async () => {
  const database = await createTestDatabase();
  count = async () => (await database.sql<{ n: number }[]>`select count(*)::int as n from registrations`)[0]!.n;
  server = await startServer({ DATABASE_URL: database.url, REGISTRATION_LIMIT_PER_HOUR: '2', OUTBOX_WORKER: 'false' });
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const fields = (token: string, email: string) =>
  new URLSearchParams({
    formToken: token,
    name: 'Sanne',
    email,
    kern: 'Nuth',
    children: '4',
    supportWishes: 'luisterend-oor',
    consent: 'ja',
  });
const post = (body: URLSearchParams) =>
  fetch(`${server.url}/beekdaelen/aanmelden/vraaggezin`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });

it('refuses a form sent faster than a person can, keeps the values, and accepts it when sent again later', async () => {
  const page = await (await fetch(`${server.url}/beekdaelen/aanmelden/vraaggezin`)).text();
  const token = /name="formToken" value="([^"]+)"/.exec(page)![1]!;
  const before = await count();
  const fast = await post(fields(token, 'snel@voorbeeld.nl'));
  expect(fast.status).toBe(422);
  const html = await fast.text();
  expect(html).toContain('Dat ging heel snel');
  expect(html).toContain('value="snel@voorbeeld.nl"');
  expect(await count()).toBe(before);
  // The re-rendered form carries a fresh token; a person pressing again a few seconds later gets through.
  const fresh = /name="formToken" value="([^"]+)"/.exec(html)![1]!;
  await new Promise((r) => setTimeout(r, 3100));
  expect((await post(fields(fresh, 'snel@voorbeeld.nl'))).status).toBe(303);
});

it('limits sign-ups per client address with 429, Retry-After and a Dutch message, storing nothing', async () => {
  const token = issueFormToken({ secret: 'x'.repeat(40), kind: 'vraaggezin', now: new Date(Date.now() - 10_000) });
  // The first test used one of the two tokens of this address.
  expect((await post(fields(token, 'tweede@voorbeeld.nl'))).status).toBe(303);
  const before = await count();
  const limited = await post(fields(token, 'derde@voorbeeld.nl'));
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(60);
  expect(await limited.text()).toContain('Je gegevens zijn niet opgeslagen');
  expect(await count()).toBe(before);
});

it('escapes what people typed when the form comes back', async () => {
  const token = issueFormToken({ secret: 'x'.repeat(40), kind: 'vraaggezin', now: new Date(Date.now() - 10_000) });
  const body = fields(token, 'geen-adres');
  body.set('name', '<script>alert("x")</script>');
  const response = await post(body);
  expect(response.status).toBe(422);
  const html = await response.text();
  // Kept as the value of the field, with the quote escaped so it cannot leave the attribute.
  expect(html).not.toContain('<script>alert("x")</script>');
  expect(html).toContain('value="<script>alert(&quot;x&quot;)</script>"');
});

it('refuses a BSN in the message with a clear Dutch message, keeps every value and stores nothing', async () => {
  const token = issueFormToken({ secret: 'x'.repeat(40), kind: 'vraaggezin', now: new Date(Date.now() - 10_000) });
  const body = fields(token, 'bsn@voorbeeld.nl');
  body.set('message', 'ADHD en autisme, BSN 123456782');
  const before = await count();
  const response = await post(body);
  expect(response.status).toBe(422);
  const html = await response.text();
  expect(html).toContain('Hier staat een burgerservicenummer (BSN)');
  expect(html).toContain('ADHD en autisme, BSN 123456782</textarea>');
  expect(html).toContain('value="bsn@voorbeeld.nl"');
  expect(await count()).toBe(before);
});
