/**
 * Feeding an external index (Meilisearch) from the transactional outbox. The PostgreSQL
 * triggers queue a 'search.index' message ({ registrationId }) in the writer's transaction when
 * search_settings.external_feed is on; this handler brings that one document up to date.
 * Delivery is idempotent: it always reads the current state from PostgreSQL.
 */
import type { DbOrTx } from '~/server/db/db';
import { type OutboxHandler, PermanentDeliveryError } from '~/server/outbox/outbox.handlers';
import type { SearchIndex } from './search.port';
import { createSearchRepository } from './search.repository';

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
  await createSearchRepository({ db }).setExternalFeed(enabled);
}
