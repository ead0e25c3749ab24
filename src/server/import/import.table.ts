import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestampColumns, timestamptz } from '~/server/db/columns.helpers';
import { gemeenten } from '~/server/gemeenten/gemeenten.table';
import { staffUsers } from '~/server/staff/staff.table';
import type { ColumnMapping, ImportKind } from './import.schemas';

/**
 * One import of a coordinator's spreadsheet into one gemeente (docs/decisions/029-import.md):
 *   staged   uploaded and read; the cells wait in `cells` for the preview (at most a few hours)
 *   imported written in one transaction; `cells` is erased at that moment
 *   undone   taken back as a whole (within 14 days)
 * The raw file is never stored: only the cells as text, and only while staged.
 */
export const imports = pgTable(
  'imports',
  {
    id: idColumn(),
    gemeenteSlug: text()
      .notNull()
      .references(() => gemeenten.slug),
    kind: text().$type<ImportKind>().notNull(),
    staffId: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    status: text().$type<'staged' | 'imported' | 'undone'>().notNull().default('staged'),
    /** The kind of file ("Excel-bestand (.xlsx)"), never its own name, which may name a family (fileLabel). */
    fileName: text().notNull(),
    /** The header row as written in the file. */
    headers: jsonb().$type<string[]>().notNull(),
    /** The data rows as text (null once imported or undone). Personal data: kept only while staged. */
    cells: jsonb().$type<{ line: number; values: string[] }[]>(),
    mapping: jsonb().$type<ColumnMapping>().notNull(),
    /** What the reader noticed about the file (e.g. read as Windows-1252), shown with the preview. */
    notices: jsonb().$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    rowCount: integer().notNull(),
    createdCount: integer().notNull().default(0),
    updatedCount: integer().notNull().default(0),
    skippedCount: integer().notNull().default(0),
    importedAt: timestamptz('imported_at'),
    undoneAt: timestamptz('undone_at'),
    ...timestampColumns(),
  },
  (t) => [
    index('imports_gemeente_idx').on(t.gemeenteSlug, t.createdAt.desc()),
    index('imports_staged_idx').on(t.createdAt).where(sql`${t.status} = 'staged'`),
  ],
);

/**
 * Which record each imported row became: the link from a sign-up or koppeling to its import,
 * and how a later import of the same row finds it again (`rowKey`, e.g. the normalised name) and
 * sees whether it changed (`rowHash`). `previous` keeps an updated record's values for the undo.
 */
export const importRecords = pgTable(
  'import_records',
  {
    id: idColumn(),
    importId: uuid()
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    gemeenteSlug: text().notNull(),
    /** 'vraaggezin' | 'steungezin' | 'koppeling' */
    entity: text().notNull(),
    rowKey: text().notNull(),
    rowHash: text().notNull(),
    /** The sign-up or koppeling (no foreign key: it lives in another domain and may be deleted there). */
    recordId: uuid().notNull(),
    action: text().$type<'created' | 'updated'>().notNull(),
    previous: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('import_records_key_idx').on(t.gemeenteSlug, t.entity, t.rowKey, t.createdAt.desc()),
    index('import_records_import_idx').on(t.importId),
    index('import_records_record_idx').on(t.recordId),
  ],
);

/** The column mapping a gemeente used last, per kind of file: guessed first next time. */
export const importMappings = pgTable(
  'import_mappings',
  {
    gemeenteSlug: text()
      .notNull()
      .references(() => gemeenten.slug),
    kind: text().$type<ImportKind>().notNull(),
    mapping: jsonb().$type<ColumnMapping>().notNull(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.gemeenteSlug, t.kind] })],
);

export type ImportRow = typeof imports.$inferSelect;
export type ImportRecordRow = typeof importRecords.$inferSelect;
