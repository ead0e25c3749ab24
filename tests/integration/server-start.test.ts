/**
 * Starting the built server (`node dist/server/entry.mjs`) in the wrong mode fails closed: it
 * refuses before it listens, with a Dutch message that names the setting. The start message
 * says which mode runs and why; development tools (demo accounts, /dev/mailbox) exist only on
 * loopback, and the mailbox refuses requests that came through a proxy.
 */
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/database';
import { type ServerProcess, startServer } from '../support/server-process';

const dataDirs: string[] = [];
async function tempDataDir() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'buurtgezinnen-start-'));
  await fs.chmod(dir, 0o755);
  dataDirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of dataDirs) await fs.rm(dir, { recursive: true, force: true });
});

/** Starts the server with `env` and waits for it to exit by itself (it must refuse). */
async function expectRefusal(env: Record<string, string>): Promise<string> {
  const server = await startServer(env, { waitForHealthy: false });
  const code = await new Promise<number | null>((resolve) => {
    if (server.child.exitCode !== null) resolve(server.child.exitCode);
    const timer = setTimeout(() => resolve(null), 20_000);
    server.child.once('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  await server.stop();
  expect(code, `the server kept running:\n${server.output()}`).toBe(1);
  // It never listened: nothing answers on its port.
  expect(await portAnswers(server.port)).toBe(false);
  return server.output();
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('starting the server', () => {
  it('refuses development mode on a network address, and says what to do', async () => {
    const output = await expectRefusal({
      NODE_ENV: 'development',
      HOST: '0.0.0.0',
      APP_SECRET: '',
      PUBLIC_URL: '',
      DATA_DIR: await tempDataDir(),
    });
    expect(output).toContain('HOST');
    expect(output).toMatch(/ontwikkelmodus/i);
    expect(output).toContain('NODE_ENV=production');
    expect(output).not.toMatch(/Demo-inhoud/);
  });

  it('refuses production without APP_SECRET, naming the variable', async () => {
    const output = await expectRefusal({ NODE_ENV: 'production', APP_SECRET: '', DATA_DIR: await tempDataDir() });
    expect(output).toContain('APP_SECRET');
    expect(output).toMatch(/verplicht in productie/);
  });

  it('refuses production with demo content switched on', async () => {
    const output = await expectRefusal({ NODE_ENV: 'production', DEMO_CONTENT: 'true', DATA_DIR: await tempDataDir() });
    expect(output).toContain('DEMO_CONTENT');
  });

  describe('in production', () => {
    let server: ServerProcess;
    afterAll(async () => server?.stop());

    it('says it runs in production mode, without demo content or mailbox', async () => {
      const database = await createTestDatabase();
      server = await startServer({ DATABASE_URL: database.url, OUTBOX_WORKER: 'false' });
      expect(server.output()).toMatch(/productiemodus/i);
      expect(server.output()).toContain('NODE_ENV=production');
      expect(server.output()).not.toMatch(/Demo-inhoud/);
      expect((await fetch(`${server.url}/dev/mailbox`)).status).toBe(404);
    });
  });

  describe('in development on loopback', () => {
    let server: ServerProcess;
    afterAll(async () => server?.stop());

    it('says why it runs in development mode, seeds the demo and opens the mailbox on this computer only', async () => {
      server = await startServer({
        NODE_ENV: '',
        APP_SECRET: '',
        PUBLIC_URL: '',
        DEMO_CONTENT: '',
        DATA_DIR: await tempDataDir(),
        OUTBOX_WORKER: 'false',
      });
      const output = server.output();
      expect(output).toMatch(/ontwikkelmodus/i);
      expect(output).toMatch(/NODE_ENV is niet production/);
      expect(output).toMatch(/alleen bereikbaar op deze computer/);
      expect(output).toContain('Demo-inhoud staat klaar');
      expect((await fetch(`${server.url}/dev/mailbox`)).status).toBe(200);
      // A request that came through a proxy (another machine) never sees the mailbox.
      for (const header of [{ 'x-forwarded-for': '203.0.113.9' }, { forwarded: 'for=203.0.113.9' }] as Record<
        string,
        string
      >[]) {
        const viaProxy = await fetch(`${server.url}/dev/mailbox`, { headers: header });
        expect(viaProxy.status, JSON.stringify(header)).toBe(404);
      }
    });
  });
});
