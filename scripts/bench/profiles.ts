/**
 * Benchmark of the public recruitment-profile pages against the real parts: the BUILT server
 * ($ASTRO_OUT_DIR/server/entry.mjs, NODE_ENV=production) on PostgreSQL (DATABASE_URL, or a
 * throw-away embedded cluster) with 60 published profiles over the four demo gemeenten.
 *  1. requests/s and p99 latency at 50 connections (autocannon) for the gemeente list, the
 *     national list (plain and filtered), a detail page, the gemeente home and a share image,
 *     once with the 1-second data cache (PROFILE_CACHE_MS=1000, the default) and once without
 *     (PROFILE_CACHE_MS=0: every request queries PostgreSQL); plus revalidation (If-None-Match -> 304).
 *  2. publish-to-visible latency: a coordinator publishes a draft over HTTP (POST, as the inbox
 *     page does) while the list is being read; we poll the public list until the new title is
 *     there. Measured on an idle server and with 50 connections reading the list at the same time.
 * Usage: sh scripts/run.sh tsx scripts/bench/profiles.ts   (BENCH_SECONDS=10, BENCH_PUBLISHES=20)
 * Decision 007 explains the cache; the promise is "visible within 1 second".
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { connectDatabase } from '~/server/db/db';
import { startEmbeddedPostgres } from '~/server/db/embedded-postgres';
import { migrateDatabase } from '~/server/db/migrate';
import { ensureDatabase } from '~/server/db/open-database';
import { profiles } from '~/server/profiles/profiles.table';
import { createProfile, createRegistration, createStaff } from '~tests/support/factories';
import { type ServerProcess, startServer } from '~tests/support/server-process';

type CannonResult = {
  requests: { average: number };
  latency: { p99: number; p50: number };
  non2xx: number;
  errors: number;
  statusCodeStats?: Record<string, { count: number }>;
};
const autocannon = createRequire(import.meta.url)('autocannon') as (options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => Promise<CannonResult>;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PUBLISHES = Number(process.env.BENCH_PUBLISHES ?? 20);
const CONNECTIONS = 50;
const GEMEENTEN = ['beekdaelen', 'heerenveen', 'haarlem', 'uithoorn'];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const log = (m: string) => process.stderr.write(`${m}\n`);

// --- database
let tmp: string | undefined;
let stopEmbedded: (() => Promise<void>) | undefined;
let url = process.env.DATABASE_URL;
if (!url) {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-profiles-'));
  chmodSync(tmp, 0o755);
  const embedded = await startEmbeddedPostgres({ databaseDir: path.join(tmp, 'postgres') });
  stopEmbedded = embedded.stop;
  url = await ensureDatabase(embedded.url, 'bench_profiles');
}
const connection = connectDatabase(url, { max: 4 });
const { db } = connection;
await migrateDatabase(connection);
await db.execute(sql`truncate profiles, registrations, staff_users cascade`);
// The server syncs the gemeenten from the content files at start; the profiles need them.
const servers: Record<string, ServerProcess> = {};
servers.cached = await startServer({
  DATABASE_URL: url,
  OUTBOX_WORKER: 'false',
  LOG_LEVEL: 'warn',
  PROFILE_CACHE_MS: '1000',
});

// --- data: 60 published profiles (15 per gemeente), realistic lengths
const STORY =
  'Een moeder met drie kinderen doet alles alleen en kent nog weinig mensen in de buurt. De jongste is een vrolijke peuter die graag buiten speelt. ' +
  'Een vaste middag per week bij een ander gezin zou haar wereld groter maken, en moeder even lucht geven.\n\nAf en toe een nachtje logeren zou ook helpen.';
// 60 + PUBLISHES profiles with their families: few enough to make one by one with the test factories.
async function benchProfile(gemeente: string, i: number, status: 'draft' | 'published', title?: string) {
  const family = await createRegistration(db, 'vraaggezin', { gemeenteSlug: gemeente, contactName: 'Familie Jansen' });
  return createProfile(db, {
    registration: family,
    status,
    title: title ?? `Wie maakt de woensdag gezellig voor een nieuwsgierige kleuter? (${i})`,
    kern: i % 2 ? 'Centrum' : gemeente,
    children: [
      { minAge: (i % 10) + 1, maxAge: (i % 10) + 3, gender: i % 3 === 0 ? ('meisje' as const) : null },
      { minAge: 12, maxAge: 14, gender: null },
    ],
    supportKinds: i % 2 ? ['vaste-middag', 'logeren'] : ['weekend'],
    days: ['wo', 'za'],
    frequency: 'wekelijks',
    sleepovers: 'misschien',
    story: STORY,
    asks: 'Eén middag per week spelen, knutselen of naar de speeltuin.',
    offers: 'Een warm contact, een kind dat opbloeit en steun van de coördinator.',
    publishedAt: status === 'published' ? new Date(Date.now() - i * 3_600_000) : null,
  });
}
for (const [g, gemeente] of GEMEENTEN.entries()) {
  for (let i = 0; i < 15; i++) await benchProfile(gemeente, g * 100 + i, 'published');
}
const coordinator = await createStaff(db, {
  email: 'bench-coordinator@example.nl',
  displayName: 'Bench Coördinator',
  gemeenten: ['beekdaelen'],
  session: true,
});
const { cookie } = coordinator.session;
const [detail] = await db
  .select({ id: profiles.id })
  .from(profiles)
  .where(sql`${profiles.gemeenteSlug} = 'beekdaelen'`)
  .limit(1);

const pages = [
  { name: 'gemeente list /beekdaelen/steungezin-gezocht', path: '/beekdaelen/steungezin-gezocht' },
  { name: 'national list /steungezin-gezocht', path: '/steungezin-gezocht' },
  {
    name: 'national list, 3 filters',
    path: '/steungezin-gezocht?gemeente=beekdaelen&leeftijd=4-12&steun=vaste-middag',
  },
  { name: 'detail page', path: `/beekdaelen/steungezin-gezocht/${detail!.id}` },
  { name: 'gemeente home /beekdaelen (latest 3)', path: '/beekdaelen' },
  {
    name: 'share image og.png (rendered once, then memory)',
    path: `/beekdaelen/steungezin-gezocht/${detail!.id}/og.png`,
  },
];

async function load(server: ServerProcess, pagePath: string, headers?: Record<string, string>) {
  await autocannon({ url: server.url + pagePath, connections: 10, duration: 1, headers }); // warm-up
  const r = await autocannon({ url: server.url + pagePath, connections: CONNECTIONS, duration: SECONDS, headers });
  return r;
}

const rows: string[] = [];
const row = (mode: string, name: string, r: CannonResult) =>
  rows.push(
    `${mode.padEnd(9)} ${name.padEnd(50)} ${r.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   non-2xx ${r.non2xx}`,
  );

async function publishToVisible(server: ServerProcess, label: string) {
  const times: { request: number; visible: number }[] = [];
  for (let i = 0; i < PUBLISHES; i++) {
    const title = `Bench publicatie ${label} ${i} ${Date.now().toString(36)}`;
    const draft = await benchProfile('beekdaelen', 9000 + i, 'draft', title);
    // The list is read (and cached) just before publishing, as it would be on a busy site.
    await (await fetch(`${server.url}/beekdaelen/steungezin-gezocht`)).text();
    const t0 = performance.now();
    const response = await fetch(`${server.url}/inbox/profielen/${draft.id}`, {
      method: 'POST',
      headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ action: 'publish' }),
      redirect: 'manual',
    });
    await response.text();
    if (response.status !== 303) throw new Error(`publish answered ${response.status}`);
    const t1 = performance.now();
    for (;;) {
      const html = await (await fetch(`${server.url}/beekdaelen/steungezin-gezocht`)).text();
      if (html.includes(title)) break;
      if (performance.now() - t0 > 5000) throw new Error('not visible after 5 s');
    }
    times.push({ request: t1 - t0, visible: performance.now() - t0 });
  }
  const visible = times.map((t) => t.visible);
  const request = times.map((t) => t.request);
  const afterAck = times.map((t) => t.visible - t.request);
  const f = (n: number) => `${n.toFixed(0)} ms`;
  rows.push(
    `publish -> visible, ${label.padEnd(20)} POST p50 ${f(percentile(request, 50))} · from click p50 ${f(percentile(visible, 50))} p95 ${f(percentile(visible, 95))} max ${f(Math.max(...visible))} · after the 303 p50 ${f(percentile(afterAck, 50))} max ${f(Math.max(...afterAck))} (${PUBLISHES}x)`,
  );
}

try {
  log(
    `Load average before: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs.`,
  );
  for (const [mode, cacheMs] of [
    ['cached', '1000'],
    ['uncached', '0'],
  ] as const) {
    const server =
      servers[mode] ??
      (await startServer({ DATABASE_URL: url, OUTBOX_WORKER: 'false', LOG_LEVEL: 'warn', PROFILE_CACHE_MS: cacheMs }));
    try {
      for (const page of pages) {
        log(`${mode}: ${page.path}`);
        row(mode, page.name, await load(server, page.path));
      }
      if (mode === 'cached') {
        const etag = (await fetch(`${server.url}/beekdaelen/steungezin-gezocht`)).headers.get('etag')!;
        row(
          'cached',
          'gemeente list, revalidation (If-None-Match -> 304)',
          await load(server, '/beekdaelen/steungezin-gezocht', { 'if-none-match': etag }),
        );
      }
      log(`${mode}: publish -> visible`);
      await publishToVisible(server, `${mode}, idle`);
      // The same while 50 connections keep reading the list.
      const background = autocannon({
        url: `${server.url}/beekdaelen/steungezin-gezocht`,
        connections: CONNECTIONS,
        duration: Math.max(5, Math.ceil(PUBLISHES / 4)),
      });
      await new Promise((r) => setTimeout(r, 500));
      await publishToVisible(server, `${mode}, under load`);
      await background;
    } finally {
      await server.stop();
    }
  }
  console.log(
    `\nPublic profile pages, ${CONNECTIONS} connections, ${SECONDS} s each, 60 published profiles (built server, NODE_ENV=production)`,
  );
  console.log(
    `Load average after: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs (shared machine: other work runs too).`,
  );
  for (const r of rows) console.log(r);
} finally {
  for (const server of Object.values(servers)) await server.stop();
  await connection.close();
  await stopEmbedded?.();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
