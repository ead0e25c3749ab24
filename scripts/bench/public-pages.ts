/**
 * Benchmark of the public pages against the physical limit, measured in the same run (issue 18):
 *  1. for every page type, requests/s and p50/p99 at 50 connections (autocannon) from
 *       - the portal: the BUILT server ($ASTRO_OUT_DIR/server/entry.mjs, NODE_ENV=production) on
 *         PostgreSQL with 60 published profiles over four gemeenten;
 *       - the same portal with the page cache off (PAGE_CACHE_MB=0: rendered per request, with the
 *         1-second data cache of decision 007), the "before" of issue 18;
 *       - the same HTML saved to files, served by nginx from Debian (one worker, access log off)
 *       - and by the plain node static server (scripts/bench/static-server.mjs),
 *     with the ratio portal / static. Target: at least 0.7x the node static server, p99 < 50 ms.
 *  2. the server's memory (RSS) at rest, and its peak under the load of part 1;
 *  3. publish-to-visible: a coordinator publishes over HTTP on instance A while the gemeente list
 *     is cached on A and on a second instance B (same database); we poll both until the title shows;
 *  4. the time from `npm start` on a built tree to the first 200 (the national home, then a
 *     gemeente home that needs the database), with a fresh DATA_DIR and again on the same one.
 * Usage: sh scripts/run.sh tsx scripts/bench/public-pages.ts   (build first: node scripts/build-if-changed.mjs)
 *   BENCH_SECONDS (4) per measurement, BENCH_ROUNDS (3), BENCH_PUBLISHES (10), BENCH_SKIP_START=1 skips part 4,
 *   BENCH_SKIP_PUBLISH=1 skips part 3, BENCH_PAGES=detail,national-filters (ids below) measures only those pages.
 *   The four servers of a page are measured in turns, BENCH_ROUNDS times, and the median round of
 *   each is shown: on a shared machine a burst of other work then hits all of them alike. A full
 *   run with the defaults takes about 10 minutes on a quiet machine (it prints its estimate).
 * It replaces scripts/bench/profiles.ts (same data set; the "off" column is its "before").
 * Decision 023 explains the page cache this measures.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { freePort } from '~/server/db/embedded-postgres';
import { createProfile, createRegistration, createStaff } from '~tests/support/factories';
import { type ServerProcess, startServer } from '~tests/support/server-process';
import { openBenchDatabase, percentile } from './bench-database';

type CannonResult = {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
};
const autocannon = createRequire(import.meta.url)('autocannon') as (options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => Promise<CannonResult>;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
/** Warm-up per server and page (JIT, caches, connections), not counted. */
const WARM_UP_SECONDS = 1;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PUBLISHES = Number(process.env.BENCH_PUBLISHES ?? 10);
const CONNECTIONS = 50;
const GEMEENTEN = ['beekdaelen', 'heerenveen', 'haarlem', 'uithoorn'];
const outDir = process.env.ASTRO_OUT_DIR ?? 'dist';

const log = (message: string) => process.stderr.write(`${message}\n`);
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
/** VmRSS and VmHWM (peak) of a process, in kB. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

const temp = mkdtempSync(path.join(os.tmpdir(), 'bench-public-pages-'));
chmodSync(temp, 0o755); // the embedded PostgreSQL and nginx's workers run as other users
const children: ChildProcess[] = [];
const servers: ServerProcess[] = [];
let database: Awaited<ReturnType<typeof openBenchDatabase>> | undefined;

async function main() {
  log(`load average at the start: ${loadAverage()} (${os.cpus().length} CPUs)`);
  execFileSync('sh', ['scripts/ensure-apt-packages.sh', 'nginx:/usr/sbin/nginx'], { stdio: 'inherit' });

  // --- database with 60 published profiles
  database = await openBenchDatabase('public_pages', { max: 4 });
  const { db, url, connection } = database;
  await db.execute(sql`truncate profiles, registrations, staff_users cascade`);
  const env = { DATABASE_URL: url, OUTBOX_WORKER: 'false', LOG_LEVEL: 'warn' };
  const a = await startServer(env);
  const uncached = await startServer({ ...env, PAGE_CACHE_MB: '0' });
  servers.push(a, uncached);

  const story =
    'Een moeder met drie kinderen doet alles alleen en kent nog weinig mensen in de buurt. De jongste is een vrolijke peuter die graag buiten speelt. ' +
    'Een vaste middag per week bij een ander gezin zou haar wereld groter maken, en moeder even lucht geven.\n\nAf en toe een nachtje logeren zou ook helpen.';
  const benchProfile = async (gemeente: string, i: number, status: 'draft' | 'published', title?: string) =>
    createProfile(db, {
      registration: await createRegistration(db, 'vraaggezin', {
        gemeenteSlug: gemeente,
        contactName: 'Familie Jansen',
      }),
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
      story,
      asks: 'Eén middag per week spelen, knutselen of naar de speeltuin.',
      offers: 'Een warm contact, een kind dat opbloeit en steun van de coördinator.',
      publishedAt: status === 'published' ? new Date(Date.now() - i * 3_600_000) : null,
    });
  let detailId = '';
  for (const [g, gemeente] of GEMEENTEN.entries())
    for (let i = 0; i < 15; i++) {
      const profile = await benchProfile(gemeente, g * 100 + i, 'published');
      if (gemeente === 'beekdaelen' && i === 0) detailId = profile.id;
    }

  // The share image the detail page announces (og:image), whatever its address is in this build.
  const detailPath = `/beekdaelen/steungezin-gezocht/${detailId}`;
  const detailHtml = await (await fetch(a.url + detailPath)).text();
  const ogImage = /<meta property="og:image" content="([^"]+)"/.exec(detailHtml)?.[1];
  if (!ogImage) throw new Error('the detail page has no og:image');
  const allPages = [
    { id: 'home', name: 'national home (prerendered)', path: '/' },
    { id: 'gemeente-home', name: 'gemeente home /beekdaelen', path: '/beekdaelen' },
    { id: 'gemeente-list', name: 'gemeente list', path: '/beekdaelen/steungezin-gezocht' },
    { id: 'national-list', name: 'national list', path: '/steungezin-gezocht' },
    {
      id: 'national-filters',
      name: 'national list, 3 filters',
      path: '/steungezin-gezocht?gemeente=beekdaelen&leeftijd=4-12&steun=vaste-middag',
    },
    { id: 'kern-filter', name: 'gemeente list, kern filter', path: '/beekdaelen/steungezin-gezocht?kern=Centrum' },
    { id: 'detail', name: 'profile detail', path: detailPath },
    { id: 'og', name: 'share image (og:image)', path: new URL(ogImage).pathname },
    { id: 'search', name: 'gemeente search /gemeenten/zoeken', path: '/gemeenten/zoeken?q=schimmert' },
    { id: '404', name: 'kind 404 /appelscha', path: '/appelscha' },
  ];
  const wanted = process.env.BENCH_PAGES?.split(',').map((id) => id.trim());
  const unknown = wanted?.filter((id) => !allPages.some((page) => page.id === id)) ?? [];
  if (unknown.length)
    throw new Error(`BENCH_PAGES: unknown ${unknown.join(', ')}; known: ${allPages.map((page) => page.id).join(', ')}`);
  const pages = wanted ? allPages.filter((page) => wanted.includes(page.id)) : allPages;
  const perPage = 4 * (WARM_UP_SECONDS + ROUNDS * SECONDS);
  log(
    `measuring ${pages.length} page types: about ${Math.ceil((pages.length * perPage) / 60)} min of load, then publish and start-up`,
  );

  // --- the same bytes as files, for nginx and the node static server
  const snapshots = path.join(temp, 'snapshots');
  mkdirSync(snapshots, { recursive: true, mode: 0o755 });
  const saved = await Promise.all(
    pages.map(async (page, i) => {
      const response = await fetch(a.url + page.path);
      const body = Buffer.from(await response.arrayBuffer());
      const file = `page-${i}${page.path.endsWith('.png') ? '.png' : '.html'}`;
      writeFileSync(path.join(snapshots, file), body);
      // The second request shows whether the page cache answers it (x-cache: hit) and what it says.
      const again = await fetch(a.url + page.path);
      await again.arrayBuffer();
      const served = `${again.headers.get('x-cache') ?? 'not kept'}; ${again.headers.get('cache-control') ?? '-'}`;
      return { ...page, status: response.status, bytes: body.length, file, served };
    }),
  );
  const staticPort = await freePort();
  const nginxPort = await freePort();
  const staticServer = spawn(process.execPath, ['scripts/bench/static-server.mjs', snapshots, String(staticPort)], {
    stdio: 'ignore',
  });
  children.push(staticServer);
  const nginxDir = path.join(temp, 'nginx');
  mkdirSync(nginxDir, { recursive: true, mode: 0o755 });
  writeFileSync(
    path.join(nginxDir, 'nginx.conf'),
    `worker_processes 1;
daemon off;
pid ${nginxDir}/nginx.pid;
error_log ${nginxDir}/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path ${nginxDir}/body;
  proxy_temp_path ${nginxDir}/proxy;
  fastcgi_temp_path ${nginxDir}/fastcgi;
  uwsgi_temp_path ${nginxDir}/uwsgi;
  scgi_temp_path ${nginxDir}/scgi;
  server {
    listen 127.0.0.1:${nginxPort};
    root ${snapshots};
    location / { try_files $uri $uri.html =404; }
  }
}
`,
  );
  const nginx = spawn('/usr/sbin/nginx', ['-c', path.join(nginxDir, 'nginx.conf'), '-p', nginxDir], {
    stdio: 'ignore',
  });
  children.push(nginx);
  await waitFor(`http://127.0.0.1:${staticPort}/page-0`);
  await waitFor(`http://127.0.0.1:${nginxPort}/page-0`);

  // --- 1 and 2: throughput, memory
  const pid = a.child.pid!;
  const atRest = memoryOf(pid);
  let peakUnderLoad = 0;
  const sampler = setInterval(() => {
    peakUnderLoad = Math.max(peakUnderLoad, memoryOf(pid).rss);
  }, 100);
  /** Warms every target up (JIT, caches, connections), then measures them in turns; the median round of each. */
  const measure = async (targets: string[]): Promise<CannonResult[]> => {
    for (const target of targets) await autocannon({ url: target, connections: 10, duration: WARM_UP_SECONDS });
    const rounds: CannonResult[][] = targets.map(() => []);
    for (let round = 0; round < ROUNDS; round++)
      for (const [i, target] of targets.entries())
        rounds[i]!.push(await autocannon({ url: target, connections: CONNECTIONS, duration: SECONDS }));
    return rounds.map((results) => {
      const sorted = [...results].sort((x, y) => x.requests.average - y.requests.average);
      return sorted[Math.floor(sorted.length / 2)]!;
    });
  };
  const rows: string[] = [];
  const verdicts: boolean[] = [];
  for (const page of saved) {
    log(`load: ${page.name}`);
    const [app, before, node, viaNginx] = (await measure([
      a.url + page.path,
      uncached.url + page.path,
      `http://127.0.0.1:${staticPort}/${page.file}`,
      `http://127.0.0.1:${nginxPort}/${page.file}`,
    ])) as [CannonResult, CannonResult, CannonResult, CannonResult];
    const ratio = app.requests.average / node.requests.average;
    const met = ratio >= 0.7 && app.latency.p99 < 50;
    verdicts.push(met);
    const errors = (r: CannonResult) => r.errors + r.timeouts + (page.status === 200 ? r.non2xx : 0);
    rows.push(
      [
        page.name.padEnd(36),
        String(page.status).padStart(3),
        `${(page.bytes / 1024).toFixed(1)} KB`.padStart(9),
        `${app.requests.average.toFixed(0)}`.padStart(6),
        `${app.latency.p50}/${app.latency.p99}`.padStart(7),
        `${before.requests.average.toFixed(0)}`.padStart(6),
        `${before.latency.p99}`.padStart(4),
        `${node.requests.average.toFixed(0)}`.padStart(6),
        `${node.latency.p99}`.padStart(4),
        `${viaNginx.requests.average.toFixed(0)}`.padStart(6),
        `${viaNginx.latency.p99}`.padStart(4),
        `${ratio.toFixed(2)}x`.padStart(6),
        `${(app.requests.average / viaNginx.requests.average).toFixed(2)}x`.padStart(6),
        met ? 'met' : 'NOT met',
        errors(app) + errors(before) + errors(node) + errors(viaNginx)
          ? `errors ${errors(app)}/${errors(before)}/${errors(node)}/${errors(viaNginx)}`
          : '',
      ].join(' | '),
    );
  }
  clearInterval(sampler);
  const afterLoad = memoryOf(pid);

  // --- 3: publish-to-visible on instance A (where the coordinator clicks) and B
  const b = await startServer(env);
  servers.push(b);
  const { cookie } = (
    await createStaff(db, {
      email: 'bench-coordinator@example.nl',
      displayName: 'Bench Coördinator',
      gemeenten: ['beekdaelen'],
      session: true,
    })
  ).session;
  const listPath = '/beekdaelen/steungezin-gezocht';
  const publishRows: string[] = [];
  const publishToVisible = async (label: string) => {
    const times = { post: [] as number[], a: [] as number[], b: [] as number[] };
    for (let i = 0; i < PUBLISHES; i++) {
      const title = `Bench publicatie ${label} ${i} ${Date.now().toString(36)}`;
      const draft = await benchProfile('beekdaelen', 9000 + i, 'draft', title);
      for (const server of [a, b]) await (await fetch(server.url + listPath)).text(); // cached on both
      const t0 = performance.now();
      const response = await fetch(`${a.url}/inbox/profielen/${draft.id}`, {
        method: 'POST',
        headers: { cookie, origin: a.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ action: 'publish' }),
        redirect: 'manual',
      });
      await response.text();
      if (response.status !== 303) throw new Error(`publish answered ${response.status}`);
      times.post.push(performance.now() - t0);
      await Promise.all(
        (['a', 'b'] as const).map(async (name) => {
          const server = name === 'a' ? a : b;
          for (;;) {
            const html = await (await fetch(server.url + listPath)).text();
            if (html.includes(title)) break;
            if (performance.now() - t0 > 10_000) throw new Error(`not visible on ${name} after 10 s`);
          }
          times[name].push(performance.now() - t0);
        }),
      );
    }
    const f = (values: number[]) =>
      `p50 ${percentile(values, 50).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms`;
    publishRows.push(
      `${label.padEnd(34)} POST ${f(times.post)} · visible on A ${f(times.a)} · on B ${f(times.b)} (${PUBLISHES}x)`,
    );
  };
  if (!process.env.BENCH_SKIP_PUBLISH) {
    log('publish -> visible, idle');
    await publishToVisible('idle');
    log('publish -> visible, 50 connections reading the list on B');
    const background = autocannon({ url: b.url + listPath, connections: CONNECTIONS, duration: PUBLISHES + 5 });
    await new Promise((r) => setTimeout(r, 500));
    await publishToVisible('50 connections reading on B');
    await background;
  }

  await uncached.stop();
  await Promise.all(servers.map((server) => server.stop()));
  await connection.close();

  // --- 4: npm start on a built tree
  const startRows: string[] = [];
  if (!process.env.BENCH_SKIP_START) {
    const dataDir = path.join(temp, 'npm-start');
    mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    for (const label of ['fresh DATA_DIR (initdb, migrations, demo content)', 'same DATA_DIR again']) {
      log(`npm start: ${label}`);
      startRows.push(`${label.padEnd(52)} ${await timeNpmStart(dataDir)}`);
    }
  }

  console.log(
    `\nPublic pages · ${new Date().toISOString()} · Node ${process.version} · ${os.cpus().length}× ${os.cpus()[0]?.model ?? 'cpu'} · build ${outDir}`,
  );
  console.log(`load average at the end: ${loadAverage()} (1, 5, 15 min; the machine is shared, so compare the ratios)`);
  console.log(
    `\n1. ${CONNECTIONS} connections, median of ${ROUNDS} rounds of ${SECONDS} s (servers in turns) after a ${WARM_UP_SECONDS} s warm-up; portal (page cache on; "off": PAGE_CACHE_MB=0) vs the same bytes from the node static server and nginx (1 worker); req/s, latency in ms.`,
  );
  console.log('   Target: portal ≥ 0.7x the node static server and p99 < 50 ms.\n');
  console.log(
    [
      'page type'.padEnd(36),
      'st.',
      '     size',
      'portal',
      'p50/p99',
      '   off',
      ' p99',
      '  node',
      ' p99',
      ' nginx',
      ' p99',
      '/node',
      '/nginx',
      'target',
    ].join(' | '),
  );
  for (const row of rows) console.log(row);
  console.log(`\n   ${verdicts.filter(Boolean).length} of ${verdicts.length} page types meet the target.`);
  console.log('   The second request of each page (x-cache; cache-control):');
  for (const page of saved) console.log(`   ${page.name.padEnd(36)} ${page.served}`);
  console.log(
    `\n2. Memory of the portal process: at rest ${mb(atRest.rss)} RSS; under the load above peak ${mb(Math.max(peakUnderLoad, afterLoad.peak))} (VmHWM), ${mb(afterLoad.rss)} after it.`,
  );
  if (publishRows.length) {
    console.log('\n3. Publish -> visible on the gemeente list (cached on both instances before each publish):');
    for (const row of publishRows) console.log(`   ${row}`);
  }
  if (startRows.length) {
    console.log('\n4. `npm start` on a built tree, until the first 200 of / and of /beekdaelen (database ready):');
    for (const row of startRows) console.log(`   ${row}`);
  }
}

async function waitFor(target: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await fetch(target).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${target} did not answer 200 within ${timeoutMs / 1000} s`);
}

/**
 * Starts `npm start` (its own process group), times the first 200s, stops it with SIGTERM. A start
 * that fails is a row with its last output, so the figures of parts 1-3 are still printed.
 */
async function timeNpmStart(dataDir: string): Promise<string> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn('npm', ['start'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-2000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  try {
    await Promise.race([
      waitFor(`http://localhost:${port}/`, 180_000),
      exited.then(() => Promise.reject(new Error('npm start exited'))),
    ]);
    const home = performance.now() - t0;
    await waitFor(`http://localhost:${port}/beekdaelen`, 180_000);
    const gemeente = performance.now() - t0;
    return `/ after ${(home / 1000).toFixed(2)} s, /beekdaelen after ${(gemeente / 1000).toFixed(2)} s`;
  } catch (error) {
    const last = output.trim().split('\n').slice(-3).join(' | ');
    return `FAILED (${error instanceof Error ? error.message : String(error)}): ${last}`;
  } finally {
    if (!gone()) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // the group is already gone
      }
      await exited;
    }
    // npm exits before the portal has stopped (and released DATA_DIR): wait for the whole group.
    const until = Date.now() + 30_000;
    while (Date.now() < until && groupAlive(child.pid!)) await new Promise((r) => setTimeout(r, 100));
  }
}

function groupAlive(groupId: number): boolean {
  try {
    process.kill(-groupId, 0);
    return true;
  } catch {
    return false;
  }
}

try {
  await main();
} finally {
  for (const server of servers) await server.stop();
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await database?.removeEmbedded();
  rmSync(temp, { recursive: true, force: true });
}
process.exit(0);
