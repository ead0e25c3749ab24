/**
 * `npm run search:reindex` — rebuild the search index from PostgreSQL.
 *   (default)   rebuild search_documents (PostgreSQL adapter) and, when MEILISEARCH_URL is set,
 *               build a fresh Meilisearch index and swap it in (searches keep working meanwhile).
 *   --check     only compare: counts and ids in PostgreSQL against Meilisearch (drift check);
 *               exits with code 2 when they differ.
 * Uses DATABASE_URL, or the embedded database in DATA_DIR (stop the server first in that case).
 */
import { parseArgs } from 'node:util';
import { getConfigOrExit } from '~/server/config/config';
import { migrateDatabase } from '~/server/db/migrate';
import { openConfiguredDatabase } from '~/server/db/open-database';
import { createLogger } from '~/server/logger';
import { createPostgresSearchIndex } from '~/server/search/search.postgres';
import { searchIndexes } from '~/server/search/search.runtime';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });

const config = getConfigOrExit();
const log = createLogger(config.logLevel, 'search-reindex', config.logFormat);
const { connection, embedded } = await openConfiguredDatabase(config, (m) => log.info(m));
let exitCode = 0;
try {
  await migrateDatabase(connection);
  const { meilisearch } = searchIndexes({ config, db: connection.db });
  if (values.check) {
    if (!meilisearch) {
      log.info(
        'Geen MEILISEARCH_URL gezet: de PostgreSQL-index wordt door triggers bijgehouden, er is niets te vergelijken.',
      );
    } else {
      const drift = await meilisearch.checkDrift();
      log.info(`PostgreSQL: ${drift.databaseCount} documenten, Meilisearch: ${drift.indexCount}.`);
      if (drift.inSync) log.info('De zoekindex loopt gelijk met de database.');
      else {
        log.warn(
          `Verschil gevonden: ${drift.missing.length} ontbreken in Meilisearch, ${drift.extra.length} staan er te veel in. Draai npm run search:reindex om te herstellen.`,
          { missing: drift.missing.slice(0, 10), extra: drift.extra.slice(0, 10) },
        );
        exitCode = 2;
      }
    }
  } else {
    let started = performance.now();
    const { documents } = await createPostgresSearchIndex({ db: connection.db }).reindexAll();
    log.info(
      `PostgreSQL-zoekindex opnieuw opgebouwd: ${documents} aanmeldingen in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
    if (meilisearch) {
      started = performance.now();
      const result = await meilisearch.reindexAll();
      log.info(
        `Meilisearch-index opnieuw opgebouwd en omgewisseld: ${result.documents} documenten in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      );
      const drift = await meilisearch.checkDrift();
      if (!drift.inSync)
        log.warn('Na het omwisselen is er al weer verschil (er kwamen aanmeldingen bij); de outbox werkt die bij.', {
          missing: drift.missing.length,
          extra: drift.extra.length,
        });
    }
  }
} catch (error) {
  console.error(`[search-reindex] Mislukt: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await connection.close();
  await embedded?.stop();
}
process.exit(exitCode);
