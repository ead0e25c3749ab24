import { sql } from 'drizzle-orm';
import { boolean, check, customType, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '~/server/db/columns.helpers';
import { registrations } from '~/server/registrations/registrations.table';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The PostgreSQL search index: one document per registration, rebuilt by triggers on
 * registrations, inbox_notes and inbox_items (migration 0008_search_triggers.sql) inside the
 * writer's transaction. Never written by application code. See docs/decisions/005-inbox-search.md.
 *
 * Text columns ending in Key are normalised for exact matching (lower case, no accents, phone in
 * national digits "0612345678", postcode "6191ab"); `fuzzy` is what trigram matching looks at
 * (names, village, e-mail, referrer; since migration 0013 typos are matched through search_terms
 * instead, so it has no index any more); `document` is the weighted full-text vector.
 */
export const searchDocuments = pgTable(
  'search_documents',
  {
    registrationId: uuid()
      .primaryKey()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    gemeenteSlug: text().notNull(),
    kind: text().notNull(),
    status: text().notNull(),
    kern: text(),
    assignedStaffId: uuid(),
    registeredAt: timestamptz('registered_at').notNull(),
    name: text().notNull(),
    nameKey: text().notNull(),
    email: text(),
    phone: text(),
    phoneKey: text(),
    postcode: text(),
    postcodeKey: text(),
    organisation: text(),
    referrerName: text(),
    notes: text(),
    fuzzy: text().notNull(),
    document: tsvector().notNull(),
    indexedAt: timestamptz('indexed_at').notNull().defaultNow(),
  },
  (t) => [
    index('search_documents_document_idx').using('gin', t.document),
    index('search_documents_scope_idx').on(t.gemeenteSlug, t.registeredAt.desc()),
    index('search_documents_name_key_idx').on(t.nameKey),
    index('search_documents_email_idx').on(t.email),
    index('search_documents_phone_key_idx').on(t.phoneKey.op('text_pattern_ops')),
    index('search_documents_postcode_key_idx').on(t.postcodeKey),
  ],
);

/**
 * One row: whether the triggers also queue 'search.index' outbox messages for an external
 * index (Meilisearch). Set at start-up from the configuration (setExternalSearchFeed).
 */
export const searchSettings = pgTable(
  'search_settings',
  {
    id: integer().primaryKey().default(1),
    externalFeed: boolean().notNull().default(false),
  },
  (t) => [check('search_settings_single_row', sql`${t.id} = 1`)],
);

export type SearchDocumentRow = typeof searchDocuments.$inferSelect;

/**
 * Every word that occurs in a name, village, organisation or e-mail address (folded: lower case,
 * no accents), for typo tolerance: a typed word is expanded to the known words within a small
 * edit distance, which are then looked up in the full-text index. Filled by the same trigger;
 * a deleted sign-up's words that no other document has go in the deleting transaction
 * (privacy.erase.ts), and the daily pruning (search.maintenance.ts) catches any other stale word.
 */
export const searchTerms = pgTable('search_terms', {
  term: text().primaryKey(),
});
