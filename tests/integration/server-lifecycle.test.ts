import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '~/server/db/db';
import { createTestDatabase } from '~tests/support/database';
import { embeddedDatabaseUrl } from '~tests/support/embedded-database';
import { createRegistration } from '~tests/support/factories';
import { monitoringHeaders, startServer } from '~tests/support/server-process';

const dataDirs: string[] = [];
async function tempDataDir() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'buurtgezinnen-lifecycle-'));
  await fs.chmod(dir, 0o755);
  dataDirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of dataDirs) await fs.rm(dir, { recursive: true, force: true });
});

describe('the built server', () => {
  it('comes back after kill -9, with the data from before', async () => {
    const dataDir = await tempDataDir();
    const first = await startServer({ DATA_DIR: dataDir, NODE_ENV: 'development', DEMO_CONTENT: 'true' });
    expect(first.output()).toContain('Demo-inhoud staat klaar');
    const before = connectDatabase(embeddedDatabaseUrl(dataDir), { max: 1 });
    const signUp = await createRegistration(before.db, 'vraaggezin', { contactName: 'Bewaard Na Herstart' });
    await before.close();

    first.child.kill('SIGKILL'); // the embedded postgres is left running as an orphan
    await first.stop();

    const second = await startServer({ DATA_DIR: dataDir, NODE_ENV: 'development', DEMO_CONTENT: 'true' });
    try {
      expect(second.output()).not.toContain('Demo-inhoud staat klaar'); // seeded once only
      const again = postgres(embeddedDatabaseUrl(dataDir), { max: 1, onnotice: () => {} });
      const rows = await again`select contact_name from registrations where id = ${signUp.id}`;
      await again.end();
      expect(rows[0]?.contact_name).toBe('Bewaard Na Herstart');
      expect((await fetch(`${second.url}/`)).status).toBe(200);
    } finally {
      await second.stop();
    }
    // A clean stop also stops the embedded cluster.
    await expect(fs.access(path.join(dataDir, 'postgres/postmaster.pid'))).rejects.toThrow();
  });

  it('uses DATABASE_URL when it is set, and migrates that database', async () => {
    const external = await createTestDatabase();
    await external.sql`drop schema public cascade`;
    await external.sql`drop schema if exists drizzle cascade`;
    await external.sql`create schema public`;
    const dataDir = await tempDataDir();
    const server = await startServer({ DATABASE_URL: external.url, DATA_DIR: dataDir });
    try {
      const health = await (await fetch(`${server.url}/healthz`, { headers: monitoringHeaders })).json();
      expect(health).toMatchObject({ status: 'ok', database: 'ok' });
      const [row] = await external.sql<{ count: string }[]>`select count(*) from gemeenten`;
      expect(Number(row!.count)).toBeGreaterThanOrEqual(4);
      // No embedded cluster was started.
      await expect(fs.access(path.join(dataDir, 'postgres'))).rejects.toThrow();
    } finally {
      await server.stop();
    }
  });

  it('answers 503 on /healthz while its database is unreachable', async () => {
    const server = await startServer(
      { DATABASE_URL: 'postgres://nobody:x@127.0.0.1:1/none' },
      { waitForHealthy: false },
    );
    try {
      let status = 0;
      for (let i = 0; i < 50 && status === 0; i++) {
        status = await fetch(`${server.url}/healthz`).then(
          (r) => r.status,
          () => 0,
        );
        if (status === 0) await new Promise((r) => setTimeout(r, 200));
      }
      expect(status).toBe(503);
    } finally {
      await server.stop();
    }
  });

  it('stops at start with a message naming a bad setting', async () => {
    const server = await startServer({ SMTP_URL: 'http://mail.example' }, { waitForHealthy: false });
    // The first request starts the runtime, which reads the configuration and stops the process.
    for (let i = 0; i < 100 && server.child.exitCode === null; i++) {
      await fetch(`${server.url}/healthz`).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(server.child.exitCode).toBe(1);
    expect(server.output()).toContain('SMTP_URL');
    expect(server.output()).toContain('smtp://');
  });
});
