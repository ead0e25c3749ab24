// `npm run db:migrate`: apply committed migrations to DATABASE_URL (or the embedded database).
import { getConfig } from '~/server/config/config';
import { migrateDatabase } from '~/server/db/migrate';
import { openConfiguredDatabase } from '~/server/db/open-database';

const { connection, embedded } = await openConfiguredDatabase(getConfig(), (m) => console.log(`[buurtgezinnen] ${m}`), {
  purpose: 'npm run db:migrate',
}).catch((error: unknown) => {
  console.error(`[buurtgezinnen] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
try {
  await migrateDatabase(connection);
  console.log('[buurtgezinnen] Migraties zijn uitgevoerd.');
} finally {
  await connection.close();
  await embedded?.stop();
}
