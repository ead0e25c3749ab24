/**
 * Kill the server (SIGKILL) while sign-ups are in flight: every sign-up that was acknowledged
 * with a 303 must be in the database, and no record may be half-written (a sign-up without its
 * mails in the outbox, or mails without their sign-up). Then the restarted server takes sign-ups.
 */
import { afterAll, expect, it } from 'vitest';
import { issueFormToken } from '~/server/registrations/form-token';
import { TEST_APP_SECRET } from '~tests/support/app-secret';
import { createTestDatabase } from '~tests/support/database';
import { createStaff } from '~tests/support/factories';
import { type ServerProcess, startServer } from '~tests/support/server-process';

const servers: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

function post(server: ServerProcess, i: number, run: string) {
  const email = `crash-${run}-${i}@voorbeeld.nl`;
  const body = new URLSearchParams({
    formToken: issueFormToken({ secret: TEST_APP_SECRET, kind: 'vraaggezin', now: new Date(Date.now() - 5000) }),
    name: 'Sanne',
    email,
    kern: 'Nuth',
    children: '4',
    supportWishes: 'luisterend-oor',
    consent: 'ja',
  });
  return fetch(`${server.url}/beekdaelen/aanmelden/vraaggezin`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      origin: server.url,
      'content-type': 'application/x-www-form-urlencoded',
      'x-forwarded-for': `10.9.${(i >> 8) & 255}.${i & 255}`,
    },
    body,
  }).then(
    (r) => ({ email, acknowledged: r.status === 303 }),
    () => ({ email, acknowledged: false }),
  );
}

it('keeps every acknowledged sign-up, whole, when the server is killed mid-request', async () => {
  const database = await createTestDatabase();
  // A coordinator, so each sign-up writes three rows in one transaction: sign-up, confirmation, notice.
  await createStaff(database.db, { email: 'cora@beekdaelen.test', displayName: 'Cora', gemeenten: ['beekdaelen'] });
  const env = { DATABASE_URL: database.url, TRUST_PROXY: 'true', OUTBOX_WORKER: 'false', LOG_LEVEL: 'warn' };
  const server = await startServer(env);
  servers.push(server);

  // Keep 30 sign-ups in flight continuously, and pull the plug once plenty have been acknowledged.
  const results: { email: string; acknowledged: boolean }[] = [];
  let i = 0;
  let alive = true;
  const worker = async () => {
    while (alive) results.push(await post(server, i++, 'a'));
  };
  const workers = Array.from({ length: 30 }, worker);
  while (results.filter((r) => r.acknowledged).length < 100) await new Promise((r) => setTimeout(r, 20));
  server.child.kill('SIGKILL');
  alive = false;
  await Promise.all(workers);
  await server.stop();

  const acknowledged = results.filter((r) => r.acknowledged).map((r) => r.email);
  const unanswered = results.length - acknowledged.length;
  expect(acknowledged.length).toBeGreaterThanOrEqual(100);
  expect(unanswered, 'some requests were in flight when the server died').toBeGreaterThan(0);

  const stored = await database.sql<{ email: string; confirmations: number; notices: number }[]>`
    select r.contact_email as email,
      (select count(*)::int from outbox_messages o where o.payload->>'to' = r.contact_email and o.payload->>'template' = 'registration-received') as confirmations,
      (select count(*)::int from outbox_messages o where o.payload->>'template' = 'registration-notification' and o.payload->'data'->>'inboxPath' = '/inbox/' || r.id) as notices
    from registrations r`;
  const storedEmails = new Set(stored.map((r) => r.email));
  expect(
    acknowledged.filter((e) => !storedEmails.has(e)),
    'acknowledged but lost',
  ).toEqual([]);
  // Whole or nothing: every stored sign-up has both mails, and there are no orphan mails.
  expect(stored.filter((r) => r.confirmations !== 1 || r.notices !== 1)).toEqual([]);
  const [orphans] = await database.sql<{ n: number }[]>`
    select count(*)::int as n from outbox_messages o
    where o.payload->>'template' = 'registration-received' and not exists (select 1 from registrations r where r.contact_email = o.payload->>'to')`;
  expect(orphans!.n).toBe(0);
  // Requests that were never acknowledged may or may not have committed; either way they are whole.
  expect(stored.length).toBeGreaterThanOrEqual(acknowledged.length);
  expect(stored.length).toBeLessThanOrEqual(results.length);

  // The restarted server takes sign-ups again.
  const again = await startServer(env);
  servers.push(again);
  const after = await post(again, 99_999, 'b');
  expect(after.acknowledged).toBe(true);
}, 120_000);
