/**
 * Start-up wiring for search (called from src/server/runtime/services.ts and the stand-alone
 * outbox worker): tells the triggers whether to feed an external index, makes sure the
 * Meilisearch index exists with its settings, and returns the outbox handler for 'search.index'.
 */
import type { AppConfig } from '~/server/config/config';
import type { Database } from '~/server/db/db';
import type { Logger } from '~/server/logger';
import type { OutboxHandler } from '~/server/outbox/outbox.handlers';
import { createSearchIndexOutboxHandler, setExternalSearchFeed } from './search.outbox';
import { searchIndexes } from './search.runtime';

export async function searchOutboxHandlers(runtime: {
  config: AppConfig;
  db: Database;
  log: Logger;
}): Promise<OutboxHandler<never>[]> {
  const { meilisearch } = searchIndexes(runtime);
  await setExternalSearchFeed(runtime.db, meilisearch !== undefined);
  if (!meilisearch) return [];
  // Not awaited: an unreachable search server must not stop the portal from starting; the
  // outbox retries deliveries until it is back.
  meilisearch.ensureIndex().catch((error: unknown) =>
    runtime.log.warn('Meilisearch is nog niet bereikbaar; de outbox probeert het later opnieuw.', {
      error: String(error),
    }),
  );
  return [createSearchIndexOutboxHandler(meilisearch) as OutboxHandler<never>];
}
