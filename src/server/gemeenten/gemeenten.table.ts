import { pgEnum, pgTable, text } from 'drizzle-orm/pg-core';
import { timestampColumns } from '~/server/db/columns.helpers';

export const gemeenteStatusEnum = pgEnum('gemeente_status', ['active', 'starting', 'ended']);

/**
 * The gemeenten the portal knows. The content files in src/content/gemeenten are the source;
 * this table is synced from them at start so that records can reference a gemeente.
 */
export const gemeenten = pgTable('gemeenten', {
  slug: text().primaryKey(),
  name: text().notNull(),
  province: text().notNull(),
  region: text().notNull(),
  status: gemeenteStatusEnum().notNull(),
  kernen: text().array().notNull().default([]),
  ...timestampColumns(),
});
