import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { TEST_APP_SECRET } from './tests/support/app-secret';

// The built server (`node dist/server/entry.mjs`) with its own embedded PostgreSQL in a fresh
// temporary data folder, so every run starts from the demo content. See tests/README.md.
const port = Number(process.env.E2E_PORT ?? 4599);
const outDir = process.env.ASTRO_OUT_DIR ?? 'dist';
export const e2eDataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `buurtgezinnen-e2e-${process.pid}`);
process.env.E2E_DATA_DIR = e2eDataDir; // workers read it (tests that look at the data folder)

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
