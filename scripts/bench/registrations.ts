/**
 * Benchmark of the sign-up forms: sustained valid submissions against the PRODUCTION build
 * (`node $ASTRO_OUT_DIR/server/entry.mjs`, NODE_ENV=production) on its own embedded PostgreSQL.
 *
 *   Run 1: BENCH_SECONDS (30) at BENCH_CONCURRENCY (50) concurrent form posts. Prints accepted
 *          sign-ups per second and latency percentiles, then checks that every acknowledged
 *          (303) sign-up is in the database with its confirmation mail in the outbox (zero lost,
 *          nothing half-written).
 *   Run 2: the same, but the server is killed with SIGKILL halfway and started again on the same
 *          data; the load keeps going (refused/failed requests while it is down are counted, not
 *          acknowledged). Afterwards every acknowledged sign-up must still be there.
 *
 * Nothing is switched off for the benchmark. The abuse protection works as in production:
 *  - minimum fill time: the bench knows the server's APP_SECRET (it starts the server) and signs
 *    form tokens dated 10 s in the past with `issueFormToken`, as a person who took 10 s would;
 *  - rate limits: the server runs with TRUST_PROXY=true and each request carries its own
 *    X-Forwarded-For address and its own e-mail address, as 50 different people would.
 * Coordinators are added for every gemeente so each sign-up also queues the coordinator notice.
 *
 * Issue 18 adds, in run 1:
 *  - the physical limit measured in the same run: a minimal Node HTTP server that parses the same
 *    forms and does one INSERT in one transaction on the same PostgreSQL
 *    (scripts/bench/signup-baseline.mjs), at the same concurrency; the ratio portal / baseline.
 *    It runs once the portal has delivered the run's mails (it prints how long that took), so the
 *    baseline does not share the machine with the outbox catching up;
 *  - the query statistics of the measured run (pg_stat_statements, switched on by the bench with
 *    ALTER SYSTEM and a restart): statements per acknowledged sign-up, the costliest first;
 *  - with BENCH_CPU_PROFILE=1, a CPU profile of the server during the run (node --cpu-prof), its
 *    heaviest functions printed and the .cpuprofile kept for Chrome DevTools.
 *
 * Usage: export ASTRO_OUT_DIR=dist-<you>; build; sh scripts/run.sh tsx scripts/bench/registrations.ts
 *   BENCH_SKIP_KILL=1 skips run 2. BENCH_OUTBOX_WORKER=false runs the server as a web instance of
 *   docs/deploy.md (no mail delivery in the process; nothing delivers during the bench, the check
 *   still finds every mail queued in the outbox), to see the sign-up's own cost.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { connectDatabase } from '~/server/db/db';
import { freePort } from '~/server/db/embedded-postgres';
import { issueFormToken } from '~/server/registrations/form-token';
import { embeddedDatabaseUrl } from '~tests/support/embedded-database';
import { createStaff } from '~tests/support/factories';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const APP_SECRET = 'bench-secret-'.padEnd(48, 'b');
const entry = path.resolve(process.env.ASTRO_OUT_DIR ?? 'dist', 'server/entry.mjs');
if (!existsSync(entry))
  throw new Error(`${entry} is missing: build first (ASTRO_OUT_DIR=${process.env.ASTRO_OUT_DIR ?? 'dist'})`);

if (process.env.BENCH_OUTBOX_WORKER === 'false')
  console.log('The server delivers no mail (OUTBOX_WORKER=false, a web instance of docs/deploy.md).');
console.log(
  `Load average before the run: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${os.cpus().length} cores (the machine may be shared).`,
);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
};

type Server = { child: ChildProcess; url: string; output: () => string; exited: Promise<void> };

async function startServer(dataDir: string, port: number, extraEnv: Record<string, string> = {}): Promise<Server> {
  let output = '';
  const child = spawn(process.execPath, [entry], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      APP_SECRET,
      PUBLIC_URL: `http://localhost:${port}`,
      HOST: 'localhost',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'warn',
      ASTRO_TELEMETRY_DISABLED: '1',
      ...(process.env.BENCH_OUTBOX_WORKER === 'false' ? { OUTBOX_WORKER: 'false' } : {}),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server = { child, url: `http://localhost:${port}`, output: () => output, exited };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    const ok = await fetch(`${server.url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return server;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy:\n${output}`);
}

function database(dataDir: string) {
  return postgres(embeddedDatabaseUrl(dataDir), { max: 2, onnotice: () => {} });
}

const gemeenten = [
  { slug: 'beekdaelen', kern: 'Schimmert' },
  { slug: 'heerenveen', kern: 'Akkrum' },
  { slug: 'haarlem', kern: 'Schalkwijk' },
  { slug: 'uithoorn', kern: 'De Kwakel' },
];
const kinds = ['vraaggezin', 'steungezin', 'verwijzing'] as const;
type Kind = (typeof kinds)[number];
const paths: Record<Kind, (g: string) => string> = {
  vraaggezin: (g) => `/${g}/aanmelden/vraaggezin`,
  steungezin: (g) => `/${g}/aanmelden/steungezin`,
  verwijzing: (g) => `/${g}/verwijzen`,
};

// Every post gets its own phone number across all runs: a repeated phone (same gemeente, kind,
// day) is a repeat sign-up, which is stored but queues no mail, and would skew the mail check.
let phoneSequence = 0;
function formFor(kind: Kind, email: string, kern: string): URLSearchParams {
  const token = issueFormToken({ secret: APP_SECRET, kind, now: new Date(Date.now() - 10_000) });
  const phone = `06${String(10_000_000 + phoneSequence++)}`;
  const common = { formToken: token, website: '', kern };
  const fields: Record<string, string | string[]> =
    kind === 'vraaggezin'
      ? {
          ...common,
          name: 'Sanne',
          phone,
          contactTime: 'avond',
          email,
          children: '4 en 2016',
          supportWishes: ['vaste-middag', 'luisterend-oor'],
          message: 'Woensdag is fijn.',
          source: 'school',
          consent: 'ja',
        }
      : kind === 'steungezin'
        ? {
            ...common,
            name: 'Ruud',
            adults: '2',
            email,
            phone,
            ownChildren: '9 en 12',
            days: ['wo', 'za'],
            frequency: 'wekelijks',
            sleepovers: 'ja',
            ageGroups: ['4-12'],
            motivation: 'Onze kinderen zijn groot; we hebben tijd.',
            vog: 'ja',
            consent: 'ja',
          }
        : {
            ...common,
            referrerName: 'Mw. Jansen',
            organisationType: 'school',
            organisationName: 'Basisschool De Linde',
            referrerEmail: email,
            name: 'Fatima',
            phone,
            firstContact: 'coordinator',
            children: '3 en 6',
            reason: 'Moeder staat er alleen voor.',
            parentsAgree: 'ja',
            wantsUpdates: 'ja',
            consent: 'ja',
          };
  return new URLSearchParams(
    Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])),
  );
}

type RunResult = { acknowledged: string[]; latencies: number[]; refused: Map<string, number>; elapsedMs: number };

async function load(
  url: () => string,
  runId: string,
  seconds: number,
  onHalfway?: () => Promise<void>,
): Promise<RunResult> {
  const acknowledged: string[] = [];
  const latencies: number[] = [];
  const refused = new Map<string, number>();
  const count = (key: string) => refused.set(key, (refused.get(key) ?? 0) + 1);
  let n = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  let halfwayDone = false;
  const halfway = onHalfway
    ? new Promise<void>((resolve) =>
        setTimeout(
          () =>
            void onHalfway().finally(() => {
              halfwayDone = true;
              resolve();
            }),
          (seconds * 1000) / 2,
        ),
      )
    : Promise.resolve();
  const worker = async () => {
    while (performance.now() < end) {
      const i = n++;
      const kind = kinds[i % kinds.length]!;
      const gemeente = gemeenten[Math.floor(i / kinds.length) % gemeenten.length]!;
      const email = `bench-${runId}-${i}@voorbeeld.nl`;
      const address = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      const t0 = performance.now();
      try {
        const base = url();
        const response = await fetch(base + paths[kind](gemeente.slug), {
          method: 'POST',
          redirect: 'manual',
          headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
          body: formFor(kind, email, gemeente.kern).toString(),
          signal: AbortSignal.timeout(30_000),
        });
        await response.arrayBuffer();
        if (response.status === 303) {
          acknowledged.push(email);
          latencies.push(performance.now() - t0);
        } else count(`HTTP ${response.status}`);
      } catch {
        count('no answer (server down)');
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await halfway;
  if (onHalfway && !halfwayDone) throw new Error('the halfway action did not finish');
  return { acknowledged, latencies, refused, elapsedMs: performance.now() - started };
}

async function verify(dataDir: string, acknowledged: string[]) {
  const sql = database(dataDir);
  try {
    const rows = await sql<{ email: string; mails: number }[]>`
      select coalesce(r.contact_email, r.details->'referrer'->>'email') as email,
             (select count(*)::int from outbox_messages o where o.payload->>'to' = coalesce(r.contact_email, r.details->'referrer'->>'email')) as mails
      from registrations r
      where coalesce(r.contact_email, r.details->'referrer'->>'email') = any(${acknowledged})`;
    const found = new Set(rows.map((r) => r.email));
    const lost = acknowledged.filter((e) => !found.has(e));
    const withoutMail = rows.filter((r) => r.mails !== 1).length;
    const [total] = await sql<{ n: number }[]>`select count(*)::int as n from registrations`;
    return { lost: lost.length, withoutMail, stored: total!.n };
  } finally {
    await sql.end();
  }
}

async function addCoordinators(dataDir: string) {
  const connection = connectDatabase(embeddedDatabaseUrl(dataDir), { max: 2 });
  for (const g of gemeenten)
    await createStaff(connection.db, {
      email: `coordinator-${g.slug}@bench.invalid`,
      displayName: `Coördinator ${g.slug}`,
      gemeenten: [g.slug],
      appSecret: APP_SECRET,
    });
  await connection.close();
}

function report(label: string, result: RunResult, check: { lost: number; withoutMail: number; stored: number }) {
  const seconds = result.elapsedMs / 1000;
  console.log(`\n${label}`);
  console.log(
    `  acknowledged (303): ${result.acknowledged.length} in ${seconds.toFixed(1)} s = ${(result.acknowledged.length / seconds).toFixed(1)} sign-ups/s at concurrency ${CONCURRENCY}`,
  );
  console.log(
    `  latency of acknowledged posts: p50 ${percentile(result.latencies, 50).toFixed(0)} ms, p95 ${percentile(result.latencies, 95).toFixed(0)} ms, p99 ${percentile(result.latencies, 99).toFixed(0)} ms, max ${Math.max(...result.latencies).toFixed(0)} ms`,
  );
  console.log(
    `  not acknowledged: ${result.refused.size ? [...result.refused].map(([k, v]) => `${k} x${v}`).join(', ') : 'none'}`,
  );
  console.log(
    `  in the database: ${check.stored} sign-ups; acknowledged but missing: ${check.lost}; acknowledged without exactly one confirmation mail in the outbox: ${check.withoutMail}`,
  );
}

/** Statements of the measured run per acknowledged sign-up, the costliest first. */
function reportStatements(statements: { calls: number; ms: number; query: string }[], signUps: number) {
  const totalCalls = statements.reduce((sum, s) => sum + s.calls, 0);
  const totalMs = statements.reduce((sum, s) => sum + s.ms, 0);
  console.log(
    `\n  pg_stat_statements during run 1: ${(totalCalls / signUps).toFixed(1)} statements and ${(totalMs / signUps).toFixed(2)} ms of database time per acknowledged sign-up (background work included); the costliest:`,
  );
  for (const s of statements.slice(0, 14))
    console.log(
      `  ${(s.calls / signUps).toFixed(2).padStart(6)}/sign-up ${(s.ms / signUps).toFixed(3).padStart(7)} ms  ${s.query.replace(/\s+/g, ' ').slice(0, 110)}`,
    );
}

/** The functions with the most CPU time (self, and with what they call) in the server's profile. */
function reportCpuProfile(dir: string) {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) {
    console.log(`\n  no CPU profile was written in ${dir}`);
    return;
  }
  type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
    nodes: Node[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const name = (node: Node) =>
    `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((sample, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const leaf = byId.get(sample)!;
    self.set(name(leaf), (self.get(name(leaf)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const key = name(byId.get(id)!);
      if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
      seen.add(key);
    }
  });
  const top = (map: Map<string, number>, count: number, filter = (_key: string) => true) =>
    [...map]
      .filter(([key]) => filter(key))
      .sort((x, y) => y[1] - x[1])
      .slice(0, count)
      .map(([key, us]) => `    ${((us / total) * 100).toFixed(1).padStart(5)}%  ${key}`)
      .join('\n');
  console.log(
    `\n  CPU profile of the server (whole process life, ${(total / 1e6).toFixed(1)} s sampled): ${path.join(dir, file)}`,
  );
  console.log(`  heaviest by self time:\n${top(self, 15)}`);
  console.log(
    `  our code by inclusive time:\n${top(inclusive, 20, (key) => /server\/(chunks|pages|entry)/.test(key) && !/^\(anonymous\)/.test(key))}`,
  );
}

const dirs: string[] = [];
const servers: Server[] = [];
let failed = false;
try {
  // --- run 1: steady load
  {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-registrations-'));
    chmodSync(dataDir, 0o755);
    dirs.push(dataDir);
    const port = await freePort();
    const first = await startServer(dataDir, port);
    servers.push(first);
    await addCoordinators(dataDir);
    // Query statistics need the module loaded at the start of PostgreSQL: set it, restart.
    const setup = database(dataDir);
    await setup`alter system set shared_preload_libraries = 'pg_stat_statements'`;
    await setup.end();
    first.child.kill('SIGTERM');
    await first.exited;
    const profileDir = process.env.BENCH_CPU_PROFILE ? mkdtempSync(path.join(os.tmpdir(), 'bench-cpu-profile-')) : '';
    const server = await startServer(
      dataDir,
      port,
      profileDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } : {},
    );
    servers.push(server);
    const stats = database(dataDir);
    await stats`create extension if not exists pg_stat_statements`;
    // Warm up (JIT, connection pool) with a few posts that are not counted.
    await load(() => server.url, 'warmup', 2);
    await stats`select pg_stat_statements_reset()`;
    const result = await load(() => server.url, 'steady', SECONDS);
    const runEnded = performance.now();
    const [waiting] = await stats<
      { n: number }[]
    >`select count(*)::int as n from outbox_messages where status = 'pending'`;
    const statements = await stats<{ calls: number; ms: number; query: string }[]>`
      select calls::int, total_exec_time::float8 as ms, query from pg_stat_statements
      where dbid = (select oid from pg_database where datname = current_database())
        and query not ilike '%pg_stat_statements%'
      order by total_exec_time desc`;
    const check = await verify(dataDir, result.acknowledged);
    report(`Run 1: ${SECONDS} s of valid sign-ups against the production server`, result, check);
    if (check.lost > 0 || check.withoutMail > 0) failed = true;
    reportStatements(statements, result.acknowledged.length);

    // The server delivers the run's mails after the run (the outbox): wait until it is done, so
    // the baseline below does not share the machine with that catch-up.
    if (process.env.BENCH_OUTBOX_WORKER !== 'false') {
      for (;;) {
        const [left] = await stats<
          { n: number }[]
        >`select count(*)::int as n from outbox_messages where status = 'pending'`;
        if (left!.n === 0) break;
        if (performance.now() - runEnded > 300_000) throw new Error(`${left!.n} mails still waiting after 5 minutes`);
        await new Promise((r) => setTimeout(r, 250));
      }
      console.log(
        `\n  ${waiting!.n} mails were waiting when the run ended; all delivered ${((performance.now() - runEnded) / 1000).toFixed(1)} s after the run (the outbox catching up)`,
      );
    }

    // The limit, on the same PostgreSQL in the same run.
    const baselinePort = await freePort();
    const baseline = spawn(
      process.execPath,
      ['scripts/bench/signup-baseline.mjs', embeddedDatabaseUrl(dataDir), String(baselinePort)],
      { stdio: 'inherit' },
    );
    const baselineUrl = `http://localhost:${baselinePort}`;
    for (let tries = 0; ; tries++) {
      const up = await fetch(baselineUrl).then(
        () => true,
        () => false,
      );
      if (up) break;
      if (tries > 100) throw new Error('the baseline server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    await load(() => baselineUrl, 'baseline-warmup', 2);
    const limit = await load(() => baselineUrl, 'baseline', SECONDS);
    baseline.kill('SIGTERM');
    const rate = (run: RunResult) => run.acknowledged.length / (run.elapsedMs / 1000);
    console.log(
      `\nBaseline (node:http + URLSearchParams + one INSERT in one transaction, same PostgreSQL, same concurrency ${CONCURRENCY}):`,
    );
    console.log(
      `  ${rate(limit).toFixed(1)} posts/s, p50 ${percentile(limit.latencies, 50).toFixed(0)} ms, p99 ${percentile(limit.latencies, 99).toFixed(0)} ms` +
        (limit.refused.size ? `; not 303: ${[...limit.refused].map(([k, v]) => `${k} x${v}`).join(', ')}` : ''),
    );
    console.log(
      `  portal / baseline: ${(rate(result) / rate(limit)).toFixed(2)}x the throughput (target 0.5x); portal p99 ${percentile(result.latencies, 99).toFixed(0)} ms (target < 250 ms)`,
    );
    await stats.end();
    server.child.kill('SIGTERM');
    await server.exited;
    if (profileDir) reportCpuProfile(profileDir);
  }

  // --- run 2: kill -9 halfway, restart, keep going
  if (!process.env.BENCH_SKIP_KILL) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-registrations-kill-'));
    chmodSync(dataDir, 0o755);
    dirs.push(dataDir);
    const port = await freePort();
    let current = await startServer(dataDir, port);
    servers.push(current);
    await addCoordinators(dataDir);
    await load(() => current.url, 'warmup', 2);
    let downMs = 0;
    const result = await load(
      () => current.url,
      'kill',
      SECONDS,
      async () => {
        const t0 = performance.now();
        console.log(
          `\n  ${new Date().toISOString()} kill -9 of the server (pid ${current.child.pid}) with requests in flight`,
        );
        current.child.kill('SIGKILL');
        await current.exited;
        current = await startServer(dataDir, port);
        servers.push(current);
        downMs = performance.now() - t0;
        console.log(`  ${new Date().toISOString()} server answering again after ${(downMs / 1000).toFixed(1)} s`);
      },
    );
    const check = await verify(dataDir, result.acknowledged);
    report(
      `Run 2: ${SECONDS} s with kill -9 halfway and a restart (down ${(downMs / 1000).toFixed(1)} s)`,
      result,
      check,
    );
    if (check.lost > 0 || check.withoutMail > 0) failed = true;
    current.child.kill('SIGTERM');
    await current.exited;
  }
} finally {
  for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM');
  await Promise.all(servers.map((s) => s.exited));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
console.log(
  failed
    ? '\nFAILED: acknowledged sign-ups are missing or half-written.'
    : '\nOK: every acknowledged sign-up was stored, with its mail, in both runs.',
);
process.exit(failed ? 1 : 0);
