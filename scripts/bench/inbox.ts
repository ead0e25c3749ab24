/**
 * Benchmark of the inbox against the real parts: PostgreSQL (DATABASE_URL, or a throw-away
 * embedded cluster) with 100,000 sign-ups over 350 gemeenten, and the BUILT server
 * ($ASTRO_OUT_DIR/server/entry.mjs) rendering /inbox over HTTP for a signed-in coordinator and
 * a backoffice user. Prints p50/p95 of the time to the complete page (request to last byte,
 * localhost: practically all of it server time) for the first page, filtered pages and a deep page.
 * Also the list query alone (listInbox in this process). Target: p95 under 100 ms.
 * The machine's load average is printed: on a shared, busy machine the tail grows.
 * Usage: sh scripts/run.sh tsx scripts/bench/inbox.ts   (BENCH_SIGNUPS=100000, BENCH_REQUESTS=200)
 */

import os from 'node:os';
import { sql } from 'drizzle-orm';
import { listInbox, parseInboxFilter } from '~/server/inbox/inbox.usecases';
import { createStaff } from '~tests/support/factories';
import { startServer } from '~tests/support/server-process';
import { openBenchDatabase, percentile } from './bench-database';

const SIGNUPS = Number(process.env.BENCH_SIGNUPS ?? 100_000);
const GEMEENTEN = 350;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);

const fmt = (ms: number) => `${ms.toFixed(1)} ms`.padStart(9);

// --- database
const bench = await openBenchDatabase('inbox', { max: 4 });
const { url, connection } = bench;
const { db } = connection;

// --- data: 350 gemeenten in 35 regions, 100,000 sign-ups over two years
// Bulk SQL on purpose: 100,000 rows through createRegistration (one INSERT each) would take minutes;
// set-based INSERT ... SELECT takes seconds. A handful of rows (the staff below) use the test factories.
const started = performance.now();
await db.execute(sql`truncate registrations, staff_users cascade`);
await db.execute(sql`
  insert into gemeenten (slug, name, province, region, status, kernen)
  select 'bench-' || lpad(g::text, 3, '0'), 'Benchgemeente ' || g, 'Bench', 'Benchregio ' || (g % 35), 'active', array['Kern A', 'Kern B']
  from generate_series(1, ${GEMEENTEN}) g
  on conflict (slug) do nothing`);
await db.execute(sql`
  insert into registrations (kind, gemeente_slug, kern, contact_name, contact_email, details, consents, status, created_at, updated_at)
  select k.kind, 'bench-' || lpad((1 + (g::bigint * 7919) % ${GEMEENTEN})::text, 3, '0'),
         case when g % 2 = 0 then 'Kern A' else 'Kern B' end,
         'Bench Persoon ' || g, 'bench' || g || '@example.nl',
         jsonb_build_object('kind', k.kind, 'children', '[]'::jsonb, 'supportWishes', '[]'::jsonb, 'message', null),
         '[]'::jsonb,
         (array['new','contacted','intake_1','intake_2','profile_published','proposed','matched','not_suitable','withdrawn','referred_elsewhere'])[1 + (g::bigint * 31) % 10],
         t.at, t.at
  from generate_series(1, ${SIGNUPS}) g
  cross join lateral (select (array['vraaggezin','steungezin','verwijzing']::registration_kind[])[1 + g % 3] as kind) k
  cross join lateral (select now() - ((g::bigint * 104729) % (730 * 24 * 60)) * interval '1 minute' as at) t`);
// The two staff members through the test factories (a handful of rows; the bulk above stays SQL).
const coordinator = await createStaff(db, {
  email: 'bench-coordinator@example.nl',
  displayName: 'Bench Coördinator',
  gemeenten: ['bench-001', 'bench-002'],
  session: true,
  clientAddress: '127.0.0.1',
});
const backoffice = await createStaff(db, {
  email: 'bench-backoffice@example.nl',
  displayName: 'Bench Bureau',
  role: 'backoffice',
  session: true,
  clientAddress: '127.0.0.1',
});
// A third of the sign-ups are assigned (to the coordinator in her gemeenten, to backoffice elsewhere); some were read.
await db.execute(sql`
  insert into inbox_items (registration_id, assigned_staff_id)
  select id, case when gemeente_slug in ('bench-001', 'bench-002') then ${coordinator.id}::uuid else ${backoffice.id}::uuid end
  from registrations where abs(hashtext(id::text)) % 3 = 0`);
await db.execute(sql`
  insert into inbox_reads (staff_id, registration_id, read_at)
  select ${backoffice.id}::uuid, id, now() from registrations where abs(hashtext(id::text)) % 4 = 0`);
await db.execute(sql`analyze`);
const counts = (
  await db.execute(
    sql`select count(*)::int as signups, count(distinct gemeente_slug)::int as gemeenten from registrations`,
  )
)[0] as { signups: number; gemeenten: number };
console.log(
  `Seeded ${counts.signups} sign-ups over ${counts.gemeenten} gemeenten in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
);

const coordinatorCookie = coordinator.session.cookie;
const backofficeCookie = backoffice.session.cookie;

// A cursor deep into the backoffice list (page 200 = rows 10,000..10,050).
const [deep] = (await db.execute(
  sql`select created_at, id from registrations order by created_at desc, id desc offset 9999 limit 1`,
)) as unknown as { created_at: string | Date; id: string }[];
const deepCursor = `${new Date(deep!.created_at).toISOString()}_${deep!.id}`;

// --- the built server
const server = await startServer({ DATABASE_URL: url, OUTBOX_WORKER: 'false', LOG_LEVEL: 'warn' });
const coordinatorCtx = coordinator.context;
const backofficeCtx = backoffice.context;
const scenarios: { name: string; path: string; cookie: string }[] = [
  { name: 'coordinator (2 gemeenten), first page', path: '/inbox', cookie: coordinatorCookie },
  { name: 'coordinator, filter kind + status', path: '/inbox?soort=vraaggezin&status=new', cookie: coordinatorCookie },
  { name: 'coordinator, assigned to me', path: '/inbox?mijn=1', cookie: coordinatorCookie },
  { name: 'backoffice (all 350), first page', path: '/inbox', cookie: backofficeCookie },
  {
    name: 'backoffice, filter kind + status',
    path: '/inbox?soort=steungezin&status=intake_1',
    cookie: backofficeCookie,
  },
  { name: 'backoffice, filter one gemeente', path: '/inbox?gemeente=bench-123', cookie: backofficeCookie },
  { name: 'backoffice, assigned to me', path: '/inbox?mijn=1', cookie: backofficeCookie },
  {
    name: 'backoffice, page 200 (keyset cursor)',
    path: `/inbox?na=${encodeURIComponent(deepCursor)}`,
    cookie: backofficeCookie,
  },
];
try {
  console.log(
    `Load average: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs.`,
  );
  console.log(`\n/inbox over HTTP, ${REQUESTS} requests each after 20 warm-up requests (target p95 < 100 ms):`);
  // Warm the server up (JIT, connection pool) before the first measurement.
  for (let i = 0; i < 100; i++)
    await (
      await fetch(server.url + scenarios[i % scenarios.length]!.path, {
        headers: { cookie: scenarios[i % scenarios.length]!.cookie },
      })
    ).text();
  console.log(`${'scenario'.padEnd(42)}  page p50  page p95  page max   rows  query p50 query p95`);
  for (const s of scenarios) {
    const once = async () => {
      const t0 = performance.now();
      const response = await fetch(server.url + s.path, { headers: { cookie: s.cookie }, redirect: 'manual' });
      const body = await response.text();
      const ms = performance.now() - t0;
      if (response.status !== 200) throw new Error(`${s.path}: HTTP ${response.status}`);
      return { ms, rows: (body.match(/href="\/inbox\/[0-9a-f-]{36}"/g) ?? []).length };
    };
    for (let i = 0; i < 20; i++) await once();
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const r = await once();
      times.push(r.ms);
      rows = r.rows;
    }
    // The same list through the domain function alone (the database part of the page).
    const ctx = s.cookie === coordinatorCookie ? coordinatorCtx : backofficeCtx;
    const filter = parseInboxFilter(new URL(s.path, server.url).searchParams);
    const queryTimes: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t0 = performance.now();
      await listInbox({ db, clock: () => new Date() }, ctx, filter);
      queryTimes.push(performance.now() - t0);
    }
    console.log(
      `${s.name.padEnd(42)}${fmt(percentile(times, 50))} ${fmt(percentile(times, 95))} ${fmt(Math.max(...times))}   ${String(rows).padStart(4)}  ${fmt(percentile(queryTimes, 50))} ${fmt(percentile(queryTimes, 95))}`,
    );
  }
} finally {
  await server.stop();
  await connection.close();
  await bench.removeEmbedded();
}
