/**
 * The screening of a steungezin (docs/domain.md, step 4): two intake conversations, a VOG per
 * adult (with a renewal reminder), the competence checklist, availability, and the approval.
 * Every function checks access for the sign-up's gemeente (404 outside it), writes a history
 * line and an audit entry in the same transaction, and moves the inbox status along when the
 * pipeline was at the step before (gesprek 1, gesprek 2, VOG aangevraagd, goedgekeurd).
 */

import { addMonths, amsterdamDate } from '~/lib/dates';
import type { FieldErrors } from '~/lib/form-fields';
import type { SteungezinDetails } from '~/lib/registration.types';
import type { StaffAction, StaffContext } from '~/server/access/permissions';
import { auditActor, recordAudit } from '~/server/audit/audit.usecases';
import type { Database, DbOrTx } from '~/server/db/db';
import { queueEmailToCoordinators } from '~/server/email/email.usecases';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import { followStatus } from '~/server/inbox/inbox.follow';
import type { Logger } from '~/server/logger';
import { createRegistrationsRepository, type RegistrationRow } from '~/server/registrations/registrations.repository';
import { startPeriodicService } from '~/server/runtime/periodic-service';
import { createStaffRepository } from '~/server/staff/staff.repository';
import { screeningError } from './screening.errors';
import {
  type ApprovalBlocker,
  BLOCKER_LABELS,
  DEFAULT_COMPETENCES,
  screeningHistorySentence,
} from './screening.labels';
import { refreshScreeningState } from './screening.pool';
import { type CompetenceCheck, createScreeningRepository, type ScreeningRow } from './screening.repository';
import { approvalBlockers } from './screening.rules';
import { parseAvailabilityForm, parseChecklistForm, parseIntakeForm, parseVogForm } from './screening.schemas';

/** A transaction joins the caller's (changes then run in a savepoint of it). */
export type ScreeningDeps = { db: DbOrTx; clock: () => Date; vogRenewalYears?: number };

/** Default renewal term of a VOG (VOG_RENEWAL_YEARS). */
const DEFAULT_VOG_RENEWAL_YEARS = 3;
/** A renewal reminder goes out this long before a VOG expires. */
const VOG_REMINDER_MONTHS = 2;

function invalid(errors: FieldErrors) {
  return screeningError('screening.invalid_input', { fields: errors }, Object.values(errors)[0]);
}

async function loadSteungezin(db: DbOrTx, ctx: StaffContext, id: string, action: StaffAction, lock = false) {
  const registration = await createRegistrationsRepository({ db }).getForStaff(ctx, id, action, { lock });
  if (registration.kind !== 'steungezin') throw screeningError('screening.not_steungezin');
  return registration;
}

/** The gemeente's competence checklist, or the national one. */
async function competenceList(db: DbOrTx, gemeenteSlug: string) {
  const [settings] = await createGemeentenRepository({ db }).matchingSettings([gemeenteSlug]);
  return settings?.competences?.length ? settings.competences : [...DEFAULT_COMPETENCES];
}

function adultsOf(registration: RegistrationRow): number {
  const n = (registration.details as SteungezinDetails).adultsInHousehold;
  return Number.isInteger(n) && n > 0 && n < 10 ? n : 1;
}

/** Makes the screening on first use, filled with what the steungezin said when signing up. */
async function ensureScreening(tx: DbOrTx, registration: RegistrationRow, now: Date): Promise<ScreeningRow> {
  const repo = createScreeningRepository({ db: tx });
  const existing = await repo.find(registration.id, true);
  if (existing) return existing;
  const details = registration.details as SteungezinDetails;
  const competences = await competenceList(tx, registration.gemeenteSlug);
  return repo.create(
    {
      registrationId: registration.id,
      gemeenteSlug: registration.gemeenteSlug,
      competences: competences.map((c) => ({ key: c.key, label: c.label, checked: false })),
      days: details.days ?? [],
      frequency: details.frequency ?? null,
      sleepovers: details.sleepovers ?? null,
      ageGroups: details.ageGroups ?? [],
      kern: registration.kern,
      respondedToProfileId: registration.profileId,
      createdAt: now,
      updatedAt: now,
    },
    adultsOf(registration),
  );
}

/** Both intakes, the VOGs and the checklist of one steungezin, checked against the rule. */
async function blockersOf(tx: DbOrTx, registrationId: string, screening: ScreeningRow | undefined, today: string) {
  const repo = createScreeningRepository({ db: tx });
  const [intakes, vogs] = await Promise.all([repo.intakes(registrationId), repo.vogs(registrationId)]);
  return approvalBlockers({ intakes, vogs, checklistSignedOff: !!screening?.checklistSignedOffAt, today });
}

/**
 * Everything the screening section of a steungezin's page shows, for the sign-up the page opened
 * (openRegistrationForStaff: reach checked, the view logged once as registration.view).
 */
export async function getScreening(deps: ScreeningDeps, registration: RegistrationRow) {
  if (registration.kind !== 'steungezin') throw screeningError('screening.not_steungezin');
  const id = registration.id;
  const now = deps.clock();
  const today = amsterdamDate(now);
  const repo = createScreeningRepository({ db: deps.db });
  const [screening, intakes, vogs, history, competences] = await Promise.all([
    repo.find(id),
    repo.intakes(id),
    repo.vogs(id),
    repo.history(id),
    competenceList(deps.db, registration.gemeenteSlug),
  ]);
  const authors = await createStaffRepository({ db: deps.db }).namesByIds(history.map((h) => h.staffId));
  const details = registration.details as SteungezinDetails;
  // Before the first change nothing is stored: show what the sign-up said, and one VOG per adult.
  const shownVogs = screening
    ? vogs
    : Array.from({ length: adultsOf(registration) }, (_, i) => ({
        id: `nieuw-${i + 1}`,
        adultNumber: i + 1,
        name: null,
        requestedOn: null,
        receivedOn: null,
        validUntil: null,
      }));
  const checklist: CompetenceCheck[] = screening?.competences.length
    ? screening.competences
    : competences.map((c) => ({ key: c.key, label: c.label, checked: false }));
  const blockers = approvalBlockers({
    intakes,
    vogs: shownVogs,
    checklistSignedOff: !!screening?.checklistSignedOffAt,
    today,
  });
  const remindFrom = addMonths(today, VOG_REMINDER_MONTHS);
  return {
    registrationId: id,
    gemeenteSlug: registration.gemeenteSlug,
    status: registration.status,
    intakes,
    vogs: shownVogs.map((v) => ({
      ...v,
      expired: !!v.validUntil && v.validUntil < today,
      expiresSoon: !!v.validUntil && v.validUntil >= today && v.validUntil <= remindFrom,
    })),
    checklist,
    checklistSignedOffAt: screening?.checklistSignedOffAt ?? null,
    availability: {
      days: screening?.days ?? details.days ?? [],
      frequency: screening?.frequency ?? details.frequency ?? null,
      sleepovers: screening?.sleepovers ?? details.sleepovers ?? null,
      ageGroups: screening?.ageGroups ?? details.ageGroups ?? [],
      capacity: screening?.capacity ?? 1,
      unavailableUntil: screening?.unavailableUntil ?? null,
    },
    approvedAt: screening?.approvedAt ?? null,
    blockers: blockers.map((code) => ({ code, text: BLOCKER_LABELS[code] })),
    /** For the sign-up's history, beside the inbox's own lines. */
    history: history.map((h) => ({
      at: h.at,
      staffName: h.staffId ? (authors.get(h.staffId) ?? null) : null,
      text: screeningHistorySentence(h),
    })),
  };
}

type ChangeContext = {
  tx: DbOrTx;
  registration: RegistrationRow;
  screening: ScreeningRow;
  now: Date;
  today: string;
};

/** One change in one transaction: load + check + make the screening + change + history + audit. */
async function change(
  deps: ScreeningDeps,
  ctx: StaffContext,
  id: string,
  apply: (c: ChangeContext) => Promise<{ change: string; detail?: Record<string, unknown> }>,
) {
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const registration = await loadSteungezin(tx, ctx, id, 'record.write', true);
    const screening = await ensureScreening(tx, registration, now);
    const done = await apply({ tx, registration, screening, now, today: amsterdamDate(now) });
    const repo = createScreeningRepository({ db: tx });
    await repo.update(id, { updatedAt: now });
    await refreshScreeningState(tx, id, now);
    await repo.addHistory({
      registrationId: id,
      staffId: ctx.staff.id,
      at: now,
      change: done.change,
      detail: done.detail ?? null,
    });
    await recordAudit(
      tx,
      auditActor(ctx),
      {
        action: `screening.${done.change}`,
        recordType: 'registration',
        recordId: id,
        gemeenteSlug: registration.gemeenteSlug,
        detail: done.detail,
      },
      now,
    );
  });
}

/** Moves the pipeline one step on when it stood at the step before (never back, never past a later step). */
async function advanceStatus(c: ChangeContext, staffId: string, from: readonly string[], to: string) {
  if (from.includes(c.registration.status))
    await followStatus(c.tx, {
      registrationId: c.registration.id,
      to,
      staffId,
      now: c.now,
      detail: { screening: true },
    });
}

export async function recordIntake(deps: ScreeningDeps, ctx: StaffContext, id: string, raw: Record<string, unknown>) {
  await change(deps, ctx, id, async (c) => {
    const parsed = parseIntakeForm(raw, c.today);
    if (!parsed.success) throw invalid(parsed.errors);
    const { number, heldOn, heldBy, notes } = parsed.data;
    await createScreeningRepository({ db: c.tx }).saveIntake({
      registrationId: id,
      number: number!,
      heldOn: heldOn!,
      heldBy: heldBy!,
      notes,
      staffId: ctx.staff.id,
      updatedAt: c.now,
    });
    if (number === 1) await advanceStatus(c, ctx.staff.id, ['new', 'contacted'], 'intake_1');
    else await advanceStatus(c, ctx.staff.id, ['new', 'contacted', 'intake_1'], 'intake_2');
    return { change: 'intake', detail: { number, heldOn } };
  });
}

/** One adult's VOG: name, requested, received, valid until (default: received + the renewal term). */
export async function saveVog(deps: ScreeningDeps, ctx: StaffContext, id: string, raw: Record<string, unknown>) {
  await change(deps, ctx, id, async (c) => {
    const parsed = parseVogForm(raw, c.today);
    if (!parsed.success) throw invalid(parsed.errors);
    const { adult, name, requestedOn, receivedOn, validUntil } = parsed.data;
    const repo = createScreeningRepository({ db: c.tx });
    const vogs = await repo.vogs(id);
    const existing = vogs.find((v) => v.adultNumber === adult);
    if (!existing) throw invalid({ adult: 'Deze volwassene staat niet op de VOG-lijst.' });
    const renewalYears = deps.vogRenewalYears ?? DEFAULT_VOG_RENEWAL_YEARS;
    const until = receivedOn ? (validUntil ?? addMonths(receivedOn, renewalYears * 12)) : null;
    await repo.saveVog({
      registrationId: id,
      adultNumber: adult!,
      name,
      requestedOn: requestedOn ?? (receivedOn ? (existing.requestedOn ?? receivedOn) : null),
      receivedOn,
      validUntil: until,
      updatedAt: c.now,
    });
    if (requestedOn || receivedOn) await advanceStatus(c, ctx.staff.id, ['intake_2'], 'vog_requested');
    return {
      change: 'vog',
      detail: { adult, state: receivedOn ? 'received' : requestedOn ? 'requested' : 'none', validUntil: until },
    };
  });
}

/** Someone joined the household (e.g. a child turned 18): one more VOG on the list. */
export async function addAdult(deps: ScreeningDeps, ctx: StaffContext, id: string) {
  await change(deps, ctx, id, async (c) => {
    const repo = createScreeningRepository({ db: c.tx });
    const vogs = await repo.vogs(id);
    if (vogs.length >= 12) throw invalid({ adult: 'Er staan al twaalf volwassenen op de lijst.' });
    const adult = Math.max(0, ...vogs.map((v) => v.adultNumber)) + 1;
    await repo.saveVog({ registrationId: id, adultNumber: adult, updatedAt: c.now });
    return { change: 'adult_added', detail: { adult } };
  });
}

/** Someone left the household: their VOG is no longer needed. */
export async function removeAdult(deps: ScreeningDeps, ctx: StaffContext, id: string, adult: number) {
  await change(deps, ctx, id, async (c) => {
    const removed = Number.isInteger(adult) && (await createScreeningRepository({ db: c.tx }).removeVog(id, adult));
    if (!removed) throw invalid({ adult: 'Deze volwassene staat niet op de VOG-lijst.' });
    return { change: 'adult_removed', detail: { adult } };
  });
}

/** Ticks on the competence checklist; signing off needs every item ticked. */
export async function saveChecklist(deps: ScreeningDeps, ctx: StaffContext, id: string, raw: Record<string, unknown>) {
  await change(deps, ctx, id, async (c) => {
    const keys = c.screening.competences.map((k) => k.key);
    const parsed = parseChecklistForm(raw, keys);
    if (!parsed.success) throw invalid(parsed.errors);
    const competences = c.screening.competences.map((k) => ({ ...k, checked: parsed.data.checked.includes(k.key) }));
    const signOff = parsed.data.signOff;
    if (signOff && competences.some((k) => !k.checked)) throw screeningError('screening.checklist_incomplete');
    await createScreeningRepository({ db: c.tx }).update(id, {
      competences,
      checklistSignedOffAt: signOff ? c.now : null,
      checklistSignedOffBy: signOff ? ctx.staff.id : null,
    });
    return { change: 'checklist', detail: { checked: parsed.data.checked.length, signedOff: signOff } };
  });
}

export async function saveAvailability(
  deps: ScreeningDeps,
  ctx: StaffContext,
  id: string,
  raw: Record<string, unknown>,
) {
  await change(deps, ctx, id, async (c) => {
    const parsed = parseAvailabilityForm(raw);
    if (!parsed.success) throw invalid(parsed.errors);
    const { days, frequency, sleepovers, ageGroups, capacity, unavailableUntil } = parsed.data;
    await createScreeningRepository({ db: c.tx }).update(id, {
      days,
      frequency,
      sleepovers,
      ageGroups,
      capacity: capacity!,
      unavailableUntil: unavailableUntil && unavailableUntil > c.today ? unavailableUntil : null,
    });
    return { change: 'availability', detail: { capacity, unavailableUntil } };
  });
}

/**
 * Approval inside the caller's transaction (also used when the status is set to "Goedgekeurd" in
 * the inbox pipeline): throws `screening.not_approvable` naming what is missing.
 */
async function approveInTransaction(
  tx: DbOrTx,
  registration: RegistrationRow,
  staffId: string,
  now: Date,
): Promise<void> {
  const screening = await ensureScreening(tx, registration, now);
  const blockers = await blockersOf(tx, registration.id, screening, amsterdamDate(now));
  if (blockers.length > 0) throw notApprovable(blockers);
  if (!screening.approvedAt)
    await createScreeningRepository({ db: tx }).update(registration.id, { approvedAt: now, approvedBy: staffId });
}

function notApprovable(blockers: ApprovalBlocker[]) {
  return screeningError(
    'screening.not_approvable',
    { blockers },
    `Goedkeuren kan nog niet. ${blockers.map((b) => BLOCKER_LABELS[b]).join(' ')}`,
  );
}

/** "Goedkeuren" on the screening: the rule, then the inbox status follows. */
export async function approveSteungezin(deps: ScreeningDeps, ctx: StaffContext, id: string) {
  await change(deps, ctx, id, async (c) => {
    await approveInTransaction(c.tx, c.registration, ctx.staff.id, c.now);
    if (!['approved', 'proposed', 'matched'].includes(c.registration.status))
      await followStatus(c.tx, {
        registrationId: id,
        to: 'approved',
        staffId: ctx.staff.id,
        now: c.now,
        detail: { screening: true },
      });
    return { change: 'approved' };
  });
}

/**
 * Renewal reminders: for every VOG of an approved steungezin that expires within
 * VOG_REMINDER_MONTHS, one mail to the gemeente's coordinators (a link, no names) per term.
 */
export async function queueVogReminders(db: Database, now: Date): Promise<number> {
  const today = amsterdamDate(now);
  return db.transaction(async (tx) => {
    const repo = createScreeningRepository({ db: tx });
    const due = await repo.vogsToRemind(addMonths(today, VOG_REMINDER_MONTHS));
    const perSteungezin = new Map<string, { gemeenteSlug: string; validUntil: string; ids: string[] }>();
    for (const vog of due) {
      const entry = perSteungezin.get(vog.registrationId) ?? {
        gemeenteSlug: vog.gemeenteSlug,
        validUntil: vog.validUntil!,
        ids: [],
      };
      entry.ids.push(vog.id);
      if (vog.validUntil! < entry.validUntil) entry.validUntil = vog.validUntil!;
      perSteungezin.set(vog.registrationId, entry);
    }
    for (const [registrationId, entry] of perSteungezin) {
      await queueEmailToCoordinators(tx, {
        template: 'vog-renewal',
        gemeente: entry.gemeenteSlug,
        data: { validUntil: entry.validUntil, path: `/inbox/${registrationId}#screening` },
      });
      await repo.markReminded(entry.ids);
    }
    return perSteungezin.size;
  });
}

/** Background service: checks for VOGs to renew every few hours. */
export function startVogReminderService(
  runtime: { db: Database; clock: () => Date; log: Logger },
  intervalMs = 6 * 3600_000,
) {
  return startPeriodicService({
    name: 'vog-reminders',
    everyMs: intervalMs,
    log: runtime.log,
    failure: 'VOG-herinneringen mislukt',
    run: async () => {
      const queued = await queueVogReminders(runtime.db, runtime.clock());
      return queued > 0 ? `${queued} herinnering(en) om een VOG te verlengen klaargezet.` : null;
    },
  });
}

export type ScreeningView = Awaited<ReturnType<typeof getScreening>>;
