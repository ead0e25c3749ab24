/** Staff accounts: my own settings, and the backoffice's list, invitations and disabling. */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { requireStaff, type StaffContext } from '~/server/access/permissions';
import { auditActor, recordAudit } from '~/server/audit/audit.usecases';
import { authError } from '~/server/auth/auth.errors';
import { type AuthDeps, type InviteInput, inviteStaff, resendInvitation } from '~/server/auth/auth.usecases';
import { invalidateAllSessions } from '~/server/auth/sessions';
import type { Database } from '~/server/db/db';
import { gemeenten } from '~/server/gemeenten/gemeenten.table';
import { type StaffRole, staffGemeenten, staffRegions, staffRoleEnum, staffUsers } from './staff.table';

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  coordinator: 'Coördinator',
  regional: 'Regiocoördinator',
  backoffice: 'Landelijk bureau',
};

export async function getMySettings(db: Database, ctx: StaffContext) {
  const [row] = await db
    .select({ notificationMode: staffUsers.notificationMode })
    .from(staffUsers)
    .where(eq(staffUsers.id, ctx.staff.id));
  return { notificationMode: row?.notificationMode ?? 'immediate' };
}

export async function setMyNotificationMode(db: Database, ctx: StaffContext, mode: string): Promise<void> {
  if (mode !== 'immediate' && mode !== 'daily_digest')
    throw authError('staff.invalid_input', {}, 'Kies hoe je bericht wilt krijgen.');
  await db.update(staffUsers).set({ notificationMode: mode }).where(eq(staffUsers.id, ctx.staff.id));
}

/** Every staff account with its gemeenten/regions; backoffice only. */
export async function listStaffAccounts(db: Database, ctx: StaffContext) {
  requireStaff(ctx, { action: 'staff.manage' });
  const users = await db
    .select()
    .from(staffUsers)
    .orderBy(asc(sql`lower(${staffUsers.displayName})`));
  const ids = users.map((u) => u.id);
  const gemeenten = ids.length
    ? await db.select().from(staffGemeenten).where(inArray(staffGemeenten.staffId, ids))
    : [];
  const regions = ids.length ? await db.select().from(staffRegions).where(inArray(staffRegions.staffId, ids)) : [];
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    state: u.disabledAt ? ('disabled' as const) : u.totpEnrolledAt ? ('active' as const) : ('invited' as const),
    gemeenten: gemeenten.filter((g) => g.staffId === u.id).map((g) => g.gemeenteSlug),
    regions: regions.filter((r) => r.staffId === u.id).map((r) => r.region),
  }));
}

export async function inviteOptions(db: Database, ctx: StaffContext) {
  requireStaff(ctx, { action: 'staff.manage' });
  const rows = await db
    .select({ slug: gemeenten.slug, name: gemeenten.name, region: gemeenten.region })
    .from(gemeenten)
    .orderBy(asc(gemeenten.name));
  return { gemeenten: rows, regions: [...new Set(rows.map((r) => r.region))].sort(), roles: staffRoleEnum.enumValues };
}

export async function inviteStaffMember(deps: AuthDeps, ctx: StaffContext, input: Omit<InviteInput, 'inviterName'>) {
  requireStaff(ctx, { action: 'staff.manage' });
  if (!(staffRoleEnum.enumValues as readonly string[]).includes(input.role))
    throw authError('staff.invalid_input', { field: 'role' }, 'Kies een rol.');
  const known = new Set((await deps.db.select({ slug: gemeenten.slug }).from(gemeenten)).map((m) => m.slug));
  if (input.gemeenten.some((m) => !known.has(m)))
    throw authError('staff.invalid_input', { field: 'gemeenten' }, 'Kies gemeenten uit de lijst.');
  const result = await inviteStaff(deps, {
    ...input,
    gemeenten: input.role === 'coordinator' ? input.gemeenten : [],
    regions: input.role === 'regional' ? input.regions : [],
    inviterName: ctx.staff.displayName,
  });
  await recordAudit(
    deps.db,
    auditActor(ctx),
    { action: 'staff.invite', recordType: 'staff', recordId: result.staffId, detail: { role: input.role } },
    deps.clock(),
  );
  return result;
}

export async function resendStaffInvitation(deps: AuthDeps, ctx: StaffContext, staffId: string) {
  requireStaff(ctx, { action: 'staff.manage' });
  const result = await resendInvitation(deps, staffId, ctx.staff.displayName);
  await recordAudit(
    deps.db,
    auditActor(ctx),
    { action: 'staff.invite_resent', recordType: 'staff', recordId: staffId },
    deps.clock(),
  );
  return result;
}

/** Disabling ends every session at once; the account can no longer log in or be reset. */
export async function disableStaffAccount(deps: AuthDeps, ctx: StaffContext, staffId: string) {
  requireStaff(ctx, { action: 'staff.manage' });
  if (staffId === ctx.staff.id)
    throw authError('staff.invalid_input', {}, 'Je kunt je eigen account niet uitschakelen.');
  await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(staffUsers)
      .set({ disabledAt: deps.clock() })
      .where(eq(staffUsers.id, staffId))
      .returning({ id: staffUsers.id });
    if (updated.length === 0) throw authError('staff.invalid_input', {}, 'Dit account bestaat niet.');
    await invalidateAllSessions(tx, staffId);
    await recordAudit(
      tx,
      auditActor(ctx),
      { action: 'staff.disable', recordType: 'staff', recordId: staffId },
      deps.clock(),
    );
  });
}
