/**
 * MUST SHOW (issue 17; issue 13's proxy test): the production shape, on real parts. A PostgreSQL
 * reached only through DATABASE_URL, two built web instances (OUTBOX_WORKER=false, TRUST_PROXY),
 * one `npm run outbox-worker`, a real SMTP server, and nginx from Debian in front with
 * deploy/nginx/buurtgezinnen.conf and a self-signed certificate. Everything over https.
 * Then faults under load: PostgreSQL stopped for 10 s, one web instance killed, SMTP down for
 * a minute; the figures are printed (time to recover, requests failed, sign-ups lost).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '~/server/auth/totp';
import { connectDatabase } from '~/server/db/db';
import { type EmbeddedDatabase, freePort, startEmbeddedPostgres } from '~/server/db/embedded-postgres';
import { migrateDatabase } from '~/server/db/migrate';
import { ensureDatabase } from '~/server/db/open-database';
import { loadGemeenteCatalog } from '~/server/gemeenten/gemeenten.catalog';
import { syncGemeenten } from '~/server/gemeenten/gemeenten.usecases';
import { issueFormToken } from '~/server/registrations/form-token';
import { createStaff } from '~tests/support/factories';
import { ensureNginx, http2Get, httpsRequest, type Nginx, startNginx } from '~tests/support/nginx';
import { monitoringHeaders, type ServerProcess, startServer } from '~tests/support/server-process';
import { startTestSmtpServer, type TestSmtpServer } from '~tests/support/smtp-server';

const APP_SECRET = 'x'.repeat(40); // what startServer gives the server
let totpKey: Uint8Array;
const password = 'een lange zin voor de proxytest';

let dir: string;
let pgDir: string;
let pgPort: number;
let pg: EmbeddedDatabase;
let databaseUrl: string;
let smtp: TestSmtpServer;
let nginx: Nginx;
let origin: string;
const web: ServerProcess[] = [];
const webPorts: [number, number] = [0, 0];
let worker: ChildProcess;
let workerOutput = '';
let webEnv: Record<string, string>;

beforeAll(async () => {
  ensureNginx();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'buurtgezinnen-topology-'));
  await fs.chmod(dir, 0o755);
  pgDir = path.join(dir, 'pg');
  pg = await startEmbeddedPostgres({ databaseDir: pgDir });
  pgPort = pg.port;
  databaseUrl = await ensureDatabase(pg.url, 'portaal');
  // The coordinator of beekdaelen (password + TOTP); other gemeenten have none, so a sign-up there sends one mail.
  const setup = connectDatabase(databaseUrl, { max: 2 });
  await migrateDatabase(setup);
  await syncGemeenten({ db: setup.db, catalog: loadGemeenteCatalog() });
  const staff = await createStaff(setup.db, {
    role: 'coordinator',
    gemeenten: ['beekdaelen'],
    email: 'coordinator@topologie.example',
    displayName: 'Cora Topologie',
    password,
    appSecret: APP_SECRET,
  });
  totpKey = staff.totpKey!;
  await setup.close();

  smtp = await startTestSmtpServer();
  const httpsPort = await freePort();
  origin = `https://localhost:${httpsPort}`;
  webEnv = {
    DATABASE_URL: databaseUrl,
    PUBLIC_URL: origin,
    HOST: '127.0.0.1',
    TRUST_PROXY: 'true',
    OUTBOX_WORKER: 'false',
    SMTP_URL: smtp.url,
    REGISTRATION_LIMIT_PER_HOUR: '3',
  };
  // Both instances migrate at the same moment: the advisory lock lets one do it.
  web.push(...(await Promise.all([startServer(webEnv), startServer(webEnv)])));
  webPorts[0] = web[0]!.port;
  webPorts[1] = web[1]!.port;

  worker = spawn(
    'npm',
    [
      'run',
      '--silent',
      'outbox-worker',
      '--',
      '--poll-seconds',
      '1',
      '--retry-seconds',
      '2',
      '--retry-max-seconds',
      '8',
    ],
    {
      env: { ...process.env, NODE_ENV: 'production', APP_SECRET, ...webEnv, OUTBOX_WORKER: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  worker.stdout!.on('data', (d) => (workerOutput += d));
  worker.stderr!.on('data', (d) => (workerOutput += d));

  nginx = await startNginx({
    dir: path.join(dir, 'nginx'),
    httpsPort,
    httpPort: await freePort(),
    upstreamPorts: webPorts,
    clientDir: path.resolve(process.env.ASTRO_OUT_DIR ?? 'dist', 'client'),
  });
  for (let i = 0; i < 100 && !/Outbox-worker .* gestart/.test(workerOutput); i++)
    await new Promise((r) => setTimeout(r, 200));
  expect(workerOutput).toMatch(/Outbox-worker .* gestart/);
}, 180_000);

afterAll(async () => {
  worker?.kill('SIGTERM');
  await nginx?.stop();
  for (const server of web) await server.stop();
  await smtp?.stop();
  await pg?.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

// ---- helpers -------------------------------------------------------------------------------

let signUpNumber = 0;
/** A client address nginx sees (every 127.x is this machine); sign-ups spread over many, 3 per hour each. */
const clientAddress = (n: number) => `127.0.${10 + Math.floor(n / 200)}.${(n % 200) + 1}`;

function signUp(gemeente: string, options: { from?: string; email?: string; headers?: Record<string, string> } = {}) {
  const n = signUpNumber++;
  const email = options.email ?? `gezin-${n}@topologie.example`;
  return httpsRequest(nginx, `/${gemeente}/aanmelden/vraaggezin`, {
    method: 'POST',
    localAddress: options.from ?? clientAddress(n),
    timeoutMs: 15_000,
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
    body: new URLSearchParams({
      formToken: issueFormToken({ secret: APP_SECRET, kind: 'vraaggezin', now: new Date(Date.now() - 5000) }),
      name: 'Sanne',
      email,
      kern: gemeente === 'haarlem' ? 'Schalkwijk' : 'Nuth',
      children: '4',
      supportWishes: 'luisterend-oor',
      consent: 'ja',
    }).toString(),
  }).then((answer) => ({ ...answer, email }));
}

/** Which web instance logged this request id (0 or 1), from their JSON log lines. */
function instanceOf(requestId: string | undefined): number {
  if (!requestId) return -1;
  return web.findIndex((server) => server.output().includes(`"requestId":"${requestId}"`));
}

const cookieFrom = (headers: Record<string, string[]>) =>
  (headers['set-cookie'] ?? []).find((c) => c.startsWith('bg_sessie='));

const mailsTo = (email: string) => smtp.received.filter((mail) => mail.envelopeTo.includes(email));

async function storedEmails(): Promise<Set<string>> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ email: string }[]>`select contact_email as email from registrations`;
    return new Set(rows.map((r) => r.email));
  } finally {
    await sql.end();
  }
}

// ---- the shape --------------------------------------------------------------------------------

describe('behind nginx over https', () => {
  it('serves HTTP/2 with TLS, compression, one HSTS header, a year of caching for hashed assets, and http to https', async () => {
    expect(await http2Get(nginx, '/')).toEqual({ protocol: 'h2', status: 200 });
    const page = await httpsRequest(nginx, '/haarlem/aanmelden/vraaggezin', { headers: { 'accept-encoding': 'gzip' } });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toEqual(['gzip']);
    expect(page.headers['strict-transport-security']).toEqual(['max-age=31536000']);
    const plain = await httpsRequest(nginx, '/haarlem/aanmelden/vraaggezin');
    const asset = /"(\/_astro\/[^"]+\.js)"/.exec(plain.body)?.[1];
    expect(asset, 'the sign-up page loads a hashed script').toBeDefined();
    const script = await httpsRequest(nginx, asset!, { headers: { 'accept-encoding': 'gzip' } });
    expect(script.status).toBe(200);
    expect(script.headers['cache-control']).toEqual(['public, max-age=31536000, immutable']);
    expect(script.headers['strict-transport-security']).toEqual(['max-age=31536000']);
    // The prerendered home page and the metrics endpoint (scraped per instance, not through nginx).
    expect((await httpsRequest(nginx, '/')).headers['strict-transport-security']).toEqual(['max-age=31536000']);
    expect((await httpsRequest(nginx, '/metrics', { headers: monitoringHeaders })).status).toBe(404);
    const redirect = await fetch(`http://127.0.0.1:${nginx.httpPort}/haarlem`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toMatch(/^https:\/\/[^/]+\/haarlem$/);
  });

  it('takes a sign-up over https (the origin check passes) and sends exactly one confirmation', async () => {
    const answer = await signUp('haarlem');
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toEqual(['/haarlem/aanmelden/bedankt?soort=vraaggezin']);
    await smtp.waitForMail(1, 30_000);
    await new Promise((r) => setTimeout(r, 3000)); // room for a duplicate to show up
    const mails = mailsTo(answer.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.parsed.text).toContain(origin); // links point at the public https address
  });

  it('refuses a POST with a foreign Origin with the Dutch page, storing nothing', async () => {
    const answer = await signUp('haarlem', { headers: { origin: 'https://evil.example' } });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('Je formulier is niet aangekomen');
    expect(await storedEmails()).not.toContain(answer.email);
  });

  it('keeps a staff login across instances, with a Secure cookie', async () => {
    const from = '127.0.0.5';
    const login = await httpsRequest(nginx, '/inloggen', {
      method: 'POST',
      localAddress: from,
      headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'coordinator@topologie.example', password }).toString(),
    });
    expect(login.status).toBe(303);
    const pending = cookieFrom(login.headers)!;
    expect(pending).toMatch(/;\s*Secure/i);
    const code = await httpsRequest(nginx, '/inloggen/code', {
      method: 'POST',
      localAddress: from,
      headers: { origin, 'content-type': 'application/x-www-form-urlencoded', cookie: pending.split(';')[0]! },
      body: new URLSearchParams({ code: totpCodeAt(totpKey, new Date()) }).toString(),
    });
    expect(code.status).toBe(303);
    const session = cookieFrom(code.headers)!;
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/HttpOnly/i);
    const loggedInOn = instanceOf(code.headers['x-request-id']?.[0]);
    expect(loggedInOn).toBeGreaterThanOrEqual(0);

    // Round robin: the next requests land on both instances, and every one is logged in.
    const servedBy = new Set<number>();
    for (let i = 0; i < 4; i++) {
      const inbox = await httpsRequest(nginx, '/inbox', {
        localAddress: from,
        headers: { cookie: session.split(';')[0]! },
      });
      expect(inbox.status).toBe(200);
      expect(inbox.body).toContain('Cora Topologie');
      servedBy.add(instanceOf(inbox.headers['x-request-id']?.[0]));
    }
    expect(servedBy).toEqual(new Set([0, 1]));
    expect(servedBy.has(1 - loggedInOn)).toBe(true);
  });

  it('shares rate limits between instances, keyed on the client address nginx saw (X-Forwarded-For with TRUST_PROXY)', async () => {
    const from = '127.0.0.3';
    const servedBy = new Set<number>();
    for (let i = 0; i < 3; i++) {
      // A forged X-Forwarded-For from the client changes nothing: nginx overwrites it.
      const answer = await signUp('haarlem', { from, headers: { 'x-forwarded-for': `203.0.113.${i}` } });
      expect(answer.status).toBe(303);
      servedBy.add(instanceOf(answer.headers['x-request-id']?.[0]));
    }
    expect(servedBy).toEqual(new Set([0, 1]));
    const limited = await signUp('haarlem', { from });
    expect(limited.status).toBe(429);
    expect(limited.body).toContain('Er zijn vanaf dit adres of voor dit contact veel aanmeldingen verstuurd');
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const keys = (
      await sql<{ key: string }[]>`select key from rate_limits where key like 'registration:address:%'`
    ).map((r) => r.key);
    await sql.end();
    expect(keys).toContain('registration:address:127.0.0.3');
    expect(keys.filter((k) => k.includes('203.0.113.'))).toEqual([]);
  });
});

// ---- faults under load --------------------------------------------------------------------

type Outcome = { at: number; ms: number; status: number; email: string; dutch: boolean; error?: string };
/** One line per outcome, so a failed expectation says what went wrong instead of `{ at: 3039, …(5) }`. */
const describeOutcomes = (list: Outcome[]) =>
  list.map((o) => `${o.at} ms: ${o.status}${o.dutch ? ' (Nederlands)' : ''}${o.error ? ` ${o.error}` : ''}`);

describe('faults under load through nginx', () => {
  it('recovers from PostgreSQL stopped 10 s, a killed web instance and SMTP down a minute, losing nothing', async () => {
    const outcomes: Outcome[] = [];
    let running = true;
    const started = Date.now();
    const clock = () => Date.now() - started;
    // Four clients, each sending a sign-up about every 150 ms (roughly 15 per second in all).
    const client = async () => {
      while (running) {
        const at = clock();
        const answer = await signUp('haarlem');
        outcomes.push({
          at,
          ms: answer.ms,
          status: answer.status,
          email: answer.email,
          dutch: /<html lang="nl"/.test(answer.body) || answer.status === 303,
          error: answer.error,
        });
        await new Promise((r) => setTimeout(r, 150));
      }
    };
    const clients = Array.from({ length: 4 }, client);
    const window = (from: number, to = Number.POSITIVE_INFINITY) => outcomes.filter((o) => o.at >= from && o.at < to);
    const firstSuccessAfter = (t: number) =>
      outcomes.filter((o) => o.at >= t && o.status === 303).sort((a, b) => a.at - b.at)[0];
    await new Promise((r) => setTimeout(r, 3000));

    // 1. PostgreSQL stopped for 10 s and started again (same data, same port).
    const pgStop = clock();
    await pg.stop();
    await new Promise((r) => setTimeout(r, 10_000));
    pg = await startEmbeddedPostgres({ databaseDir: pgDir, port: pgPort });
    const pgBack = clock();
    for (let i = 0; i < 100 && !firstSuccessAfter(pgBack); i++) await new Promise((r) => setTimeout(r, 100));
    const pgRecovered = firstSuccessAfter(pgBack)!;
    const pgPhase = window(pgStop, pgBack);
    // An instance that died meanwhile would hide behind the kill below (it is restarted anyway).
    const exitedDuringPg = web.filter((server) => server.child.exitCode !== null || server.child.signalCode !== null);

    // 2. SMTP down for a minute; meanwhile one web instance is killed (-9) and started again 10 s later.
    await new Promise((r) => setTimeout(r, 2000));
    const smtpDown = clock();
    await smtp.stop();
    await new Promise((r) => setTimeout(r, 5000));
    const killAt = clock();
    web[1]!.child.kill('SIGKILL');
    await web[1]!.stop();
    await new Promise((r) => setTimeout(r, 10_000));
    web[1] = await startServer(webEnv, { port: webPorts[1] });
    const restartedAt = clock();
    await new Promise((r) => setTimeout(r, Math.max(0, smtpDown + 60_000 - clock())));
    await smtp.start();
    const smtpUp = clock();
    await new Promise((r) => setTimeout(r, 3000));
    running = false;
    await Promise.all(clients);
    const stoppedAt = clock();
    const killPhase = window(killAt, restartedAt + 2000);

    // Every acknowledged sign-up is stored, and every stored one gets exactly one confirmation.
    const acknowledged = outcomes.filter((o) => o.status === 303).map((o) => o.email);
    const stored = await storedEmails();
    const lost = acknowledged.filter((email) => !stored.has(email));
    const loadEmails = new Set(outcomes.map((o) => o.email));
    const storedFromLoad = [...stored].filter((email) => loadEmails.has(email));
    const drainStart = clock();
    for (let i = 0; i < 300; i++) {
      const delivered = new Set(smtp.received.flatMap((m) => m.envelopeTo));
      if (storedFromLoad.every((email) => delivered.has(email))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const drained = clock() - drainStart;
    await new Promise((r) => setTimeout(r, 2000));
    const perRecipient = new Map<string, number>();
    for (const mail of smtp.received)
      for (const to of mail.envelopeTo) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    const mailsLost = storedFromLoad.filter((email) => !perRecipient.has(email));
    const duplicates = storedFromLoad.filter((email) => (perRecipient.get(email) ?? 0) > 1);

    const failed = (list: Outcome[]) => list.filter((o) => o.status !== 303);
    const slowest = Math.max(...outcomes.map((o) => o.ms));
    const figures = {
      'requests (sign-ups) sent': outcomes.length,
      'acknowledged (303)': acknowledged.length,
      'PostgreSQL 10 s down: requests failed': failed(pgPhase).length,
      'PostgreSQL: failures answered 503 with a Dutch page': failed(pgPhase).filter((o) => o.status === 503 && o.dutch)
        .length,
      'PostgreSQL: web instances that exited': exitedDuringPg.length,
      'PostgreSQL: time to recover after start (s)': ((pgRecovered.at - pgBack) / 1000).toFixed(1),
      'slowest request during the whole run (s)': (slowest / 1000).toFixed(2),
      'web instance killed: requests failed': failed(killPhase).length,
      'web instance killed: statuses of the failures': [...new Set(failed(killPhase).map((o) => o.status))].join(','),
      'SMTP down (s)': ((smtpUp - smtpDown) / 1000).toFixed(0),
      'mail backlog drained after SMTP came back (s)': ((drained + (drainStart - smtpUp)) / 1000).toFixed(1),
      'sign-ups stored (incl. unacknowledged that committed)': storedFromLoad.length,
      'acknowledged sign-ups lost': lost.length,
      'confirmation mails lost': mailsLost.length,
      'duplicate confirmation mails': duplicates.length,
      'run time (s)': (stoppedAt / 1000).toFixed(0),
      'phases (s from start)': `PostgreSQL stopped ${(pgStop / 1000).toFixed(1)}, started ${(pgBack / 1000).toFixed(1)}; SMTP down ${(smtpDown / 1000).toFixed(1)}, instance killed ${(killAt / 1000).toFixed(1)}, restarted ${(restartedAt / 1000).toFixed(1)}, SMTP up ${(smtpUp / 1000).toFixed(1)}`,
      'requests over 3 s (start s/ms/status)': outcomes
        .filter((o) => o.ms > 3000)
        .map((o) => `${(o.at / 1000).toFixed(1)}/${Math.round(o.ms)}/${o.status}${o.error ? `(${o.error})` : ''}`)
        .join(' '),
    };
    console.log(
      `\nFault figures (issue 17):\n${Object.entries(figures)
        .map(([k, v]) => `  ${k}: ${v}`)
        .join('\n')}\n`,
    );

    expect(lost).toEqual([]);
    expect(mailsLost).toEqual([]);
    expect(duplicates).toEqual([]);
    expect(slowest).toBeLessThan(5000);
    // While PostgreSQL was down, a failure was a Dutch 503, never a 500 or a hang.
    expect(failed(pgPhase).length).toBeGreaterThan(0);
    expect(describeOutcomes(failed(pgPhase).filter((o) => o.status !== 503 || !o.dutch))).toEqual([]);
    // Both instances lived through it (a crash in the driver once took one down: its requests got 502).
    expect(exitedDuringPg.map((server) => server.output().slice(-2000))).toEqual([]);
    // The instances reconnected by themselves: sign-ups were acknowledged again within seconds.
    expect(pgRecovered.at - pgBack).toBeLessThan(10_000);
    // After the kill nginx used the other instance; every failure was a proxy error page, never a 303 that got lost.
    expect(describeOutcomes(failed(killPhase).filter((o) => ![502, 504].includes(o.status) && o.status !== 0))).toEqual(
      [],
    );
    expect(window(killAt + 3000, restartedAt).filter((o) => o.status === 303).length).toBeGreaterThan(10);
    // Both instances are healthy again and the outbox is empty.
    for (const server of web) expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const health = (await (await fetch(`${web[0]!.url}/healthz`, { headers: monitoringHeaders })).json()) as {
      outbox: { pending: number; failed: number };
    };
    expect(health.outbox).toMatchObject({ failed: 0 });
    // No personal data in any log, even while the database was down.
    for (const output of [web[0]!.output(), web[1]!.output(), workerOutput])
      expect(output).not.toContain('@topologie.example');
  }, 240_000);
});
