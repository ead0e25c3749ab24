/**
 * The only code that reads or writes the import's tables (`imports`, `import_records`,
 * `import_mappings`). Other domains' records are written by their own repositories, inside the
 * import's transaction (import.usecases.ts).
 */
import { and, desc, eq, gt, inArray, lt, ne, notExists, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import type { ColumnMapping, ImportKind } from './import.schemas';
import { type ImportRecordRow, type ImportRow, importMappings, importRecords, imports } from './import.table';

export type { ImportRecordRow, ImportRow };

export function createImportRepository({ db }: { db: DbOrTx }) {
  return {
    async insert(values: typeof imports.$inferInsert) {
      const [row] = await db.insert(imports).values(values).returning({ id: imports.id });
      return row!;
    },

    async find(id: string, lock = false): Promise<ImportRow | undefined> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
      const query = db.select().from(imports).where(eq(imports.id, id));
      const [row] = lock ? await query.for('update') : await query;
      return row;
    },

    /** The newest imports of some gemeenten (null: all), without their cells. */
    async listRecent(gemeenten: readonly string[] | null, limit = 50) {
      if (gemeenten?.length === 0) return [];
      return db
        .select({
          id: imports.id,
          gemeenteSlug: imports.gemeenteSlug,
          kind: imports.kind,
          status: imports.status,
          fileName: imports.fileName,
          rowCount: imports.rowCount,
          createdCount: imports.createdCount,
          updatedCount: imports.updatedCount,
          skippedCount: imports.skippedCount,
          createdAt: imports.createdAt,
          importedAt: imports.importedAt,
          undoneAt: imports.undoneAt,
        })
        .from(imports)
        .where(gemeenten ? inArray(imports.gemeenteSlug, [...gemeenten]) : undefined)
        .orderBy(desc(imports.createdAt))
        .limit(limit);
    },

    async update(id: string, set: Partial<typeof imports.$inferInsert>) {
      await db.update(imports).set(set).where(eq(imports.id, id));
    },

    async remove(id: string) {
      await db.delete(imports).where(eq(imports.id, id));
    },

    /** Staged imports nobody finished: their cells go (personal data is kept only while needed). */
    async removeStagedBefore(before: Date) {
      await db.delete(imports).where(and(eq(imports.status, 'staged'), lt(imports.createdAt, before)));
    },

    /**
     * The retention term of an import's own row (docs/privacy/register.md, `import`): an upload
     * nobody finished after some hours, an undone import once its undo window has passed, and a
     * written one once every record it brought in is gone (retention or a request deleted them).
     */
    async removeExpired(stagedBefore: Date, doneBefore: Date) {
      const deleted = await db
        .delete(imports)
        .where(
          or(
            and(eq(imports.status, 'staged'), lt(imports.createdAt, stagedBefore)),
            and(eq(imports.status, 'undone'), lt(imports.undoneAt, doneBefore)),
            and(
              eq(imports.status, 'imported'),
              lt(imports.importedAt, doneBefore),
              notExists(
                db.select({ id: importRecords.id }).from(importRecords).where(eq(importRecords.importId, imports.id)),
              ),
            ),
          ),
        )
        .returning({ id: imports.id });
      return deleted.length;
    },

    /** Whether a later import of the same gemeente and kind was written and not taken back. */
    async laterImportExists(row: Pick<ImportRow, 'id' | 'gemeenteSlug' | 'kind' | 'importedAt'>) {
      const [found] = await db
        .select({ id: imports.id })
        .from(imports)
        .where(
          and(
            eq(imports.gemeenteSlug, row.gemeenteSlug),
            eq(imports.kind, row.kind),
            eq(imports.status, 'imported'),
            ne(imports.id, row.id),
            row.importedAt ? gt(imports.importedAt, row.importedAt) : undefined,
          ),
        )
        .limit(1);
      return Boolean(found);
    },

    /** The newest record per row key of an entity in a gemeente: where an earlier import put that row. */
    async latestRecords(gemeenteSlug: string, entity: string): Promise<Map<string, ImportRecordRow>> {
      const rows = await db
        .selectDistinctOn([importRecords.rowKey])
        .from(importRecords)
        .where(and(eq(importRecords.gemeenteSlug, gemeenteSlug), eq(importRecords.entity, entity)))
        .orderBy(importRecords.rowKey, desc(importRecords.createdAt));
      return new Map(rows.map((row) => [row.rowKey, row]));
    },

    async insertRecords(rows: (typeof importRecords.$inferInsert)[]) {
      // In slices: one statement has at most 65,535 parameters.
      for (let start = 0; start < rows.length; start += 2000)
        await db.insert(importRecords).values(rows.slice(start, start + 2000));
    },

    /** What an import wrote, newest first (the undo walks it back in this order). */
    async recordsOf(importId: string) {
      return db
        .select()
        .from(importRecords)
        .where(eq(importRecords.importId, importId))
        .orderBy(desc(importRecords.createdAt), desc(sql`${importRecords.entity} = 'koppeling'`));
    },

    async removeRecordsOf(importId: string) {
      await db.delete(importRecords).where(eq(importRecords.importId, importId));
    },

    async mapping(gemeenteSlug: string, kind: ImportKind): Promise<ColumnMapping | undefined> {
      const [row] = await db
        .select({ mapping: importMappings.mapping })
        .from(importMappings)
        .where(and(eq(importMappings.gemeenteSlug, gemeenteSlug), eq(importMappings.kind, kind)));
      return row?.mapping;
    },

    async saveMapping(gemeenteSlug: string, kind: ImportKind, mapping: ColumnMapping, at: Date) {
      await db
        .insert(importMappings)
        .values({ gemeenteSlug, kind, mapping, updatedAt: at })
        .onConflictDoUpdate({
          target: [importMappings.gemeenteSlug, importMappings.kind],
          set: { mapping, updatedAt: at },
        });
    },
  };
}
