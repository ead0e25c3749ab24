/**
 * The one permissions module. Every page, endpoint and domain function that touches staff data
 * calls `requireStaff(ctx, { action, gemeente })`; middleware is not trusted for this.
 *
 *   coordinator  read, help and change records in their own gemeenten (staff_gemeenten)
 *   regional     read and help (notes, contact log) in the gemeenten of their region(s), change
 *                records where she stands in for a missing coordinator (`standIn`), and give the
 *                second look on a recruitment profile (decision 021)
 *   backoffice   everything in every gemeente; manages staff, reads the audit log, looks after
 *                e-mail that did not arrive
 *   gemeente     a beleidsmedewerker of one gemeente (staff_gemeenten): its progress reports, with
 *                small numbers hidden, and nothing else (no records, no names, no search)
 *
 * Progress reports (src/server/rapportage): every role reads them for its gemeenten; coordinators
 * and backoffice write the text that goes with them.
 *
 * A record in a gemeente outside your reach is "not found" (404): its existence is not revealed.
 */
import type { SessionStaff } from '~/server/auth/sessions';
import type { DbOrTx } from '~/server/db/db';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import { gemeentenWithoutCoordinator } from '~/server/responsibility/responsibility';
import { createStaffRepository } from '~/server/staff/staff.repository';
import { accessError } from './access.errors';

export type StaffAction =
  /** See a record and its history. */
  | 'record.read'
  /** Add a note or a contact moment. */
  | 'record.help'
  /** Change status, assignment, links. */
  | 'record.write'
  /** Give the second look on a profile with kept flags (decision 021); never one's own request. */
  | 'profile.approve'
  | 'staff.manage'
  | 'audit.read'
  /** See e-mail that did not arrive, send it again or throw it away (/beheer/e-mail). */
  | 'email.manage'
  /** Delete a person's record at their request (AVG art. 17), confirmed by the national office. */
  | 'privacy.erase'
  /** One's own account: sessions, password, recovery codes, notifications (/account). Every role. */
  | 'account.self'
  /** Read the progress report of a gemeente (/rapportage/{gemeente}). */
  | 'report.read'
  /** Write the coordinator's text with a report. */
  | 'report.write'
  /** The national figures of every gemeente (/rapportage for the backoffice). */
  | 'report.national';

export type StaffContext = {
  staff: SessionStaff;
  sessionId: string;
  clientAddress: string;
  /** Gemeenten (slugs) within reach; 'all' for backoffice. */
  gemeenten: ReadonlySet<string> | 'all';
  /**
   * For a regional coordinator: the gemeenten of her region without a coordinator, where she is
   * responsible for the sign-ups (src/server/responsibility) and may therefore also change them.
   */
  standIn?: ReadonlySet<string>;
};

const ROLE_ACTIONS: Record<SessionStaff['role'], ReadonlySet<StaffAction>> = {
  coordinator: new Set([
    'record.read',
    'record.help',
    'record.write',
    'profile.approve',
    'account.self',
    'report.read',
    'report.write',
  ]),
  regional: new Set(['record.read', 'record.help', 'profile.approve', 'account.self', 'report.read']),
  backoffice: new Set([
    'record.read',
    'record.help',
    'record.write',
    'profile.approve',
    'staff.manage',
    'audit.read',
    'email.manage',
    'privacy.erase',
    'account.self',
    'report.read',
    'report.write',
    'report.national',
  ]),
  gemeente: new Set(['account.self', 'report.read']),
};

/** The gemeenten a staff member works in, resolved once per request. */
export async function resolveGemeenten(
  db: DbOrTx,
  staff: Pick<SessionStaff, 'id' | 'role'>,
): Promise<ReadonlySet<string> | 'all'> {
  if (staff.role === 'backoffice') return 'all';
  const accounts = createStaffRepository({ db });
  if (staff.role === 'coordinator' || staff.role === 'gemeente')
    return new Set(await accounts.gemeenteSlugsOf(staff.id));
  const regions = await accounts.regionsOf(staff.id);
  return new Set(await createGemeentenRepository({ db }).slugsInRegions(regions));
}

/**
 * Where a regional coordinator stands in for a missing coordinator (responsibility.ts): the
 * gemeenten within her reach that have no coordinator who can log in. Resolved once per request,
 * so it ends the moment a new coordinator has enrolled.
 */
export async function resolveStandIn(
  db: DbOrTx,
  staff: Pick<SessionStaff, 'role'>,
  gemeenten: ReadonlySet<string> | 'all',
): Promise<ReadonlySet<string>> {
  if (staff.role !== 'regional' || gemeenten === 'all') return new Set();
  return gemeentenWithoutCoordinator(db, [...gemeenten]);
}

function canReachGemeente(ctx: StaffContext, gemeente: string): boolean {
  return ctx.gemeenten === 'all' || ctx.gemeenten.has(gemeente);
}

/** The role allows `action`, or she stands in for the coordinator there (any such gemeente when none is named). */
function roleAllows(ctx: StaffContext, action: StaffAction, gemeente: string | undefined): boolean {
  if (ROLE_ACTIONS[ctx.staff.role].has(action)) return true;
  if (action !== 'record.write' || !ctx.standIn || ctx.standIn.size === 0) return false;
  return gemeente === undefined || ctx.standIn.has(gemeente);
}

export function can(ctx: StaffContext | null, action: StaffAction, gemeente?: string): boolean {
  if (!ctx) return false;
  if (!roleAllows(ctx, action, gemeente)) return false;
  return gemeente === undefined || canReachGemeente(ctx, gemeente);
}

/**
 * Throws `access.not_signed_in` (401), `access.not_found` (404: gemeente out of reach) or
 * `access.forbidden` (403: role may not do this) and otherwise returns the context.
 */
export function requireStaff(
  ctx: StaffContext | null,
  check: { action: StaffAction; gemeente?: string },
): StaffContext {
  if (!ctx) throw accessError('access.not_signed_in');
  if (check.gemeente !== undefined && !canReachGemeente(ctx, check.gemeente)) throw accessError('access.not_found');
  if (!roleAllows(ctx, check.action, check.gemeente)) throw accessError('access.forbidden');
  return ctx;
}

/** The gemeenten to filter lists on (null = no filter, backoffice). */
export function gemeenteScope(ctx: StaffContext): string[] | null {
  return ctx.gemeenten === 'all' ? null : [...ctx.gemeenten];
}
