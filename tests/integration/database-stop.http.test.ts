/**
 * PostgreSQL stops while sign-ups are in flight on one built instance (no proxy in between).
 * Every request must get a whole HTTP answer: a 303 (stored) or the Dutch 503, never a closed
 * connection (nginx turns that into a 502) and never a 500. The instance stays up and takes
 * sign-ups again once PostgreSQL is back. The topology fault test (topology.test.ts) does this
 * behind nginx with two instances; this is the same fault, small and repeatable.
 */

import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectDatabase } from '~/server/db/db';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '~/server/db/embedded-postgres';
import { migrateDatabase } from '~/server/db/migrate';
import { ensureDatabase } from '~/server/db/open-database';
import { loadGemeenteCatalog } from '~/server/gemeenten/gemeenten.catalog';
import { syncGemeenten } from '~/server/gemeenten/gemeenten.usecases';
import { issueFormToken } from '~/server/registrations/form-token';
import { TEST_APP_SECRET } from '~tests/support/app-secret';
import { type ServerProcess, startServer } from '~tests/support/server-process';

let dir: string;
let pg: EmbeddedDatabase;
let server: ServerProcess;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'buurtgezinnen-dbstop-'));
  await fs.chmod(dir, 0o755);
  pg = await startEmbeddedPostgres({ databaseDir: path.join(dir, 'pg') });
  const url = await ensureDatabase(pg.url, 'portaal');
  const setup = connectDatabase(url, { max: 2 });
  await migrateDatabase(setup);
  await syncGemeenten({ db: setup.db, catalog: loadGemeenteCatalog() });
  await setup.close();
  server = await startServer({ DATABASE_URL: url, TRUST_PROXY: 'true', OUTBOX_WORKER: 'false', LOG_LEVEL: 'warn' });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await pg?.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

type Answer = { status: number; body: string; error?: string; at: number };

let n = 0;
function signUp(started: number): Promise<Answer> {
  const i = n++;
  const body = new URLSearchParams({
    formToken: issueFormToken({ secret: TEST_APP_SECRET, kind: 'vraaggezin', now: new Date(Date.now() - 5000) }),
    name: 'Sanne',
    email: `stop-${i}@voorbeeld.nl`,
    kern: 'Nuth',
    children: '4',
    supportWishes: 'luisterend-oor',
    consent: 'ja',
  }).toString();
  const at = Date.now() - started;
  return new Promise((resolve) => {
    const request = http.request(
      `${server.url}/beekdaelen/aanmelden/vraaggezin`,
      {
        method: 'POST',
        agent: false,
        timeout: 15_000,
        headers: {
          origin: server.url,
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-for': `10.8.${(i >> 8) & 255}.${i & 255}`,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), at }),
        );
        response.on('error', (error) =>
          resolve({ status: response.statusCode ?? 0, body: '', error: error.message, at }),
        );
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error) => resolve({ status: 0, body: '', error: error.message, at }));
    request.end(body);
  });
}

it('answers every sign-up in flight with a 303 or the Dutch 503 while PostgreSQL stops, and recovers', async () => {
  const answers: Answer[] = [];
  const started = Date.now();
  let running = true;
  const client = async () => {
    while (running) answers.push(await signUp(started));
  };
  const clients = Array.from({ length: 8 }, client);
  while (answers.filter((a) => a.status === 303).length < 20) await new Promise((r) => setTimeout(r, 20));
  const stoppedAt = Date.now() - started;
  await pg.stop();
  await new Promise((r) => setTimeout(r, 2000));
  running = false;
  await Promise.all(clients);
  const count = (status: number) => answers.filter((a) => a.status === status).length;
  console.log(
    `PostgreSQL stopped under load: ${answers.length} sign-ups, ${count(303)} acknowledged, ${count(503)} 503`,
  );

  const unexpected = answers
    .filter((a) => a.status !== 303 && !(a.status === 503 && /<html lang="nl"/.test(a.body) && !a.error))
    .map((a) => `${a.at - stoppedAt} ms after the stop: ${a.status}${a.error ? ` ${a.error}` : ''}`);
  expect(unexpected, `the instance said:\n${server.output()}`).toEqual([]);
  expect(answers.filter((a) => a.status === 503).length).toBeGreaterThan(0);
  expect(server.child.exitCode, server.output()).toBeNull();

  pg = await startEmbeddedPostgres({ databaseDir: path.join(dir, 'pg'), port: pg.port });
  let after: Answer | undefined;
  for (let i = 0; i < 50 && after?.status !== 303; i++) {
    after = await signUp(started);
    if (after.status !== 303) await new Promise((r) => setTimeout(r, 200));
  }
  expect(after?.status).toBe(303);
}, 120_000);
