/**
 * `npm run db:restore -- <file> [--to <database URL>]`: puts a backup from `npm run db:backup`
 * back with pg_restore, in one transaction (all or nothing). Target: --to, else DATABASE_URL,
 * else the embedded database of DATA_DIR (the portal must be stopped). The target database is
 * created when it does not exist, and must be empty: a restore never overwrites data. Restore
 * into a new database, check it, then point DATABASE_URL at it. See docs/deploy.md.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { getConfigOrExit } from '~/server/config/config';
import { connectionForTools, countRows, findPostgresTool, runTool, serverMajorVersion } from '~/server/db/backup';
import { DataDirInUseError } from '~/server/db/data-dir-lock';
import { ensureDatabase, openConfiguredDatabase } from '~/server/db/open-database';

const { values, positionals } = parseArgs({ options: { to: { type: 'string' } }, allowPositionals: true });
const say = (message: string) => console.log(`[buurtgezinnen] ${message}`);
const fail = (message: string): never => {
  console.error(`[buurtgezinnen] Terugzetten mislukt: ${message}`);
  process.exit(1);
};

const file = positionals[0] ? path.resolve(positionals[0]) : undefined;
if (!file) fail('geef het bestand op: npm run db:restore -- <bestand.dump> [--to postgres://…/nieuwe_database]');
if (!existsSync(file!)) fail(`${file} bestaat niet.`);
const config = getConfigOrExit();

let target: string;
let close = async () => {};
if (values.to ?? config.databaseUrl) {
  target = (values.to ?? config.databaseUrl)!;
  // Create the database when it does not exist yet (needs CREATEDB; otherwise create it yourself first).
  const parsed = new URL(target);
  const name = decodeURIComponent(parsed.pathname.slice(1));
  parsed.pathname = '/postgres';
  try {
    await ensureDatabase(parsed.toString(), name);
  } catch (error) {
    say(`Kon database ${name} niet controleren of aanmaken (${(error as Error).message}); ik probeer het zo.`);
  }
} else {
  try {
    const opened = await openConfiguredDatabase(config, say, { purpose: 'npm run db:restore' });
    target = opened.url;
    await opened.connection.close();
    close = async () => {
      await opened.embedded?.stop();
    };
  } catch (error) {
    if (error instanceof DataDirInUseError) fail(`stop het portaal eerst. ${error.message}`);
    throw error;
  }
}

try {
  const sql = postgres(target!, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle')`;
  await sql.end();
  if (row!.n > 0)
    fail(
      `de database ${new URL(target!).pathname.slice(1)} is niet leeg (${row!.n} tabellen). Zet de kopie terug in een nieuwe ` +
        'database (--to postgres://…/buurtgezinnen_hersteld) en wijs DATABASE_URL daarna naar die database.',
    );
  const pgRestore = findPostgresTool('pg_restore', await serverMajorVersion(target!), config.pgBinDir);
  const { dbname, env } = connectionForTools(target!);
  const started = Date.now();
  await runTool(
    pgRestore,
    [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      '--no-password',
      `--dbname=${dbname}`,
      file!,
    ],
    env,
  );
  const counts = await countRows(target!);
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  say(
    `Teruggezet in ${((Date.now() - started) / 1000).toFixed(1)} s: ${Object.keys(counts).length} tabellen, ${total} rijen. ` +
      'Start het portaal met DATABASE_URL naar deze database; nieuwere migraties worden dan vanzelf uitgevoerd.',
  );
} catch (error) {
  await close();
  fail(error instanceof Error ? error.message : String(error));
}
await close();
