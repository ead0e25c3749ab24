/**
 * `npm run retention [-- --dry-run] [-- --on YYYY-MM-DD]`: one run of the retention job (the
 * portal also runs it daily by itself; src/server/privacy/privacy.retention.ts, decision 027).
 * `--dry-run` deletes nothing and prints per table how many rows would go (counts only, never
 * names); `--on` evaluates the terms as if it were that day (only with --dry-run: to see what
 * the terms will delete then). Works on DATABASE_URL, the embedded database, or the one of a
 * running portal.
 */
import { parseArgs } from 'node:util';
import { getConfigOrExit } from '~/server/config/config';
import { DataDirInUseError } from '~/server/db/data-dir-lock';
import { connectDatabase, type DatabaseConnection } from '~/server/db/db';
import { migrateDatabase } from '~/server/db/migrate';
import { openConfiguredDatabase, runningEmbeddedDatabaseUrl } from '~/server/db/open-database';
import { createLogger } from '~/server/logger';
import { type RetentionReport, runRetention } from '~/server/privacy/privacy.retention';

const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean' }, on: { type: 'string' } } });
const say = (message: string) => console.log(`[buurtgezinnen] ${message}`);
const fail = (message: string): never => {
  console.error(`[buurtgezinnen] ${message}`);
  process.exit(1);
};
const dryRun = values['dry-run'] === true;
if (values.on !== undefined && (!dryRun || !/^\d{4}-\d{2}-\d{2}$/.test(values.on)))
  fail('--on YYYY-MM-DD kan alleen met --dry-run (een echte run verwijdert alleen wat vandaag verlopen is).');
const clock = values.on ? () => new Date(`${values.on}T11:00:00Z`) : () => new Date();

const config = getConfigOrExit();
let connection: DatabaseConnection;
let close = async () => {};
try {
  const opened = await openConfiguredDatabase(config, say, { purpose: 'npm run retention' });
  connection = opened.connection;
  close = async () => {
    await opened.connection.close();
    await opened.embedded?.stop();
  };
} catch (error) {
  const running = error instanceof DataDirInUseError ? runningEmbeddedDatabaseUrl(config.dataDir) : undefined;
  if (!running) fail(`Kon de database niet openen: ${error instanceof Error ? error.message : String(error)}`);
  connection = connectDatabase(running!, { max: 2 });
  close = () => connection.close();
}

function print(report: RetentionReport) {
  const verb = dryRun ? 'zou verwijderen' : 'verwijderd';
  say(`Bewaartermijnen op ${clock().toISOString().slice(0, 10)}${dryRun ? ' (proefrun: er is niets verwijderd)' : ''}`);
  say(`  aanmeldingen zonder koppeling (${verb}): ${report.deleted.unmatched}`);
  say(`  aanmeldingen na een afgeronde koppeling (${verb}): ${report.deleted.closed_koppeling}`);
  say(
    `  bewaard door een bewaarafspraak: ${report.held.hold}; door een open zorg over veiligheid: ${report.held.safetyConcern}`,
  );
  say(`  rijen per tabel (${verb}):`);
  const tables = Object.entries(report.tables);
  if (tables.length === 0) say('    (geen)');
  for (const [table, count] of tables) say(`    ${table.padEnd(24)} ${String(count).padStart(7)}`);
  say(`  e-mailbestanden (ontwikkelpostvak): ${report.mailFiles}`);
  if (report.failed > 0) say(`  NIET gelukt (blijven heel, volgende run opnieuw): ${report.failed} aanmelding(en)`);
}

try {
  await migrateDatabase(connection);
  const log = createLogger(config.logLevel, 'retention', config.logFormat);
  const report = await runRetention({ db: connection.db, clock, log, dataDir: config.dataDir }, { dryRun });
  print(report);
  if (report.failed > 0) process.exitCode = 1;
} catch (error) {
  await close();
  fail(`Bewaartermijnen: de run is mislukt: ${error instanceof Error ? error.message : String(error)}`);
}
await close();
