/**
 * Which search adapters this process uses: PostgreSQL always; Meilisearch in front of it when
 * MEILISEARCH_URL is set (PostgreSQL then answers if Meilisearch is unreachable, so a search
 * never fails because the search server is down).
 */
import type { AppConfig } from '~/server/config/config';
import type { Database } from '~/server/db/db';
import type { Logger } from '~/server/logger';
import { createMeilisearchSearchIndex, type MeilisearchSearchIndex } from './search.meilisearch';
import type { SearchIndex } from './search.port';
import { createPostgresSearchIndex } from './search.postgres';
import type { SearchDeps } from './search.usecases';

export type SearchIndexes = { primary: SearchIndex; fallback?: SearchIndex; meilisearch?: MeilisearchSearchIndex };

const cache = new WeakMap<Database, SearchIndexes>();

export function searchIndexes({ config, db }: { config: AppConfig; db: Database; log?: Logger }): SearchIndexes {
  let found = cache.get(db);
  if (!found) {
    const postgres = createPostgresSearchIndex({ db });
    if (config.meilisearch) {
      const meilisearch = createMeilisearchSearchIndex({
        db,
        url: config.meilisearch.url,
        key: config.meilisearch.key,
      });
      found = { primary: meilisearch, fallback: postgres, meilisearch };
    } else {
      found = { primary: postgres };
    }
    cache.set(db, found);
  }
  return found;
}

/** What searchInbox needs in this process: the database, the clock and the search adapters. */
export function searchDeps(runtime: { config: AppConfig; db: Database; clock: () => Date; log: Logger }): SearchDeps {
  const { primary, fallback } = searchIndexes(runtime);
  return { db: runtime.db, clock: runtime.clock, search: primary, fallback, log: runtime.log };
}
