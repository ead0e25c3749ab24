/** Staff accounts: my own account and settings, and the backoffice's list, invitations and disabling. */
import { requireStaff, type StaffContext } from '~/server/access/permissions';
import { auditActor, recordAudit } from '~/server/audit/audit.usecases';
import { authError } from '~/server/auth/auth.errors';
import {
  type AuthDeps,
  countUnusedRecoveryCodes,
  type InviteInput,
  inviteStaff,
  resendInvitation,
} from '~/server/auth/auth.usecases';
import { invalidateAllSessions, listSessions } from '~/server/auth/sessions';
import type { DbOrTx } from '~/server/db/db';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import { workAreaText } from './staff.labels';
import { createStaffRepository, STAFF_ROLES } from './staff.repository';

type StaffDeps = { db: DbOrTx; clock: () => Date };

/** What /account shows: where I am logged in, how I hear about sign-ups, my recovery codes. */
export async function getMyAccount(deps: StaffDeps, ctx: StaffContext) {
  const [sessions, account, unusedRecoveryCodes] = await Promise.all([
    listSessions(deps.db, ctx.staff.id, deps.clock()),
    createStaffRepository(deps).findById(ctx.staff.id),
    countUnusedRecoveryCodes(deps, ctx.staff.id),
  ]);
  return { sessions, notificationMode: account?.notificationMode ?? 'immediate', unusedRecoveryCodes };
}

export async function setMyNotificationMode(deps: Pick<StaffDeps, 'db'>, ctx: StaffContext, mode: string) {
  if (mode !== 'immediate' && mode !== 'daily_digest')
    throw authError('staff.invalid_input', {}, 'Kies hoe je bericht wilt krijgen.');
  await createStaffRepository(deps).setNotificationMode(ctx.staff.id, mode);
}

/** Every staff account with its gemeenten/regions; backoffice only. */
export async function listStaffAccounts(deps: Pick<StaffDeps, 'db'>, ctx: StaffContext) {
  requireStaff(ctx, { action: 'staff.manage' });
  const accounts = await createStaffRepository(deps).listWithWorkAreas();
  const gemeenteNames = await createGemeentenRepository(deps).namesBySlug(
    accounts.flatMap((account) => account.gemeenten),
  );
  return accounts.map((account) => {
    const names = account.gemeenten
      .map((slug) => gemeenteNames.get(slug) ?? slug)
      .sort((a, b) => a.localeCompare(b, 'nl'));
    return {
      id: account.id,
      email: account.email,
      displayName: account.displayName,
      role: account.role,
      state: account.disabledAt
        ? ('disabled' as const)
        : account.totpEnrolledAt
          ? ('active' as const)
          : ('invited' as const),
      gemeenten: account.gemeenten,
      regions: account.regions,
      /** Where she works, by gemeente name (for the "Werkgebied" column). */
      workArea: workAreaText({ role: account.role, gemeenteNames: names, regions: account.regions }),
    };
  });
}

/** The choices of the invitation form: gemeenten, regions and roles. */
export async function inviteOptions(deps: Pick<StaffDeps, 'db'>, ctx: StaffContext) {
  requireStaff(ctx, { action: 'staff.manage' });
  const rows = await createGemeentenRepository(deps).listWithRegions();
  return { gemeenten: rows, regions: [...new Set(rows.map((r) => r.region))].sort(), roles: STAFF_ROLES };
}

/** The backoffice page: every account and the invitation form's choices. */
export async function getStaffAdministration(deps: Pick<StaffDeps, 'db'>, ctx: StaffContext) {
  const [accounts, options] = await Promise.all([listStaffAccounts(deps, ctx), inviteOptions(deps, ctx)]);
  return { accounts, options };
}

/**
 * The first backoffice account of a new installation, from the server's shell
 * (`npm run staff:invite`): the account, its invitation mail and the audit entry ("done from the
 * command line", no staff member) in one transaction. After that, backoffice invites at /beheer.
 */
export async function inviteBackofficeFromCommandLine(
  deps: AuthDeps,
  input: { email: string; displayName: string },
): Promise<{ staffId: string; invitationToken: string }> {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const result = await inviteStaff({ ...deps, db: tx }, { ...input, role: 'backoffice', gemeenten: [], regions: [] });
    await recordAudit(
      tx,
      { staffId: null, clientAddress: 'opdrachtregel' },
      {
        action: 'staff.invite',
        recordType: 'staff',
        recordId: result.staffId,
        detail: { role: 'backoffice', via: 'cli' },
      },
      now,
    );
    return result;
  });
}

/** Invites someone (account + mail) and logs it, in one transaction. */
export async function inviteStaffMember(
  deps: AuthDeps,
  ctx: StaffContext,
  input: Omit<InviteInput, 'inviterName' | 'role'> & { role: string },
) {
  requireStaff(ctx, { action: 'staff.manage' });
  const role = STAFF_ROLES.find((known) => known === input.role);
  if (!role) throw authError('staff.invalid_input', { field: 'role' }, 'Kies een rol.');
  const known = new Set(await createGemeentenRepository(deps).allSlugs());
  if (input.gemeenten.some((slug) => !known.has(slug)))
    throw authError('staff.invalid_input', { field: 'gemeenten' }, 'Kies gemeenten uit de lijst.');
  // A beleidsmedewerker sees the reports of exactly one gemeente.
  if (role === 'gemeente' && input.gemeenten.length !== 1)
    throw authError(
      'staff.invalid_input',
      { field: 'gemeenten' },
      'Kies voor een gemeente-account precies één gemeente.',
    );
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const result = await inviteStaff(
      { ...deps, db: tx },
      {
        ...input,
        role,
        gemeenten: role === 'coordinator' || role === 'gemeente' ? input.gemeenten : [],
        regions: role === 'regional' ? input.regions : [],
        inviterName: ctx.staff.displayName,
      },
    );
    await recordAudit(
      tx,
      auditActor(ctx),
      { action: 'staff.invite', recordType: 'staff', recordId: result.staffId, detail: { role } },
      now,
    );
    return result;
  });
}

/** A new invitation link (and mail), logged in the same transaction. */
export async function resendStaffInvitation(deps: AuthDeps, ctx: StaffContext, staffId: string) {
  requireStaff(ctx, { action: 'staff.manage' });
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const result = await resendInvitation({ ...deps, db: tx }, staffId, ctx.staff.displayName);
    await recordAudit(
      tx,
      auditActor(ctx),
      { action: 'staff.invite_resent', recordType: 'staff', recordId: staffId },
      now,
    );
    return result;
  });
}

/** Disabling ends every session at once; the account can no longer log in or be reset. */
export async function disableStaffAccount(deps: StaffDeps, ctx: StaffContext, staffId: string) {
  requireStaff(ctx, { action: 'staff.manage' });
  if (staffId === ctx.staff.id)
    throw authError('staff.invalid_input', {}, 'Je kunt je eigen account niet uitschakelen.');
  await deps.db.transaction(async (tx) => {
    const found = await createStaffRepository({ db: tx }).disable(staffId, deps.clock());
    if (!found) throw authError('staff.invalid_input', {}, 'Dit account bestaat niet.');
    await invalidateAllSessions(tx, staffId);
    await recordAudit(
      tx,
      auditActor(ctx),
      { action: 'staff.disable', recordType: 'staff', recordId: staffId },
      deps.clock(),
    );
  });
}
