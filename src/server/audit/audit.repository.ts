/**
 * The only code that reads or writes the audit log (`audit_log`). Every other domain writes its
 * entries through recordAudit (audit.usecases.ts), inside its own transaction.
 */
import { and, desc, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import { auditLog } from './audit.table';

export type AuditRow = typeof auditLog.$inferSelect;

export function createAuditRepository({ db }: { db: DbOrTx }) {
  return {
    async insert(values: typeof auditLog.$inferInsert) {
      await db.insert(auditLog).values(values);
    },

    /** Deletes up to `limit` entries older than `before` (the access log's term); returns how many. */
    async deleteOlderThan(before: Date, limit: number): Promise<number> {
      const oldest = db.select({ id: auditLog.id }).from(auditLog).where(lt(auditLog.at, before)).limit(limit);
      const rows = await db.delete(auditLog).where(inArray(auditLog.id, oldest)).returning({ id: auditLog.id });
      return rows.length;
    },

    /**
     * Newest first, keyset-paged on (at, id). Filters: the staff member; records (entries about
     * them, and views of a list or search that showed them: `detail.shown`); a period [from, until).
     */
    async list(filter: {
      recordId?: string;
      recordIds?: readonly string[];
      staffId?: string;
      from?: Date;
      until?: Date;
      before?: { at: Date; id: string };
      limit: number;
    }): Promise<AuditRow[]> {
      const records = [...(filter.recordId ? [filter.recordId] : []), ...(filter.recordIds ?? [])];
      const conditions: (SQL | undefined)[] = [
        filter.recordId !== undefined || filter.recordIds !== undefined
          ? records.length === 0
            ? sql`false`
            : or(
                inArray(auditLog.recordId, records),
                sql`(${auditLog.detail} -> 'shown') ?| ${sql.raw('array[')}${sql.join(
                  records.map((id) => sql`${id}`),
                  sql`, `,
                )}${sql.raw(']::text[]')}`,
              )
          : undefined,
        filter.staffId ? eq(auditLog.staffId, filter.staffId) : undefined,
        filter.from ? gte(auditLog.at, filter.from) : undefined,
        filter.until ? lt(auditLog.at, filter.until) : undefined,
        filter.before
          ? or(
              lt(auditLog.at, filter.before.at),
              and(eq(auditLog.at, filter.before.at), lt(auditLog.id, filter.before.id)),
            )
          : undefined,
      ];
      return db
        .select()
        .from(auditLog)
        .where(and(...conditions))
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(filter.limit);
    },
  };
}
