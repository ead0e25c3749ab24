/**
 * `npm run db:backup [-- --file <path>]`: a pg_dump (custom format) of DATABASE_URL, or of the
 * embedded database (also while the portal runs). Default file:
 * DATA_DIR/backups/buurtgezinnen-<UTC time>.dump. Written under a temporary name and renamed
 * only when pg_dump succeeded and pg_restore can read it back, so a file with the final name is
 * always a whole backup. Restore with `npm run db:restore`; see docs/deploy.md.
 */
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { getConfigOrExit } from '~/server/config/config';
import { connectionForTools, findPostgresTool, runTool, serverMajorVersion } from '~/server/db/backup';
import { DataDirInUseError } from '~/server/db/data-dir-lock';
import { openConfiguredDatabase, runningEmbeddedDatabaseUrl } from '~/server/db/open-database';

const { values } = parseArgs({ options: { file: { type: 'string' } } });
const config = getConfigOrExit();
const say = (message: string) => console.log(`[buurtgezinnen] ${message}`);
const fail = (error: unknown): never => {
  console.error(`[buurtgezinnen] Reservekopie mislukt: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
};

// The database: DATABASE_URL, the cluster of a running portal, or the embedded one started for this.
let url: string;
let close = async () => {};
try {
  const opened = await openConfiguredDatabase(config, say, { purpose: 'npm run db:backup' });
  url = opened.url;
  close = async () => {
    await opened.connection.close();
    await opened.embedded?.stop();
  };
} catch (error) {
  const running = error instanceof DataDirInUseError ? runningEmbeddedDatabaseUrl(config.dataDir) : undefined;
  if (!running) fail(error);
  url = running!;
  say('Het portaal draait; de reservekopie komt uit zijn database (pg_dump leest een vaste momentopname).');
}

const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, 'Z');
const file = path.resolve(values.file ?? path.join(config.dataDir, 'backups', `buurtgezinnen-${stamp}.dump`));
const partial = `${file}.part`;
try {
  mkdirSync(path.dirname(file), { recursive: true });
  const major = await serverMajorVersion(url);
  const pgDump = findPostgresTool('pg_dump', major, config.pgBinDir);
  const { dbname, env } = connectionForTools(url);
  const started = Date.now();
  await runTool(pgDump, ['--format=custom', '--no-password', `--file=${partial}`, `--dbname=${dbname}`], env);
  // Check that the archive can be read back before it gets its final name.
  await runTool(findPostgresTool('pg_restore', major, config.pgBinDir), ['--list', `--file=/dev/null`, partial], env);
  renameSync(partial, file);
  const megabytes = (statSync(file).size / 1024 / 1024).toFixed(1);
  say(`Reservekopie gemaakt: ${file} (${megabytes} MB, ${((Date.now() - started) / 1000).toFixed(1)} s).`);
} catch (error) {
  rmSync(partial, { force: true });
  await close();
  fail(error);
}
await close();
