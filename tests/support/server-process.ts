/**
 * Starts the built portal (`node dist/server/entry.mjs`) as a child process for integration
 * tests that need a real server: crash it, restart it, point it at another database.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '~/server/db/embedded-postgres';
import { TEST_APP_SECRET } from './app-secret';

export type ServerProcess = {
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
};

/** The HEALTH_TOKEN every test server gets: send these headers to read /healthz details and /metrics. */
const MONITORING_TOKEN = 'monitoring-token-for-tests-only-0123456789';
export const monitoringHeaders = { authorization: `Bearer ${MONITORING_TOKEN}` };

// Servers a test forgot to stop (a timeout, a failed assertion) die with the test worker.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

const entry = path.resolve(process.env.ASTRO_OUT_DIR ?? 'dist', 'server/entry.mjs');

export async function startServer(
  env: Record<string, string>,
  options: { waitForHealthy?: boolean; port?: number } = {},
): Promise<ServerProcess> {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build first (npm test does)`);
  const port = options.port ?? (await freePort());
  let output = '';
  const child = spawn(process.execPath, [entry], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DEMO_CONTENT: '',
      APP_SECRET: TEST_APP_SECRET,
      HEALTH_TOKEN: MONITORING_TOKEN,
      PUBLIC_URL: `http://localhost:${port}`,
      HOST: 'localhost',
      PORT: String(port),
      ASTRO_TELEMETRY_DISABLED: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: ServerProcess = {
    url: `http://localhost:${port}`,
    port,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  if (options.waitForHealthy ?? true) await waitForHealthy(server);
  return server;
}

async function waitForHealthy(server: ServerProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited early:\n${server.output()}`);
    try {
      const response = await fetch(`${server.url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy:\n${server.output()}`);
}
