/**
 * A koppeling from proposal to afronding (docs/domain.md, steps 5-8; lifecycle in README.md next
 * to this file). Every staff function checks access for the koppeling's gemeente (the
 * vraaggezin's; 404 outside it) and every change goes through `changeKoppeling`, which writes the
 * phase, the next due date, the inbox statuses that follow, one history row and one audit entry
 * in one transaction, via `recordKoppelingEvent`: the one place to hook into state changes.
 */
import { addDays, amsterdamDate } from '~/lib/dates';
import type { FieldErrors } from '~/lib/form-fields';
import { ageGroupsOf } from '~/lib/profile';
import { dayOptions, frequencyOptions, optionLabel } from '~/lib/registration.options';
import type { ChildAge, RegistrationDetails } from '~/lib/registration.types';
import { accessError } from '~/server/access/access.errors';
import { can, gemeenteScope, requireStaff, type StaffAction, type StaffContext } from '~/server/access/permissions';
import { auditActor, recordAudit } from '~/server/audit/audit.usecases';
import { generateSecureRandomString, hashSecret } from '~/server/auth/tokens';
import type { DbOrTx } from '~/server/db/db';
import { queueEmail } from '~/server/email/email.usecases';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import { followStatus } from '~/server/inbox/inbox.follow';
import { tellReferrersOfOutcome } from '~/server/privacy/privacy.consent';
import type { ProfileCache } from '~/server/profiles/profiles.cache';
import { createProfilesRepository } from '~/server/profiles/profiles.repository';
import { recordKoppelingFact } from '~/server/rapportage/rapportage.ledger';
import { createRegistrationsRepository, type RegistrationRow } from '~/server/registrations/registrations.repository';
import { refreshScreeningState } from '~/server/screening/screening.pool';
import { createScreeningRepository } from '~/server/screening/screening.repository';
import { createStaffRepository } from '~/server/staff/staff.repository';
import { koppelingError } from './koppelingen.errors';
import {
  ALL_EFFECTS,
  agreementSleepovers,
  DEFAULT_HOUSE_RULES,
  DUE_LABELS,
  historySentence,
  type KoppelingPhase,
  koppelingPhases,
  labelOf,
  type SignatureParty,
  satisfactionAspects,
} from './koppelingen.labels';
import {
  type Agreements,
  createKoppelingenRepository,
  type KoppelingenRepository,
  type KoppelingRow,
  type NewKoppeling,
  type Satisfaction,
} from './koppelingen.repository';
import {
  AVAILABLE_STEUNGEZIN_STATUSES,
  type KoppelingStep,
  proposalBlocker,
  stepAllowed,
  stepsFor,
  steungezinStatus,
  vraaggezinStatus,
} from './koppelingen.rules';
import { closureDeadline, DUE_SOON_DAYS, dueState, nextDue } from './koppelingen.schedule';
import {
  effectField,
  parseCancelForm,
  parseClosureForm,
  parseEvaluationForm,
  parseMeetingForm,
  parseProposalForm,
  parseSignatureForm,
  parseStartForm,
  satisfactionField,
} from './koppelingen.schemas';
import { type Coordinates, rankShortlist } from './koppelingen.shortlist';

/** A transaction joins the caller's (changes then run in a savepoint of it). */
export type KoppelingDeps = { db: DbOrTx; clock: () => Date; profileCache?: ProfileCache };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A confirmation link works this long. */
const CONFIRMATION_DAYS = 14;
const CONFIRMATION_PATH = '/afspraken/';

function invalid(
  errors: FieldErrors,
  code: 'koppeling.invalid_input' | 'koppeling.closure_incomplete' = 'koppeling.invalid_input',
) {
  return koppelingError(
    code,
    { fields: errors },
    code === 'koppeling.invalid_input' ? Object.values(errors)[0] : undefined,
  );
}

// ------------------------------------------------------------------ the one place of change

/** A change of a koppeling: what its history, the audit log and (issue 15) the anonymous ledger get. */
export type KoppelingEvent = {
  koppeling: Pick<KoppelingRow, 'id' | 'gemeenteSlug' | 'vraaggezinId' | 'steungezinId'>;
  /** 'proposed' | 'meeting' | 'cancelled' | 'started' | 'confirmation_sent' | 'signed' | 'evaluation' | 'closed' | 'concern' | 'concern_step' | 'concern_resolved' */
  change: string;
  fromPhase: KoppelingPhase | null;
  toPhase: KoppelingPhase;
  at: Date;
  actor: { staffId: string | null; clientAddress: string };
  /** Codes, dates and ids only (it also goes to the audit log): never names or free text. */
  detail?: Record<string, unknown>;
  /** Shown in the koppeling's history only (staff), may hold the coordinator's short note. */
  note?: string | null;
};

/**
 * Writes one change of a koppeling to its history and the audit log, inside the caller's
 * transaction. Every state change in this domain ends here, and so does the progress report's
 * anonymous ledger (src/server/rapportage/README.md).
 */
export async function recordKoppelingEvent(tx: DbOrTx, event: KoppelingEvent): Promise<void> {
  await createKoppelingenRepository({ db: tx }).insertHistory({
    koppelingId: event.koppeling.id,
    staffId: event.actor.staffId,
    at: event.at,
    change: event.change,
    fromPhase: event.fromPhase,
    toPhase: event.toPhase,
    detail: { ...event.detail, ...(event.note ? { note: event.note } : {}) },
  });
  await recordAudit(
    tx,
    event.actor,
    {
      action: `koppeling.${event.change}`,
      recordType: 'koppeling',
      recordId: event.koppeling.id,
      gemeenteSlug: event.koppeling.gemeenteSlug,
      detail: { from: event.fromPhase, to: event.toPhase, ...event.detail },
    },
    event.at,
  );
  await recordKoppelingFact(tx, event);
  // The referrer hears that support started or ended, when asked and the parents agreed (decision 031).
  await tellReferrersOfOutcome(tx, event);
}

async function loadKoppeling(db: DbOrTx, ctx: StaffContext, id: string, action: StaffAction, lock = false) {
  if (!UUID.test(id)) throw accessError('access.not_found');
  const koppeling = await createKoppelingenRepository({ db }).find(id, lock);
  if (!koppeling) throw accessError('access.not_found');
  requireStaff(ctx, { action, gemeente: koppeling.gemeenteSlug });
  return koppeling;
}

/** The next due date of an active koppeling, from its start and the evaluations held. */
async function syncNextDue(repo: KoppelingenRepository, koppeling: Pick<KoppelingRow, 'id' | 'phase' | 'startDate'>) {
  if (koppeling.phase !== 'active' || !koppeling.startDate) {
    await repo.update(koppeling.id, { nextDueOn: null, nextDueKind: null });
    return null;
  }
  const due = nextDue({ startDate: koppeling.startDate, evaluations: await repo.evaluations(koppeling.id) });
  await repo.update(koppeling.id, { nextDueOn: due.dueOn, nextDueKind: due.kind });
  return due;
}

/**
 * The inbox statuses of both families follow the koppeling's phase; when it starts, the family's
 * public profile says a steungezin was found. Returns whether public profiles changed.
 */
async function followPhase(
  tx: DbOrTx,
  koppeling: KoppelingRow,
  staffId: string | null,
  now: Date,
  options: { steungezinWantsAnother?: boolean } = {},
): Promise<boolean> {
  const detail = { koppeling: koppeling.id };
  const profiles = await createProfilesRepository({ db: tx }).listForMatching(koppeling.vraaggezinId);
  await followStatus(tx, {
    registrationId: koppeling.vraaggezinId,
    to: vraaggezinStatus(koppeling.phase, { hasPublishedProfile: profiles.some((p) => p.status === 'published') }),
    staffId,
    now,
    detail,
  });
  const steungezin = await createRegistrationsRepository({ db: tx }).getById(koppeling.steungezinId, { lock: true });
  if (steungezin && AVAILABLE_STEUNGEZIN_STATUSES.includes(steungezin.status)) {
    const open =
      (await createKoppelingenRepository({ db: tx }).openPhasesOfSteungezinnen([koppeling.steungezinId])).get(
        koppeling.steungezinId,
      ) ?? [];
    await followStatus(tx, {
      registrationId: koppeling.steungezinId,
      to: steungezinStatus(open, options.steungezinWantsAnother ?? true),
      staffId,
      now,
      detail,
      ...(options.steungezinWantsAnother === false ? { note: 'Wil na de afronding geen nieuw gezin.' } : {}),
    });
  }
  await refreshSteungezinMatching(tx, koppeling.steungezinId, now);
  if (koppeling.phase !== 'active') return false;
  const matched = await createProfilesRepository({ db: tx }).markMatchedForRegistration(koppeling.vraaggezinId, now);
  for (const profile of matched)
    await recordAudit(
      tx,
      { staffId, clientAddress: 'systeem' },
      {
        action: 'profile.match',
        recordType: 'profile',
        recordId: profile.id,
        gemeenteSlug: profile.gemeenteSlug,
        detail: { koppeling: koppeling.id },
      },
      now,
    );
  return matched.length > 0;
}

/**
 * Recomputes what is due next on a koppeling after it was written without the use cases (the
 * importer of issue 19, test factories): call it in the same transaction after inserting the
 * koppeling and its evaluations.
 */
export async function refreshNextDue(db: DbOrTx, koppelingId: string) {
  const repo = createKoppelingenRepository({ db });
  const koppeling = await repo.find(koppelingId);
  return koppeling ? syncNextDue(repo, koppeling) : null;
}

/**
 * Writes what the shortlist needs to know of a steungezin's koppelingen into its screening (open
 * koppelingen, since when it waits) and refreshes its place in the pool. Called on every phase
 * change; an importer (issue 19) calls it after writing koppelingen itself.
 */
export async function refreshSteungezinMatching(tx: DbOrTx, steungezinId: string, now: Date) {
  const repo = createKoppelingenRepository({ db: tx });
  const screeningRepo = createScreeningRepository({ db: tx });
  const screening = await screeningRepo.find(steungezinId);
  if (!screening) return;
  const [open, last] = await Promise.all([
    repo.openPhasesOfSteungezinnen([steungezinId]),
    repo.lastActivityOfSteungezinnen([steungezinId]),
  ]);
  const approvedOn = screening.approvedAt ? amsterdamDate(screening.approvedAt) : null;
  const lastOn = last.get(steungezinId) ?? null;
  await screeningRepo.setMatchingState(steungezinId, {
    openKoppelingen: open.get(steungezinId)?.length ?? 0,
    waitingSince:
      [approvedOn, lastOn]
        .filter((d): d is string => !!d)
        .sort()
        .at(-1) ?? null,
  });
  await refreshScreeningState(tx, steungezinId, now);
}

type StepContext = { tx: DbOrTx; repo: KoppelingenRepository; koppeling: KoppelingRow; now: Date; today: string };
type StepResult<T> = {
  change: string;
  toPhase?: KoppelingPhase;
  set?: Partial<NewKoppeling>;
  detail?: Record<string, unknown>;
  note?: string | null;
  steungezinWantsAnother?: boolean;
  result?: T;
};

/** One step on an existing koppeling, in one transaction (see the file comment). */
async function changeKoppeling<T>(
  deps: KoppelingDeps,
  ctx: StaffContext,
  id: string,
  step: KoppelingStep,
  apply: (c: StepContext) => Promise<StepResult<T>>,
  action: StaffAction = 'record.write',
): Promise<T | undefined> {
  const now = deps.clock();
  let profilesChanged = false;
  const result = await deps.db.transaction(async (tx) => {
    const repo = createKoppelingenRepository({ db: tx });
    const koppeling = await loadKoppeling(tx, ctx, id, action, true);
    if (!stepAllowed(step, koppeling.phase))
      throw koppelingError('koppeling.wrong_phase', { step, phase: koppeling.phase });
    const done = await apply({ tx, repo, koppeling, now, today: amsterdamDate(now) });
    const toPhase = done.toPhase ?? koppeling.phase;
    const updated: KoppelingRow = { ...koppeling, ...done.set, phase: toPhase, updatedAt: now } as KoppelingRow;
    await repo.update(id, { ...done.set, phase: toPhase, updatedAt: now });
    await syncNextDue(repo, updated);
    if (toPhase !== koppeling.phase)
      profilesChanged = await followPhase(tx, updated, ctx.staff.id, now, {
        steungezinWantsAnother: done.steungezinWantsAnother,
      });
    await recordKoppelingEvent(tx, {
      koppeling,
      change: done.change,
      fromPhase: koppeling.phase,
      toPhase,
      at: now,
      actor: auditActor(ctx),
      detail: done.detail,
      note: done.note,
    });
    return done.result;
  });
  // After the commit: the public profile pages show the match at once (decision 007).
  if (profilesChanged) deps.profileCache?.invalidate();
  return result;
}

// ------------------------------------------------------------------ shortlist and proposal

function childAgeGroups(children: readonly ChildAge[], year: number): string[] {
  const groups = new Set<string>();
  for (const child of children) {
    const age = 'age' in child ? child.age : year - child.birthYear;
    for (const g of ageGroupsOf({ minAge: age, maxAge: age })) groups.add(g);
  }
  return [...groups];
}

/** What the family asks for: from its newest profile, else from its sign-up. */
function familyNeeds(
  registration: RegistrationRow,
  profiles: Awaited<ReturnType<ReturnType<typeof createProfilesRepository>['listForMatching']>>,
  today: string,
) {
  const profile = [...profiles].reverse().find((p) => p.status !== 'withdrawn');
  const details = registration.details as RegistrationDetails;
  const year = Number(today.slice(0, 4));
  if (profile)
    return {
      days: profile.days,
      wantsSleepovers: profile.sleepovers !== 'nee',
      ageGroups: [...new Set(profile.children.flatMap((c) => ageGroupsOf(c)))],
    };
  const wishes = details.kind === 'vraaggezin' ? details.supportWishes : [];
  return {
    days: [] as string[],
    wantsSleepovers: wishes.includes('logeren')
      ? true
      : wishes.length === 0 || wishes.includes('weet-niet')
        ? null
        : false,
    ageGroups: details.kind === 'vraaggezin' ? childAgeGroups(details.children, year) : [],
  };
}

async function loadFamily(db: DbOrTx, ctx: StaffContext, id: string, action: StaffAction, lock = false) {
  const family = await createRegistrationsRepository({ db }).getForStaff(ctx, id, action, { lock });
  if (family.kind !== 'vraaggezin') throw koppelingError('koppeling.not_vraaggezin');
  return family;
}

/**
 * The gemeenten whose steungezinnen a staff member sees for a family: its own, and for regional
 * coordinators and the national office also the neighbouring gemeenten within their reach.
 */
function shortlistGemeenten(ctx: StaffContext, family: RegistrationRow, neighbours: readonly string[]) {
  const extra = ctx.staff.role === 'coordinator' ? [] : neighbours.filter((g) => can(ctx, 'record.read', g));
  return [family.gemeenteSlug, ...extra];
}

/** How many candidates the shortlist shows with their reasons (all on request). */
export const SHORTLIST_SHOWN = 25;

/** The ranked shortlist of a vraaggezin, each steungezin with its reasons. Logs the view. */
export async function getShortlist(
  deps: Pick<KoppelingDeps, 'db' | 'clock'>,
  ctx: StaffContext,
  vraaggezinId: string,
  options: { limit?: number } = {},
) {
  const db = deps.db;
  const now = deps.clock();
  const today = amsterdamDate(now);
  const koppelingenRepo = createKoppelingenRepository({ db });
  const screeningRepo = createScreeningRepository({ db });
  if (!UUID.test(vraaggezinId)) throw accessError('access.not_found');
  // What only depends on the family is read beside the access check (nothing is shown if it fails).
  const [family, declined, profiles, open] = await Promise.all([
    loadFamily(db, ctx, vraaggezinId, 'record.read'),
    koppelingenRepo.declinedWith(vraaggezinId),
    createProfilesRepository({ db }).listForMatching(vraaggezinId),
    koppelingenRepo.openForVraaggezin(vraaggezinId),
  ]);
  const gemeentenRepo = createGemeentenRepository({ db });
  const [own] = await gemeentenRepo.matchingSettings([family.gemeenteSlug]);
  const slugs = shortlistGemeenten(ctx, family, own?.neighbours ?? []);
  const [settings, pool, hidden] = await Promise.all([
    slugs.length > 1 ? gemeentenRepo.matchingSettings(slugs) : own ? [own] : [],
    screeningRepo.pool(slugs, today),
    screeningRepo.poolLeftOut(slugs, today),
  ]);
  const coordinatesOf = (gemeenteSlug: string, kern: string | null): Coordinates | null => {
    const g = settings.find((s) => s.slug === gemeenteSlug);
    if (!g || !kern) return null;
    const key = Object.keys(g.kernCoordinates).find((k) => k.toLowerCase() === kern.toLowerCase());
    return key ? g.kernCoordinates[key]! : null;
  };
  const candidates = pool.map((s) => ({
    registrationId: s.registrationId,
    gemeenteSlug: s.gemeenteSlug,
    kern: s.kern,
    coordinates: coordinatesOf(s.gemeenteSlug, s.kern),
    days: s.days,
    sleepovers: s.sleepovers,
    ageGroups: s.ageGroups,
    respondedToProfileId: s.respondedToProfileId,
    waitingSince: s.waitingSince ?? today,
    declinedWithFamilyOn: declined.get(s.registrationId) ?? null,
    capacity: s.capacity,
    open: s.openKoppelingen,
  }));
  const needs = familyNeeds(family, profiles, today);
  const ranked = rankShortlist(
    {
      kern: family.kern,
      coordinates: coordinatesOf(family.gemeenteSlug, family.kern),
      ...needs,
      profileIds: profiles.map((p) => p.id),
    },
    candidates,
    today,
    options.limit ?? SHORTLIST_SHOWN,
  );
  // The view is logged, and the names of the ones shown are read, at the same time.
  const [, shownRegistrations] = await Promise.all([
    recordAudit(
      db,
      auditActor(ctx),
      {
        action: 'koppeling.shortlist_view',
        recordType: 'registration',
        recordId: vraaggezinId,
        gemeenteSlug: family.gemeenteSlug,
        detail: { candidates: candidates.length, shown: ranked.length },
      },
      now,
    ),
    createRegistrationsRepository({ db }).listByIds(ranked.map((r) => r.candidate.registrationId)),
  ]);
  const gemeenteName = (slug: string) => settings.find((g) => g.slug === slug)?.name ?? slug;
  const names = new Map(shownRegistrations.map((r) => [r.id, r.contactName]));
  return {
    family: {
      id: family.id,
      name: family.contactName,
      kern: family.kern,
      gemeenteSlug: family.gemeenteSlug,
      gemeenteName: gemeenteName(family.gemeenteSlug),
      status: family.status,
      needs,
    },
    openKoppeling: open ?? null,
    hidden,
    total: candidates.length,
    candidates: ranked.map((r) => ({
      ...r,
      name: names.get(r.candidate.registrationId) ?? '',
      gemeenteName: gemeenteName(r.candidate.gemeenteSlug),
      ownGemeente: r.candidate.gemeenteSlug === family.gemeenteSlug,
    })),
    today,
  };
}

/** Proposes a steungezin to a vraaggezin: the koppeling starts as "Voorgesteld". Returns its id. */
export async function proposeSteungezin(
  deps: KoppelingDeps,
  ctx: StaffContext,
  vraaggezinId: string,
  raw: Record<string, unknown>,
): Promise<string> {
  const now = deps.clock();
  const today = amsterdamDate(now);
  const parsed = parseProposalForm(raw, today);
  if (!parsed.success) throw invalid(parsed.errors);
  const steungezinId = parsed.data.steungezinId!;
  return deps.db.transaction(async (tx) => {
    const family = await loadFamily(tx, ctx, vraaggezinId, 'record.write', true);
    const repo = createKoppelingenRepository({ db: tx });
    const screeningRepo = createScreeningRepository({ db: tx });
    const steungezin = await createRegistrationsRepository({ db: tx }).getById(steungezinId);
    const [settings] = await createGemeentenRepository({ db: tx }).matchingSettings([family.gemeenteSlug]);
    const reachable =
      steungezin?.kind === 'steungezin' &&
      can(ctx, 'record.read', steungezin.gemeenteSlug) &&
      shortlistGemeenten(ctx, family, settings?.neighbours ?? []).includes(steungezin.gemeenteSlug);
    // Unknown, out of reach, or not a steungezin: the same answer (its existence is not revealed).
    if (!steungezin || !reachable) throw koppelingError('koppeling.steungezin_unavailable');
    // The screening row lock serialises two proposals of the same steungezin (capacity).
    const screening = await screeningRepo.find(steungezinId, true);
    const [openPhases, vogsValid, familyOpen] = await Promise.all([
      repo.openPhasesOfSteungezinnen([steungezinId]),
      screeningRepo.vogsValid(steungezinId, today),
      repo.openForVraaggezin(vraaggezinId),
    ]);
    const blocker = proposalBlocker({
      familyHasOpenKoppeling: !!familyOpen,
      steungezin: {
        approved: !!screening?.approvedAt,
        status: steungezin.status,
        unavailableUntil: screening?.unavailableUntil ?? null,
        capacity: screening?.capacity ?? 0,
        openKoppelingen: openPhases.get(steungezinId)?.length ?? 0,
        vogsValid,
      },
      today,
    });
    if (blocker) throw koppelingError(`koppeling.${blocker}`);
    const koppeling = await repo.insert({
      gemeenteSlug: family.gemeenteSlug,
      vraaggezinId,
      steungezinId,
      phase: 'proposed',
      proposedOn: parsed.data.proposedOn!,
      createdBy: ctx.staff.id,
      createdAt: now,
      updatedAt: now,
    });
    await followPhase(tx, koppeling, ctx.staff.id, now);
    await recordKoppelingEvent(tx, {
      koppeling,
      change: 'proposed',
      fromPhase: null,
      toPhase: 'proposed',
      at: now,
      actor: auditActor(ctx),
      detail: { proposedOn: koppeling.proposedOn, steungezinGemeente: steungezin.gemeenteSlug },
    });
    return koppeling.id;
  });
}

// ------------------------------------------------------------------ meeting, start, signatures

/** The kennismaking of the two families: yes -> agreements next; no -> both back to the shortlist. */
export async function recordMeeting(deps: KoppelingDeps, ctx: StaffContext, id: string, raw: Record<string, unknown>) {
  await changeKoppeling(deps, ctx, id, 'meeting', async ({ koppeling, today }) => {
    const parsed = parseMeetingForm(raw, today);
    if (!parsed.success) throw invalid(parsed.errors);
    const { meetingOn, outcome, note } = parsed.data;
    if (meetingOn! < koppeling.proposedOn)
      throw invalid({ meetingOn: 'De kennismaking kan niet voor het voorstel liggen.' });
    return {
      change: 'meeting',
      toPhase: outcome === 'yes' ? 'agreed' : 'declined',
      set: {
        meetingOn,
        meetingOutcome: outcome,
        meetingNote: note,
        ...(outcome === 'no' ? { endedOn: meetingOn } : {}),
      },
      detail: { outcome, meetingOn },
      note,
    };
  });
}

/** The proposal is withdrawn before the koppeling starts (the family stopped, the steungezin cannot). */
export async function cancelProposal(deps: KoppelingDeps, ctx: StaffContext, id: string, raw: Record<string, unknown>) {
  await changeKoppeling(deps, ctx, id, 'cancel', async ({ today }) => {
    const parsed = parseCancelForm(raw);
    if (!parsed.success) throw invalid(parsed.errors);
    return { change: 'cancelled', toPhase: 'cancelled', set: { endedOn: today }, note: parsed.data.note };
  });
}

/** The words both families confirm: agreements and huisregels, as stored in the consent record. */
function agreementText(k: { agreements: Agreements | null; houseRules: string[] | null; startDate: string | null }) {
  const a = k.agreements;
  const lines = [
    `Start: ${k.startDate ?? ''}`,
    `Wat: ${a?.what ?? ''}`,
    `Hoe vaak: ${optionLabel(frequencyOptions, a?.frequency)}`,
    `Dagen: ${a?.days.length ? a.days.map((d) => optionLabel(dayOptions, d).toLowerCase()).join(', ') : 'in overleg'}`,
    `Logeren: ${labelOf(agreementSleepovers, a?.sleepovers)}`,
    'Huisregels:',
    ...(k.houseRules ?? []).map((rule, i) => `${i + 1}. ${rule}`),
  ];
  return lines.join('\n');
}

const CONSENT_PURPOSE = 'koppeling-afspraken';

/** A new personal link for one family, and the mail with it (the old link stops working). */
async function sendConfirmationLink(
  tx: DbOrTx,
  koppeling: KoppelingRow,
  party: SignatureParty,
  now: Date,
  staffId: string,
) {
  const registration = await createRegistrationsRepository({ db: tx }).getById(
    party === 'vraaggezin' ? koppeling.vraaggezinId : koppeling.steungezinId,
  );
  if (!registration?.contactEmail) throw koppelingError('koppeling.no_email', { party });
  const token = generateSecureRandomString(32);
  const expiresAt = new Date(now.getTime() + CONFIRMATION_DAYS * 86_400_000);
  await createKoppelingenRepository({ db: tx }).saveSignature({
    koppelingId: koppeling.id,
    party,
    method: 'email',
    tokenHash: hashSecret(token),
    tokenExpiresAt: expiresAt,
    sentAt: now,
    signedAt: null,
    signedOn: null,
    consent: null,
    recordedBy: staffId,
    updatedAt: now,
  });
  await queueEmail(tx, {
    to: registration.contactEmail,
    template: 'koppeling-confirmation',
    gemeente: koppeling.gemeenteSlug,
    data: { firstName: registration.contactName.split(' ')[0], path: `${CONFIRMATION_PATH}${token}`, expiresAt },
  });
}

async function signOnPaper(
  tx: DbOrTx,
  koppeling: KoppelingRow,
  party: SignatureParty,
  signedOn: string,
  now: Date,
  staffId: string,
) {
  await createKoppelingenRepository({ db: tx }).saveSignature({
    koppelingId: koppeling.id,
    party,
    method: 'paper',
    tokenHash: null,
    tokenExpiresAt: null,
    signedAt: now,
    signedOn,
    consent: { purpose: CONSENT_PURPOSE, text: agreementText(koppeling), agreedAt: `${signedOn}T12:00:00.000Z` },
    recordedBy: staffId,
    updatedAt: now,
  });
}

/** Both families signed: the koppeling records when. */
async function markSignedWhenComplete(repo: KoppelingenRepository, koppelingId: string, now: Date) {
  const signatures = await repo.signatures(koppelingId);
  const complete = (['vraaggezin', 'steungezin'] as const).every((p) =>
    signatures.some((s) => s.party === p && s.signedAt),
  );
  if (complete) await repo.update(koppelingId, { signedAt: now });
  return complete;
}

/**
 * Starts the koppeling: start date, agreements, huisregels (the gemeente's template as edited),
 * the jeugdhulp at the start (nulmeting), and how each family signs: on paper (a date), by a
 * personal e-mail link, or later.
 */
export async function startKoppeling(deps: KoppelingDeps, ctx: StaffContext, id: string, raw: Record<string, unknown>) {
  await changeKoppeling(deps, ctx, id, 'start', async ({ tx, repo, koppeling, now, today }) => {
    const parsed = parseStartForm(raw, today);
    if (!parsed.success) throw invalid(parsed.errors);
    const v = parsed.data;
    if (v.startDate! < (koppeling.meetingOn ?? koppeling.proposedOn))
      throw invalid({ startDate: 'De start kan niet voor de kennismaking liggen.' });
    const set = {
      startDate: v.startDate!,
      agreements: { what: v.what!, frequency: v.frequency!, days: v.days, sleepovers: v.sleepovers! },
      houseRules: v.houseRules,
      youthCareBaseline: {
        kinds: v.youthCareKinds,
        intensity: v.youthCareKinds.includes('none') ? null : v.youthCareIntensity,
        note: v.youthCareNote,
      },
    };
    const started: KoppelingRow = { ...koppeling, ...set, phase: 'active' };
    const methods = { vraaggezin: v.signVraaggezin!, steungezin: v.signSteungezin! } as const;
    for (const party of ['vraaggezin', 'steungezin'] as const) {
      if (methods[party] === 'paper') await signOnPaper(tx, started, party, v.paperSignedOn!, now, ctx.staff.id);
      if (methods[party] === 'email') await sendConfirmationLink(tx, started, party, now, ctx.staff.id);
    }
    await markSignedWhenComplete(repo, id, now);
    return {
      change: 'started',
      toPhase: 'active',
      set,
      detail: {
        startDate: set.startDate,
        youthCareBaseline: set.youthCareBaseline.kinds,
        signVraaggezin: methods.vraaggezin,
        signSteungezin: methods.steungezin,
      },
    };
  });
}

/** Sends a family its (new) personal link to confirm the agreements. */
export async function sendConfirmation(
  deps: KoppelingDeps,
  ctx: StaffContext,
  id: string,
  raw: Record<string, unknown>,
) {
  await changeKoppeling(deps, ctx, id, 'signature', async ({ tx, repo, koppeling, now, today }) => {
    const parsed = parseSignatureForm(raw, today, false);
    if (!parsed.success) throw invalid(parsed.errors);
    const party = parsed.data.party!;
    if ((await repo.signatureOf(id, party))?.signedAt) throw koppelingError('koppeling.already_signed');
    await sendConfirmationLink(tx, koppeling, party, now, ctx.staff.id);
    return { change: 'confirmation_sent', detail: { party } };
  });
}

/** A family signed the agreements on paper, on a date. */
export async function recordPaperSignature(
  deps: KoppelingDeps,
  ctx: StaffContext,
  id: string,
  raw: Record<string, unknown>,
) {
  await changeKoppeling(deps, ctx, id, 'signature', async ({ tx, repo, koppeling, now, today }) => {
    const parsed = parseSignatureForm(raw, today, true);
    if (!parsed.success) throw invalid(parsed.errors);
    const party = parsed.data.party!;
    if ((await repo.signatureOf(id, party))?.signedAt) throw koppelingError('koppeling.already_signed');
    await signOnPaper(tx, koppeling, party, parsed.data.signedOn!, now, ctx.staff.id);
    await markSignedWhenComplete(repo, id, now);
    return { change: 'signed', detail: { party, method: 'paper' } };
  });
}

/** What a family sees behind its personal link (nothing changes on GET), or null when the link does not work. */
export async function getConfirmation(deps: Pick<KoppelingDeps, 'db' | 'clock'>, token: string) {
  if (!/^[a-z2-9]{32}$/.test(token)) return null;
  const repo = createKoppelingenRepository({ db: deps.db });
  const signature = await repo.signatureByTokenHash(hashSecret(token));
  if (!signature || signature.signedAt || !signature.tokenExpiresAt || signature.tokenExpiresAt <= deps.clock())
    return null;
  const koppeling = await repo.find(signature.koppelingId);
  if (koppeling?.phase !== 'active') return null;
  const [gemeente] = await createGemeentenRepository({ db: deps.db }).matchingSettings([koppeling.gemeenteSlug]);
  return {
    party: signature.party,
    gemeenteName: gemeente?.name ?? koppeling.gemeenteSlug,
    startDate: koppeling.startDate,
    agreements: koppeling.agreements,
    houseRules: koppeling.houseRules ?? [],
  };
}

/**
 * A family confirms through its personal link (POST): the consent record is stored with the
 * exact words, and the link stops working. Throws `koppeling.link_invalid` for a used, expired or
 * unknown link.
 */
export async function confirmByLink(
  deps: Pick<KoppelingDeps, 'db' | 'clock'>,
  token: string,
  clientAddress: string,
): Promise<{ party: SignatureParty }> {
  if (!/^[a-z2-9]{32}$/.test(token)) throw koppelingError('koppeling.link_invalid');
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const repo = createKoppelingenRepository({ db: tx });
    const signature = await repo.signatureByTokenHash(hashSecret(token), true);
    if (!signature || signature.signedAt || !signature.tokenExpiresAt || signature.tokenExpiresAt <= now)
      throw koppelingError('koppeling.link_invalid');
    const koppeling = await repo.find(signature.koppelingId, true);
    if (koppeling?.phase !== 'active') throw koppelingError('koppeling.link_invalid');
    await repo.saveSignature({
      ...signature,
      tokenHash: null,
      tokenExpiresAt: null,
      signedAt: now,
      signedOn: amsterdamDate(now),
      consent: { purpose: CONSENT_PURPOSE, text: agreementText(koppeling), agreedAt: now.toISOString() },
      updatedAt: now,
    });
    await markSignedWhenComplete(repo, koppeling.id, now);
    await repo.update(koppeling.id, { updatedAt: now });
    await recordKoppelingEvent(tx, {
      koppeling,
      change: 'signed',
      fromPhase: koppeling.phase,
      toPhase: koppeling.phase,
      at: now,
      actor: { staffId: null, clientAddress },
      detail: { party: signature.party, method: 'email' },
    });
    return { party: signature.party };
  });
}

// ------------------------------------------------------------------ follow-up and afronding

/** An evaluation with both families: how it goes, changed agreements, continue or stop. */
export async function recordEvaluation(
  deps: KoppelingDeps,
  ctx: StaffContext,
  id: string,
  raw: Record<string, unknown>,
) {
  await changeKoppeling(deps, ctx, id, 'evaluation', async ({ repo, koppeling, today, now }) => {
    const parsed = parseEvaluationForm(raw, today);
    if (!parsed.success) throw invalid(parsed.errors);
    const v = parsed.data;
    if (v.heldOn! < koppeling.startDate!) throw invalid({ heldOn: 'Een evaluatie ligt na de start.' });
    const held = await repo.evaluations(id);
    const due = nextDue({ startDate: koppeling.startDate!, evaluations: held });
    await repo.insertEvaluation({
      koppelingId: id,
      sequence: held.length + 1,
      dueOn: due.dueOn,
      heldOn: v.heldOn!,
      attendees: v.attendees,
      childrenScore: Number(v.childrenScore),
      parentsScore: Number(v.parentsScore),
      steungezinScore: Number(v.steungezinScore),
      notes: v.notes,
      changedAgreements: v.changedAgreements,
      decision: v.decision!,
      recordedBy: ctx.staff.id,
      createdAt: now,
    });
    return {
      change: 'evaluation',
      detail: {
        sequence: held.length + 1,
        heldOn: v.heldOn,
        dueOn: due.dueOn,
        late: v.heldOn! > due.dueOn,
        decision: v.decision,
        scores: [Number(v.childrenScore), Number(v.parentsScore), Number(v.steungezinScore)],
      },
    };
  });
}

/**
 * Afronding: reason, do they go on together, the 6 + 6 effects, jeugdhulp at the end against the
 * start, whether the steungezin wants another family, and satisfaction when asked. No afronding
 * without a reason, all effects and the eindmeting.
 */
export async function closeKoppeling(deps: KoppelingDeps, ctx: StaffContext, id: string, raw: Record<string, unknown>) {
  await changeKoppeling(deps, ctx, id, 'close', async ({ repo, koppeling, today, now }) => {
    const parsed = parseClosureForm(raw, today, koppeling.startDate!);
    if (!parsed.success) throw invalid(parsed.errors, 'koppeling.closure_incomplete');
    const v = parsed.data as Record<string, unknown> & typeof parsed.data;
    const effects = Object.fromEntries(ALL_EFFECTS.map((code) => [code, String(v[effectField(code)])]));
    const satisfaction: Satisfaction = {};
    for (const party of ['vraaggezin', 'steungezin'] as const) {
      const scores = Object.fromEntries(
        satisfactionAspects
          .map((a) => [a.value, v[satisfactionField(party, a.value)]] as const)
          .filter(([, score]) => typeof score === 'number'),
      ) as Record<string, number>;
      if (Object.keys(scores).length > 0) satisfaction[party] = scores;
    }
    await repo.insertClosure({
      koppelingId: id,
      closedOn: v.closedOn!,
      reason: v.reason!,
      reasonNote: v.reasonNote,
      continueTogether: v.continueTogether!,
      effects,
      youthCareFinal: v.youthCareFinal!,
      youthCareNote: v.youthCareNote,
      steungezinWantsAnother: v.wantsAnother!,
      satisfaction: Object.keys(satisfaction).length ? satisfaction : null,
      recordedBy: ctx.staff.id,
      createdAt: now,
    });
    return {
      change: 'closed',
      toPhase: 'closed',
      set: { endedOn: v.closedOn! },
      steungezinWantsAnother: v.wantsAnother !== 'no',
      detail: {
        closedOn: v.closedOn,
        reason: v.reason,
        continueTogether: v.continueTogether,
        youthCareFinal: v.youthCareFinal,
        steungezinWantsAnother: v.wantsAnother,
      },
      note: v.reasonNote,
    };
  });
}

// ------------------------------------------------------------------ reading

/** "vraaggezin" / "steungezin" as the history writes it (the code is the word). */
const partyWord = (party: unknown) => (party === 'vraaggezin' || party === 'steungezin' ? party : 'gezin');

/** Everything the koppeling's page shows, with the names of both families. Logs the view. */
export async function getKoppeling(deps: Pick<KoppelingDeps, 'db' | 'clock'>, ctx: StaffContext, id: string) {
  const koppeling = await loadKoppeling(deps.db, ctx, id, 'record.read');
  const now = deps.clock();
  const today = amsterdamDate(now);
  const repo = createKoppelingenRepository({ db: deps.db });
  const [families, evaluations, closure, signatures, history, concerns, profiles, [gemeente]] = await Promise.all([
    createRegistrationsRepository({ db: deps.db }).listByIds([koppeling.vraaggezinId, koppeling.steungezinId]),
    repo.evaluations(id),
    repo.closure(id),
    repo.signatures(id),
    repo.history(id),
    repo.concernsAbout({ registrationIds: [koppeling.vraaggezinId], koppelingIds: [id] }),
    createProfilesRepository({ db: deps.db }).listForMatching(koppeling.vraaggezinId),
    createGemeentenRepository({ db: deps.db }).matchingSettings([koppeling.gemeenteSlug]),
  ]);
  await recordAudit(
    deps.db,
    auditActor(ctx),
    { action: 'koppeling.view', recordType: 'koppeling', recordId: id, gemeenteSlug: koppeling.gemeenteSlug },
    now,
  );
  const due =
    koppeling.phase === 'active' && koppeling.startDate
      ? nextDue({ startDate: koppeling.startDate, evaluations })
      : null;
  const staffNames = await createStaffRepository({ db: deps.db }).namesByIds([
    ...history.map((h) => h.staffId),
    ...evaluations.map((e) => e.recordedBy),
  ]);
  const nameOf = (id: string | null) => (id ? (staffNames.get(id) ?? null) : null);
  return {
    koppeling,
    allowed: {
      write: can(ctx, 'record.write', koppeling.gemeenteSlug),
      help: can(ctx, 'record.help', koppeling.gemeenteSlug),
      readAudit: can(ctx, 'audit.read'),
    },
    steps: stepsFor(koppeling.phase),
    closureDeadline: koppeling.startDate ? closureDeadline(koppeling.startDate) : null,
    gemeenteName: gemeente?.name ?? koppeling.gemeenteSlug,
    houseRulesTemplate: gemeente?.houseRules?.length ? gemeente.houseRules : [...DEFAULT_HOUSE_RULES],
    vraaggezin: families.find((f) => f.id === koppeling.vraaggezinId) ?? null,
    steungezin: families.find((f) => f.id === koppeling.steungezinId) ?? null,
    hasEmail: {
      vraaggezin: !!families.find((f) => f.id === koppeling.vraaggezinId)?.hasEmail,
      steungezin: !!families.find((f) => f.id === koppeling.steungezinId)?.hasEmail,
    },
    evaluations,
    closure: closure ?? null,
    signatures: (['vraaggezin', 'steungezin'] as const).map((party) => {
      const s = signatures.find((x) => x.party === party);
      return {
        party,
        method: s?.method ?? null,
        signedAt: s?.signedAt ?? null,
        signedOn: s?.signedOn ?? null,
        sentAt: s?.sentAt ?? null,
        linkExpired: !!s?.tokenExpiresAt && s.tokenExpiresAt <= now,
      };
    }),
    history: history.map((h) => ({
      at: h.at,
      staffName: h.staffId ? nameOf(h.staffId) : h.change === 'signed' ? 'het gezin zelf' : null,
      text: historySentence({ ...h, detail: h.detail ? { ...h.detail, party: partyWord(h.detail.party) } : null }),
      note: typeof h.detail?.note === 'string' ? h.detail.note : null,
    })),
    evaluationsBy: Object.fromEntries(evaluations.map((e) => [e.id, nameOf(e.recordedBy)])),
    concerns: concerns.map((c) => ({ id: c.id, raisedOn: c.raisedOn, open: c.resolvedAt === null })),
    // Posts about the family's profile that still have to come down after the match.
    postingsToRemove: profiles
      .filter((p) => p.status === 'matched')
      .flatMap((p) => p.postings.filter((x) => !x.removedOn).map((x) => ({ profileId: p.id, channel: x.channel }))),
    due,
    dueState: due ? dueState(due.dueOn, today) : null,
    today,
  };
}

export type KoppelingListFilter = { phase?: KoppelingPhase; overdue?: boolean; gemeente?: string };

/** Parses the GET form of /inbox/koppelingen; unknown values are dropped, never an error. */
export function parseKoppelingListFilter(params: URLSearchParams): KoppelingListFilter {
  const phase = params.get('fase') ?? '';
  const gemeente = params.get('gemeente') ?? '';
  return {
    phase: (koppelingPhases as readonly string[]).includes(phase) ? (phase as KoppelingPhase) : undefined,
    overdue: params.get('te-laat') === '1',
    gemeente: /^[a-z0-9-]{1,60}$/.test(gemeente) ? gemeente : undefined,
  };
}

const LIST_LIMIT = 500;

/** The koppelingen of my gemeenten: active ones with what is due first, then by phase. Logs the view. */
export async function listKoppelingen(
  deps: Pick<KoppelingDeps, 'db' | 'clock'>,
  ctx: StaffContext,
  filter: KoppelingListFilter,
) {
  requireStaff(ctx, { action: 'record.read', ...(filter.gemeente ? { gemeente: filter.gemeente } : {}) });
  const now = deps.clock();
  const today = amsterdamDate(now);
  const scope = filter.gemeente ? [filter.gemeente] : gemeenteScope(ctx);
  const gemeenten = await createGemeentenRepository({ db: deps.db }).listNamed(gemeenteScope(ctx));
  if (scope && scope.length === 0) return { rows: [], today, truncated: false, gemeenten };
  const repo = createKoppelingenRepository({ db: deps.db });
  const rows = await repo.list({
    gemeenten: scope,
    phase: filter.phase,
    dueBefore: filter.overdue ? today : undefined,
    limit: LIST_LIMIT + 1,
  });
  const page = rows.slice(0, LIST_LIMIT);
  const [families, concerns] = await Promise.all([
    createRegistrationsRepository({ db: deps.db }).listByIds([
      ...new Set(page.flatMap((k) => [k.vraaggezinId, k.steungezinId])),
    ]),
    repo.openConcernKoppelingIds(page.map((k) => k.id)),
  ]);
  const byId = new Map(families.map((f) => [f.id, f]));
  const nameOf = (id: string) => byId.get(id);
  await recordAudit(
    deps.db,
    auditActor(ctx),
    { action: 'koppeling.list', detail: { rows: page.length, ...filter } },
    now,
  );
  return {
    rows: page.map((k) => ({
      ...k,
      vraaggezin: nameOf(k.vraaggezinId) ?? null,
      steungezin: nameOf(k.steungezinId) ?? null,
      dueState: k.phase === 'active' && k.nextDueOn ? dueState(k.nextDueOn, today) : null,
      openConcern: concerns.has(k.id),
    })),
    today,
    truncated: rows.length > LIST_LIMIT,
    gemeenten,
  };
}

/** The koppelingen a sign-up is part of, for links on its page (the caller checked read access). */
export async function koppelingenOfRegistration(
  deps: Pick<KoppelingDeps, 'db' | 'clock'>,
  ctx: StaffContext,
  registrationId: string,
) {
  const today = amsterdamDate(deps.clock());
  const rows = await createKoppelingenRepository({ db: deps.db }).ofRegistration(registrationId);
  const visible = rows.filter((k) => can(ctx, 'record.read', k.gemeenteSlug));
  const others = await createRegistrationsRepository({ db: deps.db }).listByIds(
    visible.map((k) => (k.vraaggezinId === registrationId ? k.steungezinId : k.vraaggezinId)),
  );
  return visible.map((k) => {
    const otherId = k.vraaggezinId === registrationId ? k.steungezinId : k.vraaggezinId;
    return {
      id: k.id,
      phase: k.phase,
      startDate: k.startDate,
      proposedOn: k.proposedOn,
      other: others.find((o) => o.id === otherId) ?? null,
      nextDueOn: k.nextDueOn,
      nextDueKind: k.nextDueKind,
      dueState: k.phase === 'active' && k.nextDueOn ? dueState(k.nextDueOn, today) : null,
    };
  });
}

/** Vraaggezinnen in reach whose evaluation or afronding is overdue (the inbox filter "evaluatie te laat"). */
export async function overdueVraaggezinIds(db: DbOrTx, scope: readonly string[] | null, today: string) {
  return createKoppelingenRepository({ db }).overdueVraaggezinIds(scope, today);
}

/** Per gemeente: evaluations and afrondingen overdue or due within DUE_SOON_DAYS (the daily digest). */
export async function followUpsDue(db: DbOrTx, gemeenten: readonly string[], today: string) {
  return createKoppelingenRepository({ db }).dueCounts(gemeenten, addDays(today, DUE_SOON_DAYS));
}

/**
 * The agenda feed's events for this domain: the next evaluation or afronding of every active
 * koppeling in reach between two days. No names or details: an agenda app may sync through
 * someone else's servers; the link opens the koppeling behind the login.
 */
export async function dueCalendarEvents(
  db: DbOrTx,
  input: {
    gemeenten: readonly string[] | null;
    from: string;
    to: string;
    today: string;
    url: (path: string) => string;
  },
) {
  const rows = await createKoppelingenRepository({ db }).dueBetween(input.gemeenten, input.from, input.to);
  const settings = await createGemeentenRepository({ db }).matchingSettings([
    ...new Set(rows.map((r) => r.gemeenteSlug)),
  ]);
  return rows.map((r) => {
    const what =
      r.nextDueKind === 'closure'
        ? DUE_LABELS.closure
        : r.startDate && nextDue({ startDate: r.startDate, evaluations: [] }).dueOn === r.nextDueOn
          ? DUE_LABELS.trial
          : DUE_LABELS.evaluation;
    const gemeente = settings.find((g) => g.slug === r.gemeenteSlug)?.name ?? r.gemeenteSlug;
    const late = r.nextDueOn! < input.today ? 'Te laat: ' : '';
    return {
      uid: `${r.nextDueKind}-${r.id}-${r.nextDueOn}@buurtgezinnen`,
      date: r.nextDueOn!,
      summary: `${late}${what} · koppeling ${r.id.slice(0, 4).toUpperCase()} (${gemeente})`,
      description: 'Plan het gesprek met beide gezinnen. Alle gegevens staan in het portaal.',
      url: input.url(`/inbox/koppelingen/${r.id}`),
    };
  });
}

export type ShortlistView = Awaited<ReturnType<typeof getShortlist>>;
export type KoppelingView = Awaited<ReturnType<typeof getKoppeling>>;
export type KoppelingList = Awaited<ReturnType<typeof listKoppelingen>>;
