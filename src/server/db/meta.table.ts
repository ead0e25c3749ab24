import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { timestampColumns } from './columns.helpers';

/** Small facts about this installation, such as when demo content was seeded. */
export const appMeta = pgTable('app_meta', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  ...timestampColumns(),
});
