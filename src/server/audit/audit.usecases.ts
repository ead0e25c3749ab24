/** Writing and reading the audit log. Reading is for backoffice only (checked by the caller's ctx). */
import { requireStaff, type StaffContext } from '~/server/access/permissions';
import type { DbOrTx } from '~/server/db/db';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import { createProfilesRepository } from '~/server/profiles/profiles.repository';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { createStaffRepository } from '~/server/staff/staff.repository';
import { auditSentence, registrationSubject } from './audit.labels';
import { type AuditRow, createAuditRepository } from './audit.repository';

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
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A name filter looks at this many matching sign-ups at most (newest first). */
const NAME_MATCH_LIMIT = 50;

export type AuditFilter = {
  /** One record (a sign-up, a profile, a staff account): entries about it and lists that showed it. */
  recordId?: string;
  /** Part of the name on a sign-up: entries about those sign-ups and lists that showed them. */
  name?: string;
  staffId?: string;
  /** First and last day (YYYY-MM-DD, Europe/Amsterdam), both included. */
  from?: string;
  to?: string;
  before?: { at: Date; id: string };
};

/** Midnight in Amsterdam at the start of an ISO day. */
function startOfAmsterdamDay(isoDay: string): Date {
  const noon = new Date(`${isoDay}T12:00:00Z`);
  const offsetHours =
    Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hourCycle: 'h23' }).format(
        noon,
      ),
    ) - 12;
  return new Date(noon.getTime() - (12 + offsetHours) * 3_600_000);
}

const nextDay = (isoDay: string) =>
  new Date(new Date(`${isoDay}T12:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);

/**
 * The audit log for the office, newest first, keyset-paged on (at, id): each entry as a Dutch
 * sentence with the names of the staff member, the record and the gemeente. Filters by person,
 * record (or part of a name on a sign-up) and period. Reading the log is itself logged.
 */
export async function listAuditLog(deps: { db: DbOrTx; clock?: () => Date }, ctx: StaffContext, filter: AuditFilter) {
  requireStaff(ctx, { action: 'audit.read' });
  const registrations = createRegistrationsRepository(deps);
  const name = filter.name?.trim().slice(0, 100);
  const recordIds = name ? await registrations.idsMatchingName(name, NAME_MATCH_LIMIT) : undefined;
  const rows = await createAuditRepository(deps).list({
    recordId: filter.recordId,
    recordIds,
    staffId: filter.staffId,
    from: filter.from ? startOfAmsterdamDay(filter.from) : undefined,
    until: filter.to ? startOfAmsterdamDay(nextDay(filter.to)) : undefined,
    before: filter.before,
    limit: AUDIT_PAGE_SIZE + 1,
  });
  const hasMore = rows.length > AUDIT_PAGE_SIZE;
  const page = rows.slice(0, AUDIT_PAGE_SIZE);

  // Names of everyone and everything the page mentions, one query per domain.
  const ids = (type: string) =>
    page.filter((row) => row.recordType === type && row.recordId).map((row) => row.recordId!);
  const mentioned = (key: string) =>
    page.map((row) => row.detail?.[key]).filter((id): id is string => typeof id === 'string' && UUID.test(id));
  const [staffNames, signUps, profileTitles, gemeenteNames] = await Promise.all([
    createStaffRepository(deps).namesByIds([...page.map((row) => row.staffId), ...ids('staff'), ...mentioned('to')]),
    registrations.summariesByIds([...ids('registration'), ...mentioned('to'), ...mentioned('registrationId')]),
    createProfilesRepository(deps).titlesByIds(ids('profile')),
    createGemeentenRepository(deps).namesBySlug(page.flatMap((row) => row.gemeenteSlug ?? [])),
  ]);
  const names = {
    staff: (id: unknown) => (typeof id === 'string' && staffNames.get(id)) || 'een collega',
    registration: (id: unknown) => {
      const found = typeof id === 'string' ? signUps.get(id) : undefined;
      return found ? registrationSubject(found) : 'een aanmelding die er niet meer is';
    },
  };
  const subjectOf = (row: AuditRow) => {
    if (!row.recordId) return null;
    if (row.recordType === 'registration') {
      const found = signUps.get(row.recordId);
      return {
        label: found ? registrationSubject(found) : 'een verwijderde aanmelding',
        recordId: row.recordId,
        href: found ? `/inbox/${row.recordId}` : null,
      };
    }
    if (row.recordType === 'profile') {
      const title = profileTitles.get(row.recordId);
      return {
        label: title ? `wervingsprofiel “${title}”` : 'een verwijderd wervingsprofiel',
        recordId: row.recordId,
        href: title ? `/inbox/profielen/${row.recordId}` : null,
      };
    }
    if (row.recordType === 'staff') return { label: names.staff(row.recordId), recordId: row.recordId, href: null };
    return null;
  };
  const entries = page.map((row) => ({
    id: row.id,
    at: row.at,
    text: auditSentence(row.action, row.detail, names),
    subject: subjectOf(row),
    gemeenteName: row.gemeenteSlug ? (gemeenteNames.get(row.gemeenteSlug) ?? row.gemeenteSlug) : null,
    clientAddress: row.clientAddress,
    staffId: row.staffId,
    staffName: row.staffId ? (staffNames.get(row.staffId) ?? null) : null,
  }));
  if (deps.clock)
    await recordAudit(
      deps.db,
      auditActor(ctx),
      { action: 'audit.view', detail: { filter: { ...filter, before: filter.before ? 'older' : null } } },
      deps.clock(),
    );
  const last = entries.at(-1);
  return { entries, next: hasMore && last ? { at: last.at, id: last.id } : null };
}

/** The log page: the entries, and every staff member to filter on (by name). */
export async function getAuditLogPage(deps: { db: DbOrTx; clock: () => Date }, ctx: StaffContext, filter: AuditFilter) {
  const log = await listAuditLog(deps, ctx, filter);
  const staff = (await createStaffRepository(deps).listWithWorkAreas()).map((member) => ({
    id: member.id,
    name: member.displayName,
  }));
  return { ...log, staff };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (value: string | null) =>
  value && ISO_DAY.test(value) && !Number.isNaN(Date.parse(`${value}T12:00:00Z`)) ? value : undefined;
const validId = (value: string | null) => (value && UUID.test(value) ? value : undefined);

/** Parses the GET form of /beheer/logboek; what does not fit is dropped, never an error. */
export function parseAuditFilter(params: URLSearchParams): AuditFilter {
  const beforeAt = params.get('voor');
  const beforeId = validId(params.get('voor_id'));
  const name = params.get('naam')?.trim().slice(0, 100);
  return {
    staffId: validId(params.get('medewerker')),
    recordId: validId(params.get('record')),
    name: name || undefined,
    from: validDay(params.get('van')),
    to: validDay(params.get('tot')),
    before:
      beforeAt && beforeId && !Number.isNaN(Date.parse(beforeAt))
        ? { at: new Date(beforeAt), id: beforeId }
        : undefined,
  };
}

/** The filter as query parameters, and the link to the next (older) page. */
export function auditLinks(filter: AuditFilter, next: { at: Date; id: string } | null) {
  const keep = new URLSearchParams();
  if (filter.staffId) keep.set('medewerker', filter.staffId);
  if (filter.recordId) keep.set('record', filter.recordId);
  if (filter.name) keep.set('naam', filter.name);
  if (filter.from) keep.set('van', filter.from);
  if (filter.to) keep.set('tot', filter.to);
  return {
    filtered: keep.size > 0,
    next: next
      ? `/beheer/logboek?${new URLSearchParams([...keep, ['voor', next.at.toISOString()], ['voor_id', next.id]])}`
      : null,
  };
}
