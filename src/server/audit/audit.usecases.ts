/** Writing and reading the audit log. Reading is for backoffice only (checked by the caller's ctx). */
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { requireStaff, type StaffContext } from '~/server/access/permissions';
import type { DbOrTx } from '~/server/db/db';
import { staffUsers } from '~/server/staff/staff.table';
import { auditLog } from './audit.table';

export type AuditEntry = {
  action: string;
  recordType?: string;
  recordId?: string;
  gemeenteSlug?: string;
  detail?: Record<string, unknown>;
};

export async function recordAudit(
  db: DbOrTx,
  actor: { staffId: string | null; clientAddress: string },
  entry: AuditEntry,
  at = new Date(),
): Promise<void> {
  await db.insert(auditLog).values({
    at,
    staffId: actor.staffId,
    clientAddress: actor.clientAddress,
    action: entry.action,
    recordType: entry.recordType ?? null,
    recordId: entry.recordId ?? null,
    gemeenteSlug: entry.gemeenteSlug ?? null,
    detail: entry.detail ?? null,
  });
}

export function auditActor(ctx: StaffContext) {
  return { staffId: ctx.staff.id, clientAddress: ctx.clientAddress };
}

const AUDIT_PAGE_SIZE = 50;

/** Newest first, keyset-paged on (at, id). Filter by record or by staff member. */
export async function listAuditLog(
  db: DbOrTx,
  ctx: StaffContext,
  filter: { recordId?: string; staffId?: string; before?: { at: Date; id: string } },
) {
  requireStaff(ctx, { action: 'audit.read' });
  const conditions: (SQL | undefined)[] = [
    filter.recordId ? eq(auditLog.recordId, filter.recordId) : undefined,
    filter.staffId ? eq(auditLog.staffId, filter.staffId) : undefined,
    filter.before
      ? or(lt(auditLog.at, filter.before.at), and(eq(auditLog.at, filter.before.at), lt(auditLog.id, filter.before.id)))
      : undefined,
  ];
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      recordType: auditLog.recordType,
      recordId: auditLog.recordId,
      gemeenteSlug: auditLog.gemeenteSlug,
      clientAddress: auditLog.clientAddress,
      detail: auditLog.detail,
      staffId: auditLog.staffId,
      staffName: staffUsers.displayName,
    })
    .from(auditLog)
    .leftJoin(staffUsers, eq(staffUsers.id, auditLog.staffId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const hasMore = rows.length > AUDIT_PAGE_SIZE;
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const last = page.at(-1);
  return { entries: page, next: hasMore && last ? { at: last.at, id: last.id } : null };
}
