import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, inject } from 'vitest';
import { connectDatabase, type DatabaseConnection } from '~/server/db/db';

/**
 * A fresh database for this test file, cloned from the migrated template (gemeenten included).
 * Dropped after the file's tests.
 */
export async function createTestDatabase(): Promise<DatabaseConnection & { url: string; name: string }> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${inject('templateDatabase')}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const connection = connectDatabase(url.toString(), { max: 5 });
  afterAll(async () => {
    await connection.close();
    const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  });
  return { ...connection, url: url.toString(), name };
}
