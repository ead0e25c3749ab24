// `npm run db:migrate`: apply committed migrations to DATABASE_URL (or the embedded database).
import { getConfig } from '~/server/config/config';
import { migrateDatabase } from '~/server/db/migrate';
import { openConfiguredDatabase } from '~/server/db/open-database';

const { connection, embedded } = await openConfiguredDatabase(getConfig(), (m) => console.log(`[buurtgezinnen] ${m}`));
try {
  await migrateDatabase(connection);
  console.log('[buurtgezinnen] Migraties zijn uitgevoerd.');
} finally {
  await connection.close();
  await embedded?.stop();
}
