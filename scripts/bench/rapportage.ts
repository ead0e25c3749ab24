/**
 * Benchmark of the progress report (issue 15) against the real parts: PostgreSQL (DATABASE_URL,
 * or a throw-away embedded cluster) with one gemeente holding 100,000 sign-ups and 10,000
 * koppelingen in its ledger (report_facts, over two years) and 100,000 sign-up records (the live
 * waiting list), and the BUILT server ($ASTRO_OUT_DIR/server/entry.mjs) rendering the yearly
 * report, its CSV and the quarterly report over HTTP for a signed-in coordinator and a gemeente
 * account (suppression), and the national dashboard (/rapportage for the backoffice, this year,
 * over the whole ledger). Prints p50/p95 of the time to the complete response. Targets: p95 under
 * 200 ms for the gemeente's report, under 1 s for the national dashboard.
 * Usage: sh scripts/run.sh sh -c "node scripts/build-if-changed.mjs && tsx scripts/bench/rapportage.ts"
 *        (BENCH_SIGNUPS=100000, BENCH_KOPPELINGEN=10000, BENCH_REQUESTS=100)
 */

import os from 'node:os';
import { sql } from 'drizzle-orm';
import { createStaff } from '~tests/support/factories';
import { startServer } from '~tests/support/server-process';
import { openBenchDatabase, percentile } from './bench-database';

const SIGNUPS = Number(process.env.BENCH_SIGNUPS ?? 100_000);
const KOPPELINGEN = Number(process.env.BENCH_KOPPELINGEN ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const GEMEENTE = 'bench-rapportage';

const fmt = (ms: number) => `${ms.toFixed(1)} ms`.padStart(10);

const bench = await openBenchDatabase('rapportage', { max: 4 });
const { url, connection } = bench;
const { db } = connection;

// --- data. Bulk SQL on purpose (set-based INSERT ... SELECT: seconds instead of minutes); the
// two accounts come from the test factories.
const started = performance.now();
await db.execute(sql`delete from report_facts where gemeente_slug = ${GEMEENTE}`);
await db.execute(sql`delete from registrations where gemeente_slug = ${GEMEENTE}`);
await db.execute(sql`
  insert into gemeenten (slug, name, province, region, status, kernen)
  values (${GEMEENTE}, 'Benchgemeente', 'Bench', 'Benchregio', 'active', array['Kern A', 'Kern B', 'Kern C', 'Kern D'])
  on conflict (slug) do nothing`);
// Facts over the two years before today, spread evenly.
const day = (n: string) => sql.raw(`(current_date - ((${n}::bigint * 7919) % 730)::int)`);
await db.execute(sql`
  insert into report_facts (gemeente_slug, occurred_on, fact, kind, source, kern, code)
  select ${GEMEENTE}, ${day('g')}, 'registration',
         (array['vraaggezin','steungezin','verwijzing'])[1 + g % 3],
         case when g % 3 = 2 then (array['school','huisarts','wijkteam','jgz','kinderopvang','other'])[1 + g % 6] else 'self' end,
         (array['Kern A','Kern B','Kern C','Kern D'])[1 + g % 4], 'vrienden-familie'
  from generate_series(1, ${SIGNUPS}) g`);
await db.execute(sql`
  insert into report_facts (gemeente_slug, occurred_on, fact, kind, source, kern, code)
  select ${GEMEENTE}, ${day('g')},
         case when g % 4 = 0 then 'exit' when g % 10 = 1 then 'profile_published' when g % 10 = 2 then 'profile_response' else 'intake' end,
         (array['vraaggezin','steungezin'])[1 + g % 2], 'self', 'Kern A',
         case when g % 4 = 0 then (array['referred_elsewhere','not_suitable','withdrawn'])[1 + g % 3] end
  from generate_series(1, ${SIGNUPS / 2}) g`);
await db.execute(sql`
  insert into report_facts (gemeente_slug, occurred_on, fact, kind, source, kern, code, days, data)
  select ${GEMEENTE}, ${day('g')}, step.fact, 'vraaggezin', 'self', (array['Kern A','Kern B'])[1 + g % 2], step.code, step.days, step.data
  from generate_series(1, ${KOPPELINGEN}) g
  cross join lateral (
    select 'koppeling_proposed' as fact, null::text as code, null::int as days, null::jsonb as data
    union all select 'koppeling_started', null, 20 + g % 200,
      jsonb_build_object('youthCareBaseline', jsonb_build_array('wijkteam'), 'daysPublishedToStart', 5 + g % 90)
    union all select 'koppeling_ended', (array['goal_reached','moved','two_years','other'])[1 + g % 4], 100 + g % 400,
      jsonb_build_object(
        'effects', jsonb_build_object('carefree', 'yes', 'horizon', 'somewhat', 'rest', 'yes', 'network', 'no'),
        'youthCareBaseline', jsonb_build_array('wijkteam'),
        'youthCareFinal', (array['prevented','reduced','stopped','same'])[1 + g % 4],
        'satisfaction', jsonb_build_object('vraaggezin', jsonb_build_object('speed', 6 + g % 5, 'support', 7 + g % 4)))
    where g % 5 <> 0
  ) step`);
await db.execute(sql`
  insert into registrations (kind, gemeente_slug, kern, contact_name, contact_email, details, consents, status, created_at, updated_at)
  select 'vraaggezin', ${GEMEENTE}, (array['Kern A','Kern B','Kern C','Kern D'])[1 + g % 4],
         'Bench Persoon ' || g, 'bench' || g || '@example.nl',
         jsonb_build_object('kind', 'vraaggezin', 'children', '[]'::jsonb, 'supportWishes', '[]'::jsonb, 'message', null),
         '[]'::jsonb,
         (array['new','contacted','intake_1','intake_2','profile_published','proposed','matched','completed','withdrawn','referred_elsewhere'])[1 + g % 10],
         now() - (g % 730) * interval '1 day', now()
  from generate_series(1, ${SIGNUPS}) g`);
// Vacuum as well as analyze: otherwise autovacuum starts on the fresh rows in the middle of the
// run and slows whichever scenario happens to be measured then.
await db.execute(sql`vacuum analyze`);
const coordinator = await createStaff(db, {
  email: 'bench-rapportage-coordinator@example.nl',
  gemeenten: [GEMEENTE],
  session: true,
  clientAddress: '127.0.0.1',
});
const official = await createStaff(db, {
  email: 'bench-rapportage-gemeente@example.nl',
  role: 'gemeente',
  gemeenten: [GEMEENTE],
  session: true,
  clientAddress: '127.0.0.1',
});
const backoffice = await createStaff(db, {
  email: 'bench-rapportage-backoffice@example.nl',
  role: 'backoffice',
  session: true,
  clientAddress: '127.0.0.1',
});
const [facts] = (await db.execute(
  sql`select count(*)::int as n from report_facts where gemeente_slug = ${GEMEENTE}`,
)) as unknown as { n: number }[];
console.log(
  `Seeded ${facts!.n} ledger facts and ${SIGNUPS} sign-up records in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
);

const year = new Date().getFullYear();
// BENCH_CPU_PROF=<folder>: the server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
const server = await startServer({
  DATABASE_URL: url,
  OUTBOX_WORKER: 'false',
  LOG_LEVEL: 'warn',
  ...(process.env.BENCH_CPU_PROF ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROF}` } : {}),
});
const scenarios = [
  {
    name: 'coordinator, yearly report (page)',
    path: `/rapportage/${GEMEENTE}?soort=jaar&jaar=${year}`,
    cookie: coordinator.session.cookie,
  },
  {
    name: 'coordinator, yearly report (CSV)',
    path: `/rapportage/${GEMEENTE}.csv?soort=jaar&jaar=${year}`,
    cookie: coordinator.session.cookie,
  },
  { name: 'coordinator, this quarter (page)', path: `/rapportage/${GEMEENTE}`, cookie: coordinator.session.cookie },
  {
    name: 'gemeente account, yearly report (page)',
    path: `/rapportage/${GEMEENTE}?soort=jaar&jaar=${year}`,
    cookie: official.session.cookie,
  },
  {
    name: 'gemeente account, yearly report (CSV)',
    path: `/rapportage/${GEMEENTE}.csv?soort=jaar&jaar=${year}`,
    cookie: official.session.cookie,
  },
  { name: 'backoffice, national dashboard (page)', path: '/rapportage', cookie: backoffice.session.cookie },
];
try {
  console.log(
    `Load average: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs.`,
  );
  console.log(
    `\nOver HTTP, ${REQUESTS} requests each after 10 warm-up requests (target p95 < 200 ms; national < 1 s):`,
  );
  console.log(`${'scenario'.padEnd(40)}       p50       p95       max`);
  const once = async (scenario: (typeof scenarios)[number]) => {
    const t0 = performance.now();
    const response = await fetch(server.url + scenario.path, {
      headers: { cookie: scenario.cookie },
      redirect: 'manual',
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${scenario.path}: HTTP ${response.status}`);
    return performance.now() - t0;
  };
  // Round by round, every scenario once per round: a busy moment on the machine slows them all
  // alike, so the figures can be compared with each other within one run.
  for (let i = 0; i < 10; i++) for (const scenario of scenarios) await once(scenario);
  const times = scenarios.map(() => [] as number[]);
  for (let i = 0; i < REQUESTS; i++)
    for (const [index, scenario] of scenarios.entries()) times[index]!.push(await once(scenario));
  for (const [index, scenario] of scenarios.entries()) {
    const own = times[index]!;
    console.log(
      `${scenario.name.padEnd(40)}${fmt(percentile(own, 50))}${fmt(percentile(own, 95))}${fmt(Math.max(...own))}`,
    );
  }
} finally {
  await server.stop();
  await connection.close();
  await bench.removeEmbedded();
}
