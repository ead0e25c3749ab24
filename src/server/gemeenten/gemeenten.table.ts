import { jsonb, pgEnum, pgTable, text } from 'drizzle-orm/pg-core';
import { timestampColumns } from '~/server/db/columns.helpers';

export const gemeenteStatusEnum = pgEnum('gemeente_status', ['active', 'starting', 'ended']);

/**
 * The gemeenten the portal knows. The content files in src/content/gemeenten are the source;
 * this table is synced from them at start so that records can reference a gemeente, and so the
 * matching settings (kern coordinates, neighbours, huisregels, competences) are in the database.
 */
export const gemeenten = pgTable('gemeenten', {
  slug: text().primaryKey(),
  name: text().notNull(),
  province: text().notNull(),
  region: text().notNull(),
  status: gemeenteStatusEnum().notNull(),
  kernen: text().array().notNull().default([]),
  /** Kern -> approximate centre (never an address), for distances on the shortlist. */
  kernCoordinates: jsonb().$type<Record<string, { lat: number; lon: number }>>().notNull().default({}),
  /** Slugs of gemeenten whose steungezinnen can support families here (regional shortlists). */
  neighbours: text().array().notNull().default([]),
  /** The gemeente's huisregels template; null = the national list. */
  houseRules: text().array(),
  /** The gemeente's competence checklist for steungezinnen; null = the national list. */
  competences: jsonb().$type<{ key: string; label: string }[]>(),
  ...timestampColumns(),
});
