/**
 * MUST SHOW (issue 17): a second start on the same DATA_DIR says which portal runs there and
 * exits, leaving the running portal and its embedded PostgreSQL alone; only a cluster whose owner
 * is really gone (kill -9) is stopped as an orphan at the next start.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, expect, it } from 'vitest';
import { freePort } from '~/server/db/embedded-postgres';
import { type ServerProcess, startServer } from '~tests/support/server-process';

let dataDir: string;
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const embeddedUrl = () => {
  const port = readFileSync(path.join(dataDir, 'postgres/postmaster.pid'), 'utf8').split('\n')[3];
  return `postgres://postgres:buurtgezinnen-local@127.0.0.1:${port}/buurtgezinnen`;
};

/** `npm start`'s last step (scripts/start.sh); resolves with its exit code and output. */
function npmStartServe(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child: ChildProcess = spawn(process.execPath, ['scripts/serve.mjs'], {
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

it('refuses a second start on the same data folder, and stops only a cluster whose owner is gone', async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'buurtgezinnen-guard-'));
  await fs.chmod(dataDir, 0o755);
  const env = { DATA_DIR: dataDir };
  const first = await startServer(env);
  servers.push(first);
  const sql = postgres(embeddedUrl(), { max: 1, onnotice: () => {} });
  await sql`insert into app_meta (key, value) values ('guard-test', '"eerste"')`;
  const clusterPid = readFileSync(path.join(dataDir, 'postgres/postmaster.pid'), 'utf8').split('\n')[0];

  // `npm start` again, on the same port and on another port: both say so and exit with 1.
  const owner = `Het portaal draait al op ${first.url}, pid ${first.child.pid}`;
  const samePort = await npmStartServe({ ...env, PORT: String(first.port), PUBLIC_URL: '' });
  expect(samePort.code).toBe(1);
  expect(samePort.output).toContain(owner);
  const otherPort = await npmStartServe({ ...env, PORT: String(await freePort()), PUBLIC_URL: '' });
  expect(otherPort.code).toBe(1);
  expect(otherPort.output).toContain(owner);
  // The built server started directly (as a unit file would) refuses on its first request too.
  const direct = await startServer(env, { waitForHealthy: false });
  servers.push(direct);
  for (let i = 0; i < 100 && direct.child.exitCode === null; i++) {
    await fetch(`${direct.url}/healthz`).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(direct.child.exitCode).toBe(1);
  expect(direct.output()).toContain(owner);

  // The first portal and its cluster were not touched.
  expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
  expect(readFileSync(path.join(dataDir, 'postgres/postmaster.pid'), 'utf8').split('\n')[0]).toBe(clusterPid);
  expect((await sql`select value from app_meta where key = 'guard-test'`)[0]?.value).toBe('eerste');
  await sql.end();

  // Owner killed with -9: its cluster lives on as an orphan; the next start stops it and takes over.
  first.child.kill('SIGKILL');
  await first.stop();
  process.kill(Number(clusterPid), 0); // still running
  const next = await startServer(env);
  servers.push(next);
  expect(next.output()).toContain(`Er draait nog een PostgreSQL van een vorige start (pid ${clusterPid})`);
  const again = postgres(embeddedUrl(), { max: 1, onnotice: () => {} });
  expect((await again`select value from app_meta where key = 'guard-test'`)[0]?.value).toBe('eerste');
  await again.end();
  expect((await fetch(`${next.url}/healthz`)).status).toBe(200);
}, 120_000);
