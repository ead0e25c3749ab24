/**
 * What every benchmark against PostgreSQL needs: the database (DATABASE_URL, or a throw-away
 * embedded cluster in a temporary folder, removed afterwards), migrated, with a pool of `max`
 * connections; and the percentile of a list of timings. A new benchmark starts here.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectDatabase } from '~/server/db/db';
import { startEmbeddedPostgres } from '~/server/db/embedded-postgres';
import { migrateDatabase } from '~/server/db/migrate';
import { ensureDatabase } from '~/server/db/open-database';

/** The value below which `p` percent of `values` lie (nearest rank). */
export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

export async function openBenchDatabase(name: string, options: { max: number }) {
  let folder: string | undefined;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let url = process.env.DATABASE_URL;
  if (!url) {
    folder = mkdtempSync(path.join(os.tmpdir(), `bench-${name}-`));
    chmodSync(folder, 0o755); // the embedded cluster may run as the 'postgres' user
    const embedded = await startEmbeddedPostgres({ databaseDir: path.join(folder, 'postgres') });
    stopEmbedded = embedded.stop;
    url = await ensureDatabase(embedded.url, `bench_${name}`);
  }
  const connection = connectDatabase(url, { max: options.max });
  await migrateDatabase(connection);
  return {
    url,
    connection,
    db: connection.db,
    /** The temporary folder of the embedded cluster (undefined with DATABASE_URL). */
    folder,
    /** Stops the embedded cluster and removes its folder; close the connection first. */
    async removeEmbedded() {
      await stopEmbedded?.();
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}
