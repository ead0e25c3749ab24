/** Writing and reading the audit log. Reading is for backoffice only (checked by the caller's ctx). */
import { requireStaff, type StaffContext } from '~/server/access/permissions';
import type { DbOrTx } from '~/server/db/db';
import { createStaffRepository } from '~/server/staff/staff.repository';
import { createAuditRepository } from './audit.repository';

export type AuditEntry = {
  action: string;
  recordType?: string;
  recordId?: string;
  gemeenteSlug?: string;
  detail?: Record<string, unknown>;
};

/** Writes one entry; pass the transaction of the change it records, so both commit together. */
export async function recordAudit(
  db: DbOrTx,
  actor: { staffId: string | null; clientAddress: string },
  entry: AuditEntry,
  at = new Date(),
): Promise<void> {
  await createAuditRepository({ db }).insert({
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
  deps: { db: DbOrTx },
  ctx: StaffContext,
  filter: { recordId?: string; staffId?: string; before?: { at: Date; id: string } },
) {
  requireStaff(ctx, { action: 'audit.read' });
  const rows = await createAuditRepository(deps).list({ ...filter, limit: AUDIT_PAGE_SIZE + 1 });
  const hasMore = rows.length > AUDIT_PAGE_SIZE;
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const names = await createStaffRepository(deps).namesByIds(page.map((row) => row.staffId));
  const entries = page.map((row) => ({
    id: row.id,
    at: row.at,
    action: row.action,
    recordType: row.recordType,
    recordId: row.recordId,
    gemeenteSlug: row.gemeenteSlug,
    clientAddress: row.clientAddress,
    detail: row.detail,
    staffId: row.staffId,
    staffName: row.staffId ? (names.get(row.staffId) ?? null) : null,
  }));
  const last = entries.at(-1);
  return { entries, next: hasMore && last ? { at: last.at, id: last.id } : null };
}
