// `npm run demo:reset`: the demo from scratch, with new demo accounts (src/server/demo/demo.reset.ts).
import { getConfig } from '~/server/config/config';
import { openConfiguredDatabase } from '~/server/db/open-database';
import { resetDemoContent } from '~/server/demo/demo.reset';
import { createLogger } from '~/server/logger';

const config = getConfig();
const log = createLogger(config.logLevel, 'demo-reset', config.logFormat);
const say = (message: string) => log.info(message);
if (config.isProduction || config.databaseUrl) {
  console.error(
    '[buurtgezinnen] demo:reset wist de hele database. Dat kan alleen met de ingebouwde database in ontwikkeling ' +
      '(zonder NODE_ENV=production en zonder DATABASE_URL).',
  );
  process.exit(1);
}
const { connection, embedded } = await openConfiguredDatabase(config, say, { purpose: 'npm run demo:reset' }).catch(
  (error: unknown) => {
    console.error(`[buurtgezinnen] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
try {
  await resetDemoContent(connection, { dataDir: config.dataDir });
  say(
    'De demo-gegevens zijn gewist. Start het portaal met npm start: het maakt nieuwe demo-inhoud en nieuwe inloggegevens.',
  );
} finally {
  await connection.close();
  await embedded?.stop();
}
