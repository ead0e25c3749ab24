/**
 * The coordinator's inbox: the list of sign-ups (keyset-paged, newest first) and one sign-up's
 * page with its pipeline, assignment, notes, contact log, links and history.
 * Every function checks access with requireStaff for the record's gemeente (404 outside it),
 * and writes an audit entry for every view and change. The sign-ups themselves belong to the
 * registrations domain; this domain asks its repository, inside its own transaction.
 */

import { amsterdamDate } from '~/lib/dates';
import { type RegistrationKind, registrationKinds } from '~/lib/registration.types';
import { findBsn, findHealthWords } from '~/lib/sensitive-text';
import { can, gemeenteScope, requireStaff, type StaffAction, type StaffContext } from '~/server/access/permissions';
import { appointmentsOnRecord } from '~/server/appointments/appointments.usecases';
import { auditActor, recordAudit } from '~/server/audit/audit.usecases';
import type { DbOrTx } from '~/server/db/db';
import { isAppError } from '~/server/errors/errors';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import { OPEN_PHASES } from '~/server/koppelingen/koppelingen.labels';
import { createKoppelingenRepository } from '~/server/koppelingen/koppelingen.repository';
import { concernsAbout } from '~/server/koppelingen/koppelingen.safety';
import { koppelingenOfRegistration, overdueVraaggezinIds } from '~/server/koppelingen/koppelingen.usecases';
import { referralConsentStates, referralsAnsweredOrWaiting } from '~/server/privacy/privacy.consent';
import { createProfilesRepository } from '~/server/profiles/profiles.repository';
import { recordStatusFact } from '~/server/rapportage/rapportage.ledger';
import { createRegistrationsRepository, type RegistrationRow } from '~/server/registrations/registrations.repository';
import { openRegistrationForStaff } from '~/server/registrations/registrations.view';
import { gemeentenInMyCare, gemeentenWithoutCoordinator } from '~/server/responsibility/responsibility';
import { refreshScreeningState } from '~/server/screening/screening.pool';
import { getScreening } from '~/server/screening/screening.usecases';
import { createStaffRepository } from '~/server/staff/staff.repository';
import { inboxError } from './inbox.errors';
import { waitingTime } from './inbox.format';
import {
  askSummary,
  BY_THE_PERSON,
  EXIT_NOTE_QUESTIONS,
  followedStepHint,
  historySentence,
  KOPPELING_FOLLOWS,
  promiseForStaff,
  transitionLabel,
} from './inbox.labels';
import {
  ALL_STATUSES,
  allowedTransitions,
  CONTACT_CHANNELS,
  EXIT_NOTE_REQUIRED,
  followedNextStep,
  isExitStatus,
  pipelineProgress,
  REFERRAL_REASONS,
  transitionsFrom,
} from './inbox.pipeline';
import { createInboxRepository } from './inbox.repository';
import { CONTACT_DATE_SLACK_MS, INBOX_LIMITS } from './inbox.schemas';

/** A transaction joins the caller's: `change` then runs in a savepoint of it. */
export type InboxDeps = { db: DbOrTx; clock: () => Date };

const INBOX_PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type InboxFilter = {
  kind?: string;
  status?: string;
  gemeente?: string;
  mine?: boolean;
  /** Only gemeenten without a coordinator (whose sign-ups the region or the office pick up). */
  withoutCoordinator?: boolean;
  /** Only families whose koppeling has an evaluation or afronding overdue ("evaluatie te laat"). */
  overdue?: boolean;
  /** Only referrals the parents have not confirmed and whose mail link no longer waits (decision 031). */
  consentToAsk?: boolean;
  /** Keyset cursor: the last row of the previous page. */
  after?: { createdAt: Date; id: string };
};

/** Parses the GET form of /inbox; unknown values are dropped, never an error. */
export function parseInboxFilter(params: URLSearchParams): InboxFilter {
  const kind = params.get('soort') ?? '';
  const status = params.get('status') ?? '';
  const gemeente = params.get('gemeente') ?? '';
  const cursor = params.get('na') ?? '';
  const [at, id] = cursor.split('_');
  const after =
    at && id && UUID.test(id) && !Number.isNaN(Date.parse(at)) ? { createdAt: new Date(at), id } : undefined;
  return {
    kind: (registrationKinds as readonly string[]).includes(kind) ? kind : undefined,
    status: ALL_STATUSES.includes(status) ? status : undefined,
    gemeente: /^[a-z0-9-]{1,60}$/.test(gemeente) ? gemeente : undefined,
    mine: params.get('mijn') === '1',
    withoutCoordinator: params.get('zonder-coordinator') === '1',
    overdue: params.get('opvolging') === 'te-laat',
    consentToAsk: params.get('toestemming') === 'vragen',
    after,
  };
}

function cursorParam(row: { createdAt: Date; id: string }): string {
  return `${row.createdAt.toISOString()}_${row.id}`;
}

/** A link from a row of the list to another sign-up (shown as a marker on the row). */
export type InboxRowLink =
  /** The earlier sign-up this one repeats (marked at sign-up or by the coordinator). */
  | { kind: 'repeat-of'; id: string; createdAt: Date }
  /** Another sign-up in the gemeente with the same phone number or e-mail address. */
  | { kind: 'same-contact'; id: string; createdAt: Date }
  /** For a referral: the family's own sign-up it is linked to. */
  | { kind: 'family'; id: string; name: string }
  /** For a family: a referral linked to it, by the referrer's organisation. */
  | { kind: 'referral'; id: string; referrer: string };

/**
 * One page of the inbox of the gemeenten within reach, newest first: who, where, what they ask
 * for, links to related sign-ups, whether the gemeente has a coordinator and when first contact
 * was promised. The list shows names, so each view is logged with the ids it showed.
 */
export async function listInbox(deps: InboxDeps, ctx: StaffContext, filter: InboxFilter) {
  requireStaff(ctx, { action: 'record.read', ...(filter.gemeente ? { gemeente: filter.gemeente } : {}) });
  const now = deps.clock();
  const scope = gemeenteScope(ctx);
  if (scope && scope.length === 0) return { rows: [], next: null };
  const reachable = scope ?? (await createGemeentenRepository(deps).allSlugs());
  const withoutCoordinator = await gemeentenWithoutCoordinator(deps.db, reachable);
  const inbox = createInboxRepository(deps);
  const registrations = createRegistrationsRepository(deps);
  const narrowed = filter.gemeente ? [filter.gemeente] : scope;
  // The koppelingen domain knows whose evaluation is overdue (an index on next_due_on): for the
  // filter "evaluatie te laat" and the badge on each row.
  const overdue = await overdueVraaggezinIds(deps.db, narrowed, amsterdamDate(now));
  const overdueSet = new Set(overdue);
  if (filter.overdue && overdue.length === 0) return { rows: [], next: null };
  const rows = await registrations.listPage({
    gemeenten: filter.withoutCoordinator
      ? (narrowed ?? reachable).filter((slug) => withoutCoordinator.has(slug))
      : narrowed,
    kind: filter.consentToAsk ? 'verwijzing' : (filter.kind as RegistrationKind | undefined),
    status: filter.status,
    ids: filter.mine ? inbox.assignedTo(ctx.staff.id) : undefined,
    alsoIn: filter.overdue ? overdue : undefined,
    notIn: filter.consentToAsk ? referralsAnsweredOrWaiting(deps.db, now) : undefined,
    after: filter.after,
    limit: INBOX_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, INBOX_PAGE_SIZE);
  const ids = page.map((row) => row.id);
  const [items, reads, gemeenteNames, sameContact, referrals, consents] = await Promise.all([
    inbox.itemsFor(ids),
    inbox.readMarkers(ctx.staff.id, ids),
    createGemeentenRepository(deps).namesBySlug(page.map((row) => row.gemeenteSlug)),
    registrations.sameContactAmong(page),
    inbox.referralsOf(page.filter((row) => row.kind === 'vraaggezin').map((row) => row.id)),
    // A referral: did the parents confirm it (privacy domain, decision 031)?
    referralConsentStates(
      deps.db,
      page.filter((row) => row.kind === 'verwijzing').map((row) => row.id),
      now,
    ),
  ]);
  const familyIds = page.flatMap((row) => items.get(row.id)?.familyRegistrationId ?? []);
  const referralIds = [...referrals.values()].flat();
  const [staffNames, families, referrers] = await Promise.all([
    createStaffRepository(deps).namesByIds([...items.values()].map((item) => item.assignedStaffId)),
    registrations.summariesByIds(familyIds),
    registrations.referrerOrganisations(referralIds),
  ]);
  const today = amsterdamDate(now);
  const shown = page.map(({ contactEmail: _email, contactPhone: _phone, details, contactPromise, ...row }) => {
    const item = items.get(row.id);
    const assignedId = item?.assignedStaffId ?? null;
    const readAt = reads.get(row.id) ?? null;
    const family = item?.familyRegistrationId ? families.get(item.familyRegistrationId) : undefined;
    const links: InboxRowLink[] = [
      ...(sameContact.get(row.id) ?? []).map(
        (other): InboxRowLink => ({
          kind: other.id === row.duplicateOfId ? 'repeat-of' : 'same-contact',
          id: other.id,
          createdAt: other.createdAt,
        }),
      ),
      ...(family ? [{ kind: 'family' as const, id: family.id, name: family.contactName }] : []),
      ...(referrals.get(row.id) ?? []).map(
        (id): InboxRowLink => ({ kind: 'referral', id, referrer: referrers.get(id) ?? 'een verwijzer' }),
      ),
    ];
    return {
      ...row,
      gemeenteName: gemeenteNames.get(row.gemeenteSlug) ?? row.gemeenteSlug,
      asks: askSummary(details),
      links,
      withoutCoordinator: withoutCoordinator.has(row.gemeenteSlug),
      /** Until when first contact was promised, while nobody has made it yet (status 'new'). */
      firstContact:
        row.status === 'new' && contactPromise
          ? { dueOn: contactPromise.dueOn, overdue: today > contactPromise.dueOn }
          : null,
      assignedId,
      assignedName: assignedId ? (staffNames.get(assignedId) ?? null) : null,
      readAt,
      unread: readAt === null || readAt < row.updatedAt,
      overdue: overdueSet.has(row.id),
      consent: consents.get(row.id) ?? null,
    };
  });
  await recordAudit(
    deps.db,
    auditActor(ctx),
    { action: 'inbox.list', detail: { shown: ids, filter: describeFilter(filter) } },
    now,
  );
  const last = shown.at(-1);
  return {
    rows: shown,
    next: rows.length > INBOX_PAGE_SIZE && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

/** The filter as codes for the audit log (no free text). */
function describeFilter(filter: InboxFilter) {
  return {
    kind: filter.kind ?? null,
    status: filter.status ?? null,
    gemeente: filter.gemeente ?? null,
    mine: filter.mine ?? false,
    withoutCoordinator: filter.withoutCoordinator ?? false,
    consentToAsk: filter.consentToAsk ?? false,
    page: filter.after ? 'older' : 'first',
  };
}

/** The gemeenten a staff member can filter on. */
async function inboxGemeenten(deps: InboxDeps, ctx: StaffContext) {
  requireStaff(ctx, { action: 'record.read' });
  return createGemeentenRepository(deps).listNamed(gemeenteScope(ctx));
}

/**
 * The inbox page: one page of sign-ups, the gemeenten to filter on and, for a regional
 * coordinator or the office, the gemeenten whose sign-ups are theirs because nobody else is there
 * (responsibility.ts).
 */
export async function getInboxPage(deps: InboxDeps, ctx: StaffContext, filter: InboxFilter) {
  const [page, gemeenten, inMyCare] = await Promise.all([
    listInbox(deps, ctx, filter),
    inboxGemeenten(deps, ctx),
    ctx.staff.role === 'coordinator' ? Promise.resolve(new Set<string>()) : gemeentenInMyCare(deps.db, ctx),
  ]);
  return {
    ...page,
    gemeenten,
    /** The filter "zonder coördinator" is for those who pick up such sign-ups or keep an eye on them. */
    offerWithoutCoordinator: ctx.staff.role !== 'coordinator',
    /** May enter a sign-up by hand somewhere (inbox.entry.ts). */
    canEnter: can(ctx, 'record.write'),
    standingInFor: gemeenten.filter((gemeente) => inMyCare.has(gemeente.slug)),
  };
}

/** The filter as query parameters (to keep it in links), and the links to the first and next page. */
export function inboxLinks(filter: InboxFilter, next: { createdAt: Date; id: string } | null) {
  const keep = new URLSearchParams();
  if (filter.kind) keep.set('soort', filter.kind);
  if (filter.status) keep.set('status', filter.status);
  if (filter.gemeente) keep.set('gemeente', filter.gemeente);
  if (filter.mine) keep.set('mijn', '1');
  if (filter.withoutCoordinator) keep.set('zonder-coordinator', '1');
  if (filter.overdue) keep.set('opvolging', 'te-laat');
  if (filter.consentToAsk) keep.set('toestemming', 'vragen');
  return {
    keep,
    filtered: keep.size > 0,
    next: next ? `/inbox?${new URLSearchParams([...keep, ['na', cursorParam(next)]])}` : null,
    first: filter.after ? `/inbox${keep.size ? `?${keep}` : ''}` : null,
  };
}

const isOpenPhase = (phase: string) => (OPEN_PHASES as readonly string[]).includes(phase);

/** Everything the sign-up page shows. Logs the view. */
export async function getRegistrationForStaff(deps: InboxDeps, ctx: StaffContext, id: string) {
  const now = deps.clock();
  const registration = await openRegistrationForStaff(deps.db, ctx, id, { action: 'record.read', now });
  const inbox = createInboxRepository(deps);
  await inbox.markRead(ctx.staff.id, id, new Date(Math.max(now.getTime(), registration.updatedAt.getTime())));
  const [item, notes, contacts, history, gemeente, related, linkedProfiles, koppelingen, screening, appointments] =
    await Promise.all([
      inbox.getItem(id),
      inbox.listNotes(id),
      inbox.listContacts(id),
      inbox.listHistory(id),
      createGemeentenRepository(deps).find(registration.gemeenteSlug),
      relatedRegistrations(deps.db, registration),
      // Recruitment profiles of this family, or the profile this steungezin responded to.
      createProfilesRepository(deps).listLinkedTo(registration),
      koppelingenOfRegistration(deps, ctx, id),
      registration.kind === 'steungezin' ? getScreening(deps, registration) : Promise.resolve(null),
      // Kennismaking visits (src/server/appointments).
      appointmentsOnRecord(deps.db, id, amsterdamDate(now)),
    ]);
  const concerns = await concernsAbout(deps, ctx, {
    registrationIds: [id],
    koppelingIds: koppelingen.map((k) => k.id),
  });
  // A referral: whether the parents confirmed it themselves (privacy domain; null = ask at the first contact).
  const parentConsent =
    registration.kind === 'verwijzing' ? (await referralConsentStates(deps.db, [id], now)).get(id) : undefined;
  const pipelineContext = { openKoppeling: koppelingen.some((k) => isOpenPhase(k.phase)) };
  const followedNext = followedNextStep(registration.kind, registration.status, pipelineContext);
  const assignable = await assignableStaff(deps.db, registration.gemeenteSlug);
  const authors = await createStaffRepository(deps).namesByIds([
    ...notes.map((note) => note.authorId),
    ...contacts.map((contact) => contact.authorId),
    ...history.map((entry) => entry.staffId),
  ]);
  const authorName = (authorId: string | null) => (authorId ? (authors.get(authorId) ?? null) : null);
  // A correction request from /mijn-gegevens: a note without author that its history line points to.
  const correctionHistory = history.filter((entry) => entry.change === 'correction' && entry.staffId === null);
  const fromThePerson = new Set(correctionHistory.map((entry) => entry.toValue));
  const assignableName = (staffId: string) => assignable.find((staff) => staff.id === staffId)?.name;
  return {
    registration,
    gemeenteName: gemeente?.name ?? registration.gemeenteSlug,
    /** What this staff member may do here: change status and links (write), add notes and contacts (help). */
    allowed: {
      write: can(ctx, 'record.write', registration.gemeenteSlug),
      help: can(ctx, 'record.help', registration.gemeenteSlug),
      readAudit: can(ctx, 'audit.read'),
    },
    waiting: waitingTime(registration.createdAt, now),
    // The day in the Netherlands (date fields' max and min), not in UTC.
    today: amsterdamDate(now),
    /** The promise made at sign-up, and whether its day has passed while nobody made contact (status 'new'). */
    firstContact: registration.contactPromise
      ? {
          text: promiseForStaff(registration.contactPromise),
          overdue: registration.status === 'new' && amsterdamDate(now) > registration.contactPromise.dueOn,
        }
      : null,
    item: item ?? null,
    notes: notes.map((note) => ({
      ...note,
      authorName: note.authorId === null && fromThePerson.has(note.id) ? BY_THE_PERSON : authorName(note.authorId),
    })),
    contacts: contacts.map((contact) => ({ ...contact, authorName: authorName(contact.authorId) })),
    history: [
      ...history.map((entry) => ({
        at: entry.at,
        staffName: correctionHistory.includes(entry) ? BY_THE_PERSON : authorName(entry.staffId),
        text: historySentence(entry, assignableName),
      })),
      ...(screening?.history ?? []),
    ].sort((a, b) => b.at.getTime() - a.at.getTime()),
    pipeline: pipelineProgress(registration.kind, registration.status),
    followedHint: pipelineContext.openKoppeling
      ? KOPPELING_FOLLOWS
      : followedNext
        ? followedStepHint(registration.kind, followedNext)
        : null,
    screening,
    koppelingen,
    concerns,
    appointments,
    parentConsent,
    /** A vraaggezin without an open koppeling can get a proposal (the shortlist). */
    canSearchSteungezin:
      registration.kind === 'vraaggezin' &&
      !pipelineContext.openKoppeling &&
      !isExitStatus(registration.kind, registration.status) &&
      can(ctx, 'record.read', registration.gemeenteSlug),
    transitions: transitionsFrom(registration.kind, registration.status, pipelineContext).map((transition) => ({
      ...transition,
      label: transitionLabel(transition.to, transition.direction),
      noteQuestion: transition.needsNote ? (EXIT_NOTE_QUESTIONS[transition.to] ?? null) : null,
    })),
    assignable,
    assignedName: item?.assignedStaffId ? (assignableName(item.assignedStaffId) ?? null) : null,
    related,
    linkedProfiles,
  };
}

/**
 * Staff who work in this gemeente (its coordinators, regional staff of its region, and the
 * national office, which handles sign-ups anywhere: docs/domain.md), for the assignment menu.
 */
async function assignableStaff(db: DbOrTx, gemeenteSlug: string) {
  const gemeente = await createGemeentenRepository({ db }).find(gemeenteSlug);
  const staff = await createStaffRepository({ db }).activeStaffOf({
    slug: gemeenteSlug,
    region: gemeente?.region ?? null,
  });
  const seen = new Map<string, string>();
  for (const member of staff) seen.set(member.id, member.name);
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/**
 * Other sign-ups in the same gemeente: possible repeats (same phone or e-mail), families to link a
 * referral to, and for a family the referrals linked to it.
 */
async function relatedRegistrations(db: DbOrTx, registration: RegistrationRow) {
  const registrations = createRegistrationsRepository({ db });
  const [duplicates, families, duplicateOf, referralIds] = await Promise.all([
    registrations.listSameContact(registration, 20),
    registration.kind === 'verwijzing'
      ? registrations.listOfKind(registration.gemeenteSlug, 'vraaggezin', 100)
      : Promise.resolve([]),
    registration.duplicateOfId ? registrations.getSummary(registration.duplicateOfId) : Promise.resolve(null),
    registration.kind === 'vraaggezin'
      ? createInboxRepository({ db }).referralsOf([registration.id])
      : Promise.resolve(new Map<string, string[]>()),
  ]);
  const ids = referralIds.get(registration.id) ?? [];
  const [summaries, organisations] = await Promise.all([
    registrations.summariesByIds(ids),
    registrations.referrerOrganisations(ids),
  ]);
  const referrals = ids.flatMap((id) => {
    const referral = summaries.get(id);
    return referral ? [{ ...referral, organisationName: organisations.get(id) ?? null }] : [];
  });
  return { duplicates, families, duplicateOf, referrals };
}

// ---------------------------------------------------------------- changes

type ChangeContext = { tx: DbOrTx; registration: RegistrationRow; now: Date };

/**
 * Runs one change in a transaction (a savepoint when `deps.db` is the caller's transaction):
 * load + lock + check + change + history + audit + bump + my read marker.
 */
async function change<T>(
  deps: InboxDeps,
  ctx: StaffContext,
  id: string,
  action: StaffAction,
  apply: (c: ChangeContext) => Promise<{
    change: string;
    fromValue?: string | null;
    toValue?: string | null;
    detail?: Record<string, unknown>;
    result?: T;
  }>,
): Promise<T | undefined> {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const registrations = createRegistrationsRepository({ db: tx });
    const inbox = createInboxRepository({ db: tx });
    const registration = await registrations.getForStaff(ctx, id, action, { lock: true });
    const done = await apply({ tx, registration, now });
    await inbox.insertHistory({
      registrationId: id,
      staffId: ctx.staff.id,
      at: now,
      change: done.change,
      fromValue: done.fromValue ?? null,
      toValue: done.toValue ?? null,
      detail: done.detail ?? null,
    });
    await registrations.touch(id, now);
    await inbox.markRead(ctx.staff.id, id, now);
    await recordAudit(
      tx,
      auditActor(ctx),
      {
        action: `registration.${done.change}`,
        recordType: 'registration',
        recordId: id,
        gemeenteSlug: registration.gemeenteSlug,
        detail: { from: done.fromValue ?? null, to: done.toValue ?? null },
      },
      now,
    );
    return done.result;
  });
}

/**
 * Free text staff write about a family: a BSN is refused outright (never stored, docs/domain.md
 * "Privacy rules"); a diagnosis or health word needs a second "yes, the next step needs this"
 * (the note field asks for exactly that). `field` names the form field for the page.
 */
function checkStaffText(text: string, field: string, options: { healthConfirmed?: boolean; health?: boolean } = {}) {
  if (findBsn(text).length > 0) throw inboxError('inbox.bsn', { field });
  if (options.health === false || options.healthConfirmed) return;
  const words = findHealthWords(text);
  if (words.length > 0) {
    const named = words.slice(0, 3).join(', ');
    throw inboxError(
      'inbox.health_words',
      { field, words },
      `Je schrijft over een diagnose of over gezondheid (${named}). Schrijf dat alleen op als het nodig is voor de volgende stap. Is het nodig? Zet dan het vinkje en sla opnieuw op.`,
    );
  }
}

export async function changeStatus(
  deps: InboxDeps,
  ctx: StaffContext,
  id: string,
  input: { to: string; from?: string; note?: string; reason?: string },
) {
  await change(deps, ctx, id, 'record.write', async ({ tx, registration, now }) => {
    if (input.from && input.from !== registration.status) throw inboxError('inbox.stale_status');
    const open = (await createKoppelingenRepository({ db: tx }).ofRegistration(id)).some((k) => isOpenPhase(k.phase));
    if (!allowedTransitions(registration.kind, registration.status, { openKoppeling: open }).includes(input.to))
      throw inboxError('inbox.invalid_transition', { from: registration.status, to: input.to });
    const note = (input.note ?? '').trim().slice(0, INBOX_LIMITS.statusNote);
    // A short reason for a step ("verhuisd", "hulp via het wijkteam"): only the BSN rule applies.
    checkStaffText(note, 'statusNote', { health: false });
    if (EXIT_NOTE_REQUIRED.has(input.to) && !note)
      throw inboxError(
        'inbox.note_required',
        { to: input.to },
        `${EXIT_NOTE_QUESTIONS[input.to]} Schrijf het kort in het veld bij deze stap.`,
      );
    // Referred elsewhere: why, from the fixed list (the report counts it; the note says where to).
    const reason = input.to === 'referred_elsewhere' ? (input.reason ?? '').trim() : '';
    if (input.to === 'referred_elsewhere' && !(REFERRAL_REASONS as readonly string[]).includes(reason))
      throw inboxError(
        'inbox.invalid_input',
        { field: 'referralReason' },
        'Kies waarom je het gezin doorverwijst. Schrijf in het veld eronder waarheen.',
      );
    const inbox = createInboxRepository({ db: tx });
    await createRegistrationsRepository({ db: tx }).setStatus(id, input.to);
    await inbox.upsertItem(id, { statusNote: note || null, statusChangedAt: now });
    // The report counts intakes and exits from its anonymous ledger (the note stays here).
    await recordStatusFact(tx, {
      registration,
      from: registration.status,
      to: input.to,
      at: now,
      referralReason: reason || null,
    });
    // A steungezin leaves (or comes back to) the shortlist with its status.
    if (registration.kind === 'steungezin') await refreshScreeningState(tx, id, now);
    const detail = { ...(reason ? { reason } : {}), ...(note ? { note } : {}) };
    return {
      change: 'status',
      fromValue: registration.status,
      toValue: input.to,
      detail: Object.keys(detail).length ? detail : undefined,
    };
  });
}

export async function assignRegistration(deps: InboxDeps, ctx: StaffContext, id: string, staffId: string | null) {
  await change(deps, ctx, id, 'record.write', async ({ tx, registration }) => {
    if (staffId !== null) {
      const allowed = await assignableStaff(tx, registration.gemeenteSlug);
      if (!allowed.some((staff) => staff.id === staffId))
        throw inboxError('inbox.invalid_input', { staffId }, 'Kies iemand die in deze gemeente werkt.');
    }
    const inbox = createInboxRepository({ db: tx });
    const item = await inbox.getItem(id);
    await inbox.upsertItem(id, { assignedStaffId: staffId });
    return { change: 'assignment', fromValue: item?.assignedStaffId ?? null, toValue: staffId };
  });
}

export async function addNote(
  deps: InboxDeps,
  ctx: StaffContext,
  id: string,
  body: string,
  options: { healthConfirmed?: boolean } = {},
) {
  const text = body.trim();
  if (!text) throw inboxError('inbox.invalid_input', { field: 'note' }, 'Schrijf eerst iets in de notitie.');
  if (text.length > INBOX_LIMITS.note)
    throw inboxError(
      'inbox.invalid_input',
      { field: 'note' },
      `Een notitie is hoogstens ${INBOX_LIMITS.note} tekens. Maak er twee van.`,
    );
  checkStaffText(text, 'note', options);
  await change(deps, ctx, id, 'record.help', async ({ tx, now }) => {
    const note = await createInboxRepository({ db: tx }).insertNote({
      registrationId: id,
      authorId: ctx.staff.id,
      body: text,
      createdAt: now,
    });
    return { change: 'note', toValue: note.id };
  });
}

export async function addContact(
  deps: InboxDeps,
  ctx: StaffContext,
  id: string,
  input: { channel: string; contactedOn: string; summary?: string; healthConfirmed?: boolean },
) {
  if (!(CONTACT_CHANNELS as readonly string[]).includes(input.channel))
    throw inboxError('inbox.invalid_input', { field: 'channel' }, 'Kies hoe je contact had.');
  const day = input.contactedOn.trim();
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T12:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day)
    throw inboxError(
      'inbox.invalid_input',
      { field: 'contactedOn' },
      'Vul een geldige datum in, bijvoorbeeld 2026-11-23.',
    );
  if (parsed.getTime() > deps.clock().getTime() + CONTACT_DATE_SLACK_MS)
    throw inboxError(
      'inbox.invalid_input',
      { field: 'contactedOn' },
      'De datum van een contact kan niet in de toekomst liggen.',
    );
  const summary = (input.summary ?? '').trim().slice(0, INBOX_LIMITS.contactSummary) || null;
  if (summary) checkStaffText(summary, 'summary', { healthConfirmed: input.healthConfirmed });
  await change(deps, ctx, id, 'record.help', async ({ tx, now }) => {
    await createInboxRepository({ db: tx }).insertContact({
      registrationId: id,
      authorId: ctx.staff.id,
      channel: input.channel,
      contactedOn: day,
      summary,
      createdAt: now,
    });
    return { change: 'contact', toValue: input.channel, detail: { on: day } };
  });
}

const PICK_FROM_LIST = 'Kies een aanmelding uit de lijst op deze pagina.';

/**
 * The other sign-up of a link. Unknown, out of reach and another gemeente all get the same 400
 * (the page itself exists; its existence is not revealed either way).
 */
async function loadOther(tx: DbOrTx, ctx: StaffContext, id: string) {
  try {
    return await createRegistrationsRepository({ db: tx }).getForStaff(ctx, id, 'record.read');
  } catch (error) {
    if (isAppError(error, 'access.not_found')) throw inboxError('inbox.invalid_input', {}, PICK_FROM_LIST);
    throw error;
  }
}

/** Marks this sign-up as a repeat of another in the same gemeente (or clears it with null). */
export async function markDuplicate(deps: InboxDeps, ctx: StaffContext, id: string, duplicateOfId: string | null) {
  await change(deps, ctx, id, 'record.write', async ({ tx, registration }) => {
    if (duplicateOfId !== null) {
      if (duplicateOfId === id)
        throw inboxError('inbox.invalid_input', {}, 'Een aanmelding kan geen dubbele van zichzelf zijn.');
      const other = await loadOther(tx, ctx, duplicateOfId);
      if (other.gemeenteSlug !== registration.gemeenteSlug) throw inboxError('inbox.invalid_input', {}, PICK_FROM_LIST);
    }
    await createRegistrationsRepository({ db: tx }).setDuplicateOf(id, duplicateOfId);
    return { change: 'duplicate', fromValue: registration.duplicateOfId, toValue: duplicateOfId };
  });
}

/** Links a verwijzing to the vraaggezin sign-up it is about (same gemeente), or clears it. */
export async function linkFamily(deps: InboxDeps, ctx: StaffContext, id: string, familyId: string | null) {
  await change(deps, ctx, id, 'record.write', async ({ tx, registration }) => {
    if (registration.kind !== 'verwijzing')
      throw inboxError('inbox.invalid_input', {}, 'Alleen een verwijzing koppel je aan een gezin.');
    if (familyId !== null) {
      const family = await loadOther(tx, ctx, familyId);
      if (family.gemeenteSlug !== registration.gemeenteSlug)
        throw inboxError('inbox.invalid_input', {}, PICK_FROM_LIST);
      if (family.kind !== 'vraaggezin')
        throw inboxError('inbox.invalid_input', {}, 'Kies de aanmelding van een vraaggezin.');
    }
    const inbox = createInboxRepository({ db: tx });
    const item = await inbox.getItem(id);
    await inbox.upsertItem(id, { familyRegistrationId: familyId });
    return { change: 'family', fromValue: item?.familyRegistrationId ?? null, toValue: familyId };
  });
}

/** What the sign-up page shows (getRegistrationForStaff), for its components. */
export type RegistrationPage = Awaited<ReturnType<typeof getRegistrationForStaff>>;
