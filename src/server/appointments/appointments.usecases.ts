/**
 * Kennismaking visits on a sign-up (issue 12): plan one (day, time, at home or elsewhere, who
 * goes), cancel one, list them on the record (and a line in its history, through the inbox). The staff member who goes finds them in her
 * agenda feed (src/server/calendar, source 'kennismakingen') and in her daily digest
 * (src/server/inbox/inbox.digest.ts). Outside the portal a visit never carries a name, an address
 * or a place typed by hand: the link opens the record behind the login.
 */
import { addDays, amsterdamDate } from '~/lib/dates';
import type { FieldErrors } from '~/lib/form-fields';
import type { StaffContext } from '~/server/access/permissions';
import { auditActor, recordAudit } from '~/server/audit/audit.usecases';
import type { Database, DbOrTx } from '~/server/db/db';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import { createInboxRepository } from '~/server/inbox/inbox.repository';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { createStaffRepository } from '~/server/staff/staff.repository';
import { appointmentError } from './appointments.errors';
import { appointmentWhereOutside } from './appointments.labels';
import { type AppointmentRow, createAppointmentsRepository } from './appointments.repository';
import { parseAppointmentForm } from './appointments.schemas';

type AppointmentDeps = { db: Database; clock: () => Date };

const invalid = (errors: FieldErrors) =>
  appointmentError('appointment.invalid_input', { fields: errors }, Object.values(errors)[0]);

/** Plans a visit on a family's or steungezin's sign-up. */
export async function planAppointment(
  deps: AppointmentDeps,
  ctx: StaffContext,
  registrationId: string,
  raw: Record<string, unknown>,
): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const registration = await createRegistrationsRepository({ db: tx }).getForStaff(
      ctx,
      registrationId,
      'record.write',
    );
    if (registration.kind === 'verwijzing') throw appointmentError('appointment.not_a_family');
    const parsed = parseAppointmentForm(raw, amsterdamDate(now));
    if (!parsed.success) throw invalid(parsed.errors);
    const { onDate, startTime, place, placeNote, staffId } = parsed.data;
    const goes = staffId ?? ctx.staff.id;
    if (goes !== ctx.staff.id && !(await worksIn(tx, goes, registration.gemeenteSlug)))
      throw invalid({ staffId: 'Kies iemand die in deze gemeente werkt.' });
    const row = await createAppointmentsRepository({ db: tx }).insert({
      registrationId,
      gemeenteSlug: registration.gemeenteSlug,
      staffId: goes,
      onDate: onDate!,
      startTime: startTime!,
      place: place!,
      placeNote: place === 'elsewhere' ? placeNote : null,
      createdBy: ctx.staff.id,
      createdAt: now,
    });
    await createRegistrationsRepository({ db: tx }).touch(registrationId, now);
    await createInboxRepository({ db: tx }).insertHistory({
      registrationId,
      staffId: ctx.staff.id,
      at: now,
      change: 'appointment',
      fromValue: null,
      toValue: onDate,
      detail: { startTime, place, staffId: goes },
    });
    await recordAudit(
      tx,
      auditActor(ctx),
      {
        action: 'appointment.plan',
        recordType: 'registration',
        recordId: registrationId,
        gemeenteSlug: registration.gemeenteSlug,
        detail: { appointment: row.id, onDate, startTime, place, staffId: goes },
      },
      now,
    );
  });
}

/** Whether this staff member works in this gemeente (the same people as the assignment menu). */
async function worksIn(db: DbOrTx, staffId: string, gemeenteSlug: string): Promise<boolean> {
  const gemeente = await createGemeentenRepository({ db }).find(gemeenteSlug);
  const staff = await createStaffRepository({ db }).activeStaffOf({
    slug: gemeenteSlug,
    region: gemeente?.region ?? null,
  });
  return staff.some((member) => member.id === staffId);
}

export async function cancelAppointment(
  deps: AppointmentDeps,
  ctx: StaffContext,
  registrationId: string,
  appointmentId: string,
) {
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const registration = await createRegistrationsRepository({ db: tx }).getForStaff(
      ctx,
      registrationId,
      'record.write',
    );
    const repo = createAppointmentsRepository({ db: tx });
    const row = /^[0-9a-f-]{36}$/i.test(appointmentId)
      ? await repo.ofRegistration(registrationId, appointmentId)
      : undefined;
    if (!row || row.cancelledAt) throw appointmentError('appointment.not_found');
    await repo.cancel(row.id, ctx.staff.id, now);
    await createRegistrationsRepository({ db: tx }).touch(registrationId, now);
    await createInboxRepository({ db: tx }).insertHistory({
      registrationId,
      staffId: ctx.staff.id,
      at: now,
      change: 'appointment',
      fromValue: row.onDate,
      toValue: null,
      detail: { startTime: row.startTime },
    });
    await recordAudit(
      tx,
      auditActor(ctx),
      {
        action: 'appointment.cancel',
        recordType: 'registration',
        recordId: registrationId,
        gemeenteSlug: registration.gemeenteSlug,
        detail: { appointment: row.id, onDate: row.onDate, startTime: row.startTime },
      },
      now,
    );
  });
}

/**
 * The visits on a sign-up for its page (the caller checked access): coming ones first, then the
 * ones that have passed, with the names of who goes and who planned; cancelled ones are left out.
 */
export async function appointmentsOnRecord(db: DbOrTx, registrationId: string, today: string) {
  const rows = (await createAppointmentsRepository({ db }).listOf(registrationId)).filter((r) => !r.cancelledAt);
  const names = await createStaffRepository({ db }).namesByIds(rows.flatMap((r) => [r.staffId, r.createdBy]));
  const shown = rows.map((r) => ({
    ...r,
    staffName: (r.staffId && names.get(r.staffId)) || 'oud account',
    past: r.onDate < today,
  }));
  return [...shown.filter((r) => !r.past), ...shown.filter((r) => r.past).reverse()];
}

/** What the agenda feed and the digest show of a visit: no names, no address, a link. */
function outside(row: AppointmentRow, gemeenteName: string) {
  return {
    summary: `Kennismaking (${gemeenteName})`,
    where: appointmentWhereOutside(row),
    path: `/inbox/${row.registrationId}`,
  };
}

async function gemeenteNames(db: DbOrTx, rows: readonly AppointmentRow[]) {
  return createGemeentenRepository({ db }).namesBySlug([...new Set(rows.map((r) => r.gemeenteSlug))]);
}

/** The agenda feed's events of this domain: the reader's own visits that still stand, with their time. */
export async function appointmentCalendarEvents(
  db: DbOrTx,
  window: {
    staffId: string;
    gemeenten: readonly string[] | null;
    from: string;
    to: string;
    url: (path: string) => string;
  },
) {
  if (window.gemeenten?.length === 0) return [];
  const rows = await createAppointmentsRepository({ db }).standingFor(
    window.staffId,
    window.gemeenten,
    window.from,
    window.to,
  );
  const names = await gemeenteNames(db, rows);
  return rows.map((row) => {
    const shown = outside(row, names.get(row.gemeenteSlug) ?? row.gemeenteSlug);
    return {
      uid: `kennismaking-${row.id}@buurtgezinnen`,
      date: row.onDate,
      time: { start: row.startTime, minutes: row.durationMinutes },
      summary: shown.summary,
      location: shown.where,
      description: 'Wie en waar precies staat in het portaal.',
      url: window.url(shown.path),
    };
  });
}

/** Days the digest looks ahead for visits (today included). */
const DIGEST_DAYS = 7;

/** The digest's lines of a staff member's own visits from today through the coming week. */
export async function appointmentsForDigest(
  db: DbOrTx,
  input: { staffId: string; gemeenten: readonly string[] | null; today: string },
) {
  if (input.gemeenten?.length === 0) return [];
  const rows = await createAppointmentsRepository({ db }).standingFor(
    input.staffId,
    input.gemeenten,
    input.today,
    addDays(input.today, DIGEST_DAYS - 1),
  );
  const names = await gemeenteNames(db, rows);
  return rows.map((row) => {
    const shown = outside(row, names.get(row.gemeenteSlug) ?? row.gemeenteSlug);
    return { onDate: row.onDate, startTime: row.startTime, what: shown.summary, where: shown.where, path: shown.path };
  });
}
