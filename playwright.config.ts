import { readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { TEST_APP_SECRET } from './tests/support/app-secret';

// The built server (`node dist/server/entry.mjs`) with its own embedded PostgreSQL in a fresh
// temporary data folder, so every run starts from the demo content. See tests/README.md.
const port = Number(process.env.E2E_PORT ?? 4599);
const outDir = process.env.ASTRO_OUT_DIR ?? 'dist';
// The folder stays after the run (the server stops after the last of our code has run), so each
// run first removes the folders of earlier runs whose Playwright process is gone: 70 MB each.
if (!process.env.E2E_DATA_DIR) removeFoldersOfEndedRuns();
export const e2eDataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `buurtgezinnen-e2e-${process.pid}`);
process.env.E2E_DATA_DIR = e2eDataDir; // workers read it (tests that look at the data folder)

function removeFoldersOfEndedRuns() {
  for (const name of readdirSync(os.tmpdir())) {
    const pid = Number(/^buurtgezinnen-e2e-(\d+)$/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0); // still running (another run, e.g. in a second worktree): leave it
      continue;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') continue;
    }
    rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `rm -rf ${e2eDataDir} && node ${outDir}/server/entry.mjs`,
    url: `http://localhost:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: 'localhost',
      DATA_DIR: e2eDataDir,
      PUBLIC_URL: `http://localhost:${port}`,
      ASTRO_TELEMETRY_DISABLED: '1',
      // The secret the test factories encrypt TOTP keys with, so staff made by the e2e fixture
      // (tests/e2e/support/fixtures.ts) can also log in with a code.
      APP_SECRET: TEST_APP_SECRET,
      // Browsers in tests fill a form in milliseconds; the minimum fill time has its own tests.
      REGISTRATION_MIN_FILL_SECONDS: '0',
      REGISTRATION_LIMIT_PER_HOUR: '1000',
    },
  },
});
