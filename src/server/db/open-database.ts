import path from 'node:path';
import postgres from 'postgres';
import type { AppConfig } from '~/server/config/config';
import { claimDataDir } from './data-dir-lock';
import { connectDatabase, type DatabaseConnection } from './db';
import { type EmbeddedDatabase, runningEmbeddedUrl, startEmbeddedPostgres } from './embedded-postgres';

const EMBEDDED_DATABASE = 'buurtgezinnen';

/** Creates a database inside a cluster if it does not exist yet; returns its URL. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await admin.unsafe(`create database "${name.replaceAll('"', '')}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Connects to DATABASE_URL, or, when it is not set, claims DATA_DIR for this process (throws
 * DataDirInUseError when a running portal or script holds it), starts the embedded PostgreSQL
 * under `<DATA_DIR>/postgres` and connects to the portal's database in it.
 */
export async function openConfiguredDatabase(
  config: AppConfig,
  log: (message: string) => void,
  owner: { url?: string; purpose: string } = { url: config.publicUrl, purpose: 'het portaal' },
): Promise<{ connection: DatabaseConnection; url: string; embedded: EmbeddedDatabase | undefined }> {
  if (config.databaseUrl)
    return { connection: connectDatabase(config.databaseUrl), url: config.databaseUrl, embedded: undefined };
  await claimDataDir(config.dataDir, owner);
  const databaseDir = path.join(config.dataDir, 'postgres');
  const embedded = await startEmbeddedPostgres({ databaseDir, log });
  try {
    const url = await ensureDatabase(embedded.url, EMBEDDED_DATABASE);
    log(`Ingebouwde PostgreSQL draait op poort ${embedded.port} (data in ${databaseDir}).`);
    return { connection: connectDatabase(url), url, embedded };
  } catch (error) {
    await embedded.stop().catch(() => undefined);
    throw error;
  }
}

/** The URL of the portal's database in an embedded cluster another process runs (its port is in postmaster.pid). */
export function runningEmbeddedDatabaseUrl(dataDir: string): string | undefined {
  const url = runningEmbeddedUrl(path.join(dataDir, 'postgres'));
  if (!url) return undefined;
  const parsed = new URL(url);
  parsed.pathname = `/${EMBEDDED_DATABASE}`;
  return parsed.toString();
}
