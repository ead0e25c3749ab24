/**
 * Feeding an external index (Meilisearch) from the transactional outbox. The PostgreSQL
 * triggers queue a 'search.index' message ({ registrationId }) in the writer's transaction when
 * search_settings.external_feed is on; this handler brings that one document up to date.
 * Delivery is idempotent: it always reads the current state from PostgreSQL.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import { type OutboxHandler, PermanentDeliveryError } from '~/server/outbox/outbox.handlers';
import type { SearchIndex } from './search.port';
import { searchSettings } from './search.table';

export const SEARCH_INDEX_TOPIC = 'search.index';
export type SearchIndexPayload = { registrationId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createSearchIndexOutboxHandler(index: SearchIndex): OutboxHandler<SearchIndexPayload> {
  return {
    topic: SEARCH_INDEX_TOPIC,
    async deliver({ payload }) {
      if (!payload || typeof payload.registrationId !== 'string' || !UUID.test(payload.registrationId)) {
        throw new PermanentDeliveryError('search.index: payload zonder geldig registrationId');
      }
      await index.upsert(payload.registrationId);
    },
  };
}

/** Switch the triggers' outbox messages on (external index configured) or off. */
export async function setExternalSearchFeed(db: DbOrTx, enabled: boolean): Promise<void> {
  await db
    .insert(searchSettings)
    .values({ id: 1, externalFeed: enabled })
    .onConflictDoUpdate({
      target: searchSettings.id,
      set: { externalFeed: enabled },
      where: sql`${searchSettings.externalFeed} is distinct from ${enabled}`,
    });
}
