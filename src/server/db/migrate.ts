import path from 'node:path';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import type { DatabaseConnection } from './db';

/** Committed migrations live in `db/migrations`; the server runs from the project root. */
const migrationsFolder = () => path.resolve(process.env.MIGRATIONS_DIR ?? 'db/migrations');

/**
 * Applies committed migrations. A session advisory lock keeps two instances that start at once
 * from racing each other; drizzle skips migrations that are already applied.
 */
export async function migrateDatabase({ db, sql }: DatabaseConnection): Promise<void> {
  const lockConnection = await sql.reserve();
  try {
    await lockConnection`select pg_advisory_lock(7001001)`;
    await migrate(db, { migrationsFolder: migrationsFolder(), migrationsSchema: 'drizzle' });
  } finally {
    await lockConnection`select pg_advisory_unlock(7001001)`.catch(() => undefined);
    lockConnection.release();
  }
}
