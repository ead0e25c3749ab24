// Benchmark of the public site. Prints, per page type:
//  1. bytes a browser transfers (HTML + CSS + fonts + images + scripts it loads), raw and
//     compressed (gzip level 6 as a reverse proxy does on the fly, brotli 11 as precompressed);
//  2. throughput of the production server (`node <outDir>/server/entry.mjs`, NODE_ENV=production)
//     and of a plain static file server on the same built HTML, same machine, same run:
//     requests/s and p99 latency at 50 connections (autocannon).
// Usage: sh scripts/run.sh node scripts/bench/public-site.mjs   (BENCH_SECONDS=10 by default)
// Builds first when sources changed (ASTRO_OUT_DIR, default dist).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import autocannon from 'autocannon';

const outDir = process.env.ASTRO_OUT_DIR ?? 'dist';
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 50;
const warmupSeconds = 3;
const appPort = Number(process.env.BENCH_PORT ?? 4631); // and +1 for the static server
const staticPort = appPort + 1;
const targetGemeenteHomeKb = 40;

const pageTypes = [
  { type: 'national home', path: '/', prerendered: true },
  { type: 'gemeente home (on demand, decision 007)', path: '/beekdaelen', prerendered: false },
  { type: 'gemeente subpage', path: '/beekdaelen/hulp-voor-je-gezin', prerendered: true },
  { type: 'gemeenten list (+filter JS)', path: '/gemeenten', prerendered: true },
  { type: 'search results (on demand)', path: '/gemeenten/zoeken?q=schimmert', prerendered: false },
  { type: 'kind 404 (on demand)', path: '/appelscha', prerendered: false },
];

function log(message) {
  process.stderr.write(`${message}\n`);
}

const build = spawnSync(process.execPath, ['scripts/build-if-changed.mjs'], {
  stdio: ['ignore', process.stderr, 'inherit'],
  env: process.env,
});
if (build.status !== 0) process.exit(build.status ?? 1);

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-public-site-'));
chmodSync(dataDir, 0o755); // the embedded PostgreSQL may run as its own user and must reach its folder
const children = [];
function start(command, args, env) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}
function stopAll() {
  for (const child of children) child.kill('SIGTERM');
}
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));

async function waitFor(url, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

log(`starting the production server on ${appPort} and a static file server on ${staticPort}…`);
const appBase = `http://localhost:${appPort}`;
const staticBase = `http://127.0.0.1:${staticPort}`;
start(process.execPath, [path.join(outDir, 'server/entry.mjs')], {
  NODE_ENV: 'production',
  PORT: String(appPort),
  HOST: 'localhost',
  PUBLIC_URL: appBase,
  APP_SECRET: randomBytes(32).toString('hex'),
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  OUTBOX_WORKER: 'false',
});
await waitFor(`${appBase}/healthz`);
// Pages rendered on demand get a saved copy for the static server, so every page type is compared
// with "the same HTML as a file".
const snapshotDir = path.join(dataDir, 'snapshots');
for (const page of pageTypes.filter((p) => !p.prerendered)) {
  const file = path.join(snapshotDir, `${page.path.split('?')[0]}.html`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, Buffer.from(await (await fetch(appBase + page.path)).arrayBuffer()));
}
start(
  process.execPath,
  ['scripts/bench/static-server.mjs', path.join(outDir, 'client'), String(staticPort), snapshotDir],
  {},
);
await waitFor(`${staticBase}/`);

// ---- 1. bytes per page type ----
const kb = (n) => (n / 1024).toFixed(1);
const sizes = (buffer) => ({
  raw: buffer.length,
  gzip: gzipSync(buffer, { level: 6 }).length,
  br: brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
function subresources(html) {
  const found = new Set();
  for (const m of html.matchAll(/<link\b[^>]*\brel="(?:stylesheet|icon|preload|modulepreload)"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(m[0]);
    if (href) found.add(href[1]);
  }
  for (const m of html.matchAll(/<(?:script|img|source)\b[^>]*\bsrc="([^"]+)"/g)) found.add(m[1]);
  return [...found].filter((u) => u.startsWith('/'));
}
const byteRows = [];
for (const page of pageTypes) {
  const response = await fetch(appBase + page.path);
  const html = Buffer.from(await response.arrayBuffer());
  const parts = [{ name: 'html', ...sizes(html) }];
  for (const url of subresources(html.toString('utf8'))) {
    const body = Buffer.from(await (await fetch(appBase + url)).arrayBuffer());
    // Images (png, jpg, woff2) are already compressed: count them as they are.
    const already = /\.(png|jpe?g|webp|avif|woff2?)$/.test(url);
    parts.push({ name: url, ...(already ? { raw: body.length, gzip: body.length, br: body.length } : sizes(body)) });
  }
  const total = (key) => parts.reduce((sum, p) => sum + p[key], 0);
  byteRows.push({
    type: page.type,
    path: page.path,
    status: response.status,
    requests: parts.length,
    servedBytes: Number(response.headers.get('content-length') ?? html.length),
    servedEncoding: response.headers.get('content-encoding') ?? 'none',
    raw: total('raw'),
    gzip: total('gzip'),
    br: total('br'),
    scripts: (html.toString('utf8').match(/<script\b(?![^>]*application\/ld\+json)/g) ?? []).length,
  });
}

// ---- 2. throughput ----
function load(url, duration = seconds) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, connections, duration, pipelining: 1, headers: { 'accept-encoding': 'gzip, br' } },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}
const loadRows = [];
for (const page of pageTypes) {
  const staticLabel = page.prerendered ? 'plain static (node:fs)' : 'plain static (saved copy)';
  for (const [server, base] of [
    ['production (Astro Node)', appBase],
    [staticLabel, staticBase],
  ]) {
    log(`load: ${page.type} on ${server} (${seconds}s, ${connections} connections)…`);
    await load(base + page.path, warmupSeconds); // JIT, file cache and connection pool warm
    const result = await load(base + page.path);
    loadRows.push({
      type: page.type,
      server,
      rps: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      // The saved copy of the 404 page is served with 200 by the static server; production says 404.
      errors: result.errors + result.timeouts + (page.path === '/appelscha' ? 0 : result.non2xx),
    });
  }
}

// ---- report ----
const cpu = os.cpus();
console.log(
  `\nPublic site benchmark · ${new Date().toISOString()} · Node ${process.version} · ${cpu.length}× ${cpu[0]?.model ?? 'cpu'} · load avg ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(
  `\n1. Bytes per page view (HTML + CSS + fonts + images + scripts). CSS is inlined; system fonts (0 bytes).`,
);
console.log(`   The Node adapter serves prerendered files uncompressed ("served" column); gzip/brotli is what a`);
console.log(
  `   compressing reverse proxy (or precompressed files) would send. Target gemeente home ≤ ${targetGemeenteHomeKb} KB compressed.\n`,
);
console.log(
  ['page type', 'status', 'requests', 'served', 'raw KB', 'gzip KB', 'brotli KB', 'non-JSON-LD scripts'].join(' | '),
);
for (const r of byteRows) {
  console.log(
    [
      r.type,
      r.status,
      r.requests,
      `${kb(r.servedBytes)} KB ${r.servedEncoding}`,
      kb(r.raw),
      kb(r.gzip),
      kb(r.br),
      r.scripts,
    ].join(' | '),
  );
}
const home = byteRows.find((r) => r.path === '/beekdaelen');
console.log(
  `\n   gemeente home: ${kb(home.gzip)} KB gzip / ${kb(home.br)} KB brotli (target ≤ ${targetGemeenteHomeKb} KB): ${home.gzip / 1024 <= targetGemeenteHomeKb ? 'met' : 'NOT met'}; uncompressed as the Node adapter serves it: ${kb(home.raw)} KB (${home.raw / 1024 <= targetGemeenteHomeKb ? 'also within' : 'over'} target).`,
);
console.log(
  `\n2. Throughput at ${connections} connections, ${seconds}s per run, after a ${warmupSeconds}s warm-up run (autocannon, same machine as the servers).\n`,
);
console.log(['page type', 'server', 'req/s', 'p50 ms', 'p99 ms', 'errors'].join(' | '));
for (const r of loadRows) console.log([r.type, r.server, r.rps, r.p50, r.p99, r.errors].join(' | '));

stopAll();
await new Promise((r) => setTimeout(r, 1500));
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
