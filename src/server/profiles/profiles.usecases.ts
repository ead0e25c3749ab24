/**
 * Recruitment profiles: writing (staff), the identifiability check before publishing, the states
 * draft -> (review, "wacht op tweede blik" ->) published -> matched | withdrawn (README.md in this
 * folder), where the coordinator posted it, the responses of steungezinnen, and the public lists. Staff functions check access for the profile's gemeente
 * with requireStaff and write an audit entry for every view and change; public functions only
 * ever return published profiles, through the 1-second cache (decision 007). A matched profile
 * leaves the site at once, as /privacy promises (decision 022).
 */

import { createHash, randomUUID } from 'node:crypto';
import {
  ageGroupsOf,
  flagPlace,
  type ProfileFieldErrors,
  type ProfileFormValues,
  type ProfileInput,
  type ProfileView,
  parseProfileForm,
  profileFormValues,
} from '~/lib/profile';
import type { RegistrationDetails } from '~/lib/registration.types';
import { findBsn } from '~/lib/sensitive-text';
import { can, gemeenteScope, requireStaff, type StaffAction, type StaffContext } from '~/server/access/permissions';
import { auditActor, recordAudit } from '~/server/audit/audit.usecases';
import type { DbOrTx } from '~/server/db/db';
import { createGemeentenRepository, type GemeenteSummary } from '~/server/gemeenten/gemeenten.repository';
import { changeStatus } from '~/server/inbox/inbox.usecases';
import { recordProfilePublishedFact } from '~/server/rapportage/rapportage.ledger';
import { createRegistrationsRepository, type RegistrationRow } from '~/server/registrations/registrations.repository';
import { createStaffRepository } from '~/server/staff/staff.repository';
import { checkIdentifiability, type IdentifiabilityFlag } from './identifiability';
import type { ProfileCache } from './profiles.cache';
import { profileError } from './profiles.errors';
import {
  createProfilesRepository,
  type ProfileOverride,
  type ProfilePosting,
  type ProfileRow,
  profileStatuses,
} from './profiles.repository';
import { PROFILE_LIMITS } from './profiles.schemas';
import { allowedActions, canStart, type ProfileAction } from './profiles.states';

/** A transaction joins the caller's (the use case's own transaction becomes a savepoint). */
export type ProfileDeps = { db: DbOrTx; clock: () => Date; cache: ProfileCache };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const POSTING_CHANNELS = ['facebook', 'instagram', 'anders'] as const;
/** How many responses the profile page lists. */
const RESPONSES_SHOWN = 200;

type Gemeente = GemeenteSummary;

// --- helpers ----------------------------------------------------------------------------------

function toView(row: ProfileRow, gemeenteName: string): ProfileView {
  return {
    id: row.id,
    gemeenteSlug: row.gemeenteSlug,
    gemeenteName,
    title: row.title,
    kern: row.kern,
    children: row.children,
    supportKinds: row.supportKinds,
    days: row.days,
    frequency: row.frequency,
    sleepovers: row.sleepovers,
    story: row.story,
    asks: row.asks,
    offers: row.offers,
    status: row.status,
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

function inputOf(row: ProfileRow): ProfileInput {
  return {
    title: row.title,
    kern: row.kern,
    children: row.children,
    supportKinds: row.supportKinds,
    days: row.days,
    frequency: row.frequency,
    sleepovers: row.sleepovers,
    story: row.story,
    asks: row.asks,
    offers: row.offers,
  };
}

/** Names the record holds: the contact person, and children's or referrer's names if present. */
function namesFromRegistration(r: Pick<RegistrationRow, 'contactName' | 'details'>): string[] {
  const names = [r.contactName];
  const details = r.details as RegistrationDetails & { children?: { name?: unknown }[] };
  for (const child of details.children ?? []) if (typeof child?.name === 'string') names.push(child.name);
  if (details.kind === 'verwijzing') names.push(details.referrer.name);
  return names.filter((n) => n && n.trim().length >= 2);
}

/** The identifiability flags of a profile text, each marked with its stored override (if any). */
export function flagsFor(
  input: ProfileInput,
  registration: Pick<RegistrationRow, 'contactName' | 'details'>,
  gemeente: Gemeente,
  overrides: ProfileOverride[] = [],
) {
  const flags = checkIdentifiability(
    {
      fields: { title: input.title, kern: input.kern, story: input.story, asks: input.asks, offers: input.offers },
      kern: input.kern,
      children: input.children,
    },
    { names: namesFromRegistration(registration), gemeenteName: gemeente.name, kernen: gemeente.kernen },
  );
  return flags.map((flag) => {
    // Contact data can never be kept: an override stored for it earlier no longer counts.
    const stored = flag.blocking ? undefined : overrides.find((o) => o.key === flag.key);
    return {
      ...flag,
      place: flagPlace(flag.field),
      // Only a kept flag a second staff member approved counts (decision 021).
      override: stored?.approvedBy ? stored : null,
      /** Asked to keep, waiting for the second look. */
      pending: stored && !stored.approvedBy ? stored : null,
    };
  });
}
export type CheckedFlag = IdentifiabilityFlag & {
  place: string;
  override: ProfileOverride | null;
  pending: ProfileOverride | null;
};

async function loadGemeente(db: DbOrTx, slug: string): Promise<Gemeente> {
  const found = await createGemeentenRepository({ db }).find(slug);
  if (!found) throw profileError('profile.not_found');
  return { slug: found.slug, name: found.name, kernen: found.kernen };
}

/** The family's sign-up of a profile (the profile goes when the sign-up is deleted, so it exists). */
async function familyOf(db: DbOrTx, profile: ProfileRow, { lock = false } = {}): Promise<RegistrationRow> {
  const registration = await createRegistrationsRepository({ db }).getById(profile.registrationId, { lock });
  if (!registration) throw profileError('profile.not_found');
  return registration;
}

async function loadProfileForStaff(db: DbOrTx, ctx: StaffContext, id: string, action: StaffAction, lock = false) {
  const row = await createProfilesRepository({ db }).getById(id, { lock });
  if (!row) throw profileError('profile.not_found');
  // Out of reach is the same 404 as unknown: its existence is not revealed.
  try {
    requireStaff(ctx, { action, gemeente: row.gemeenteSlug });
  } catch (error) {
    if ((error as { code?: string }).code === 'access.not_found') throw profileError('profile.not_found');
    throw error;
  }
  return row;
}

// --- writing ----------------------------------------------------------------------------------

/** What the "new profile" form needs: the family's sign-up and suggested starting values. */
export async function newProfileForm(
  deps: Pick<ProfileDeps, 'db' | 'clock'>,
  ctx: StaffContext,
  registrationId: string,
) {
  const registration = await createRegistrationsRepository(deps).getForStaff(ctx, registrationId, 'record.write');
  if (registration.kind !== 'vraaggezin') throw profileError('profile.not_a_family');
  // The page shows the family's village and checks the text against their names: a view of the record.
  await recordAudit(
    deps.db,
    auditActor(ctx),
    {
      action: 'registration.view',
      recordType: 'registration',
      recordId: registration.id,
      gemeenteSlug: registration.gemeenteSlug,
      detail: { page: 'new-profile' },
    },
    deps.clock(),
  );
  const gemeente = await loadGemeente(deps.db, registration.gemeenteSlug);
  const details = registration.details as Extract<RegistrationDetails, { kind: 'vraaggezin' }>;
  const year = new Date().getFullYear();
  const values: ProfileFormValues = {
    kern: registration.kern ?? '',
    supportKinds: details.supportWishes.filter((w) => w !== 'weet-niet'),
    frequency: 'wekelijks',
    sleepovers: details.supportWishes.includes('logeren') ? 'ja' : 'nee',
  };
  // Ages as ranges of two years: exact ages in a small village point to one family.
  details.children.slice(0, 4).forEach((c, i) => {
    const age = 'age' in c ? c.age : year - c.birthYear;
    values[`childAge${i + 1}`] = `${Math.max(0, age - 1)}-${age + 1}`;
  });
  const existing = await createProfilesRepository(deps).listForRegistration(registration.id);
  return { registration, gemeente, values, existing, familyNames: namesFromRegistration(registration) };
}

export type SaveResult = { ok: true; id: string } | { ok: false; errors: ProfileFieldErrors };

export async function createProfile(
  deps: ProfileDeps,
  ctx: StaffContext,
  registrationId: string,
  values: ProfileFormValues,
): Promise<SaveResult> {
  const parsed = parseProfileForm(values);
  if (!parsed.ok) return parsed;
  const id = await deps.db.transaction(async (tx) => {
    const registration = await createRegistrationsRepository({ db: tx }).getForStaff(
      ctx,
      registrationId,
      'record.write',
    );
    if (registration.kind !== 'vraaggezin') throw profileError('profile.not_a_family');
    const now = deps.clock();
    const row = await createProfilesRepository({ db: tx }).insert({
      ...parsed.value,
      registrationId: registration.id,
      gemeenteSlug: registration.gemeenteSlug,
      createdByStaffId: ctx.staff.id,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(
      tx,
      auditActor(ctx),
      {
        action: 'profile.create',
        recordType: 'profile',
        recordId: row.id,
        gemeenteSlug: registration.gemeenteSlug,
        detail: { registrationId: registration.id },
      },
      now,
    );
    return row.id;
  });
  return { ok: true, id };
}

/**
 * Saves the text. A published profile stays published, but only if the new text passes the
 * check (or its flags were overridden before); otherwise the save is refused with the flags.
 */
export async function updateProfile(
  deps: ProfileDeps,
  ctx: StaffContext,
  id: string,
  values: ProfileFormValues,
): Promise<SaveResult> {
  const parsed = parseProfileForm(values);
  if (!parsed.ok) return parsed;
  await deps.db.transaction(async (tx) => {
    const row = await loadProfileForStaff(tx, ctx, id, 'record.write', true);
    if (row.status === 'review') throw profileError('profile.in_review');
    if (!canStart('edit', row.status)) throw profileError('profile.not_editable');
    if (row.status === 'published') {
      const open = flagsFor(
        parsed.value,
        await familyOf(tx, row),
        await loadGemeente(tx, row.gemeenteSlug),
        row.overrides,
      ).filter((f) => !f.override);
      if (open.length > 0) throw profileError('profile.unresolved_flags', { flags: open.map((f) => f.key) });
    }
    const now = deps.clock();
    await createProfilesRepository({ db: tx }).update(id, { ...parsed.value, updatedAt: now });
    await recordAudit(
      tx,
      auditActor(ctx),
      { action: 'profile.update', recordType: 'profile', recordId: id, gemeenteSlug: row.gemeenteSlug },
      now,
    );
  });
  deps.cache.invalidate();
  return { ok: true, id };
}

/** Everything the coordinator's profile page shows, with the actions allowed now. Logged as a view. */
export async function getProfileForStaff(
  deps: Pick<ProfileDeps, 'db' | 'clock'>,
  ctx: StaffContext,
  id: string,
  action: StaffAction = 'record.read',
) {
  const row = await loadProfileForStaff(deps.db, ctx, id, action);
  const [gemeente, registration, responses] = await Promise.all([
    loadGemeente(deps.db, row.gemeenteSlug),
    familyOf(deps.db, row),
    createRegistrationsRepository(deps).listResponsesTo(row.id, RESPONSES_SHOWN),
  ]);
  const input = inputOf(row);
  const flags = flagsFor(input, registration, gemeente, row.overrides);
  await recordAudit(
    deps.db,
    auditActor(ctx),
    { action: 'profile.view', recordType: 'profile', recordId: row.id, gemeenteSlug: row.gemeenteSlug },
    deps.clock(),
  );
  return {
    profile: row,
    view: toView(row, gemeente.name),
    values: profileFormValues(input),
    gemeente,
    registration,
    /** The names the identifiability check looks for in the text. */
    familyNames: namesFromRegistration(registration),
    flags,
    /** Flags that block publishing (fixed in the text, or kept with a reason, before it can go online). */
    openFlags: flags.filter((flag) => !flag.override),
    /** Flags kept with a reason and approved by a second staff member (decision 021). */
    keptFlags: flags.filter((flag) => flag.override),
    /** Flags asked to keep, waiting for the second look. */
    pendingFlags: flags.filter((flag) => flag.pending),
    responses,
    allowedActions: allowedActions(
      row.status,
      can(ctx, 'record.write', row.gemeenteSlug),
      // A second look comes from someone else than the one who asked (decision 021).
      can(ctx, 'profile.approve', row.gemeenteSlug) &&
        !row.overrides.some((o) => !o.approvedBy && o.staffId === ctx.staff.id),
    ),
    /** Who asked for the second look, by name (empty outside review). */
    reviewRequestedBy:
      row.status === 'review'
        ? [
            ...(
              await createStaffRepository(deps).namesByIds(
                row.overrides.filter((o) => !o.approvedBy).map((o) => o.staffId),
              )
            ).values(),
          ]
        : [],
    today: deps.clock().toISOString().slice(0, 10),
    postingsToRemove: postingsToRemove(row),
  };
}

/** Posts still online after a match or withdrawal: the coordinator should take them down. */
function postingsToRemove(row: Pick<ProfileRow, 'status' | 'postings'>): ProfilePosting[] {
  return row.status === 'matched' || row.status === 'withdrawn' ? row.postings.filter((p) => !p.removedOn) : [];
}

/**
 * Publishes a draft. Contact data (blocking flags) must be gone from the text. Every other flag is
 * fixed in the text or kept with a reason (at least 10 characters); kept flags need a second staff
 * member (decision 021): the profile then waits in `review` ("wacht op tweede blik") and is
 * published by approveProfile. Returns the open flags instead when some remain.
 * When the family's pipeline is at the step before ("Kennismaking 2"), it moves on to "Profiel
 * geplaatst" in the same transaction as the publication (the inbox owns that step and its
 * history): both commit or neither does.
 */
export async function publishProfile(
  deps: ProfileDeps,
  ctx: StaffContext,
  id: string,
  reasons: Record<string, string>,
): Promise<
  | { ok: true; status: 'published' | 'review' }
  | { ok: false; openFlags: CheckedFlag[]; reasonErrors: Record<string, string> }
> {
  const result = await deps.db.transaction(async (tx) => {
    const row = await loadProfileForStaff(tx, ctx, id, 'record.write', true);
    if (!canStart('publish', row.status)) throw profileError('profile.invalid_transition', { from: row.status });
    const registration = await familyOf(tx, row, { lock: true });
    const gemeente = await loadGemeente(tx, row.gemeenteSlug);
    const flags = flagsFor(inputOf(row), registration, gemeente, row.overrides);
    const now = deps.clock();
    // Approved overrides of earlier rounds stay; requests of an earlier round are asked again.
    const overrides = row.overrides.filter((o) => o.approvedBy);
    const open: CheckedFlag[] = [];
    const reasonErrors: Record<string, string> = {};
    const requested: { flag: CheckedFlag; reason: string }[] = [];
    for (const flag of flags) {
      if (flag.override) continue;
      const reason = (reasons[flag.key] ?? '').trim().slice(0, PROFILE_LIMITS.overrideReasonMax);
      if (flag.blocking) open.push(flag);
      else if (reason.length >= PROFILE_LIMITS.overrideReasonMin) {
        overrides.push({ key: flag.key, reason, staffId: ctx.staff.id, at: now.toISOString(), approvedBy: null });
        requested.push({ flag, reason });
      } else {
        open.push(flag);
        if (reason.length > 0)
          reasonErrors[flag.key] =
            `Schrijf minstens ${PROFILE_LIMITS.overrideReasonMin} tekens: waarom kan dit geen kwaad?`;
      }
    }
    if (open.length > 0) return { ok: false as const, openFlags: open, reasonErrors };
    const profilesRepository = createProfilesRepository({ db: tx });
    if (requested.length > 0) {
      await profilesRepository.update(row.id, { status: 'review', overrides, updatedAt: now });
      await recordAudit(
        tx,
        auditActor(ctx),
        {
          action: 'profile.review_request',
          recordType: 'profile',
          recordId: row.id,
          gemeenteSlug: row.gemeenteSlug,
          detail: {
            flags: requested.map(({ flag, reason }) => ({
              kind: flag.kind,
              field: flag.field,
              match: flag.match,
              reason,
            })),
          },
        },
        now,
      );
      return { ok: true as const, status: 'review' as const };
    }
    await publishNow(tx, deps, ctx, row, registration, overrides, now, []);
    return { ok: true as const, status: 'published' as const };
  });
  if (result.ok) deps.cache.invalidate();
  return result;
}

/** Puts a profile online, writes the audit entries and moves the family's pipeline on (same transaction). */
async function publishNow(
  tx: DbOrTx,
  deps: ProfileDeps,
  ctx: StaffContext,
  row: ProfileRow,
  registration: RegistrationRow,
  overrides: ProfileOverride[],
  now: Date,
  approved: { flag: CheckedFlag; override: ProfileOverride; proposedBy: string }[],
) {
  for (const { flag, override, proposedBy } of approved) {
    await recordAudit(
      tx,
      auditActor(ctx),
      {
        action: 'profile.flag_override',
        recordType: 'profile',
        recordId: row.id,
        gemeenteSlug: row.gemeenteSlug,
        // Both people by name (decision 021): who asked to keep it, who approved it.
        detail: {
          kind: flag.kind,
          field: flag.field,
          match: flag.match,
          reason: override.reason,
          proposedBy,
          approvedBy: ctx.staff.displayName,
        },
      },
      now,
    );
  }
  await createProfilesRepository({ db: tx }).update(row.id, {
    status: 'published',
    publishedAt: now,
    overrides,
    updatedAt: now,
  });
  await recordProfilePublishedFact(tx, { gemeenteSlug: row.gemeenteSlug, kern: registration.kern, at: now });
  await recordAudit(
    tx,
    auditActor(ctx),
    {
      action: 'profile.publish',
      recordType: 'profile',
      recordId: row.id,
      gemeenteSlug: row.gemeenteSlug,
      detail: approved.length ? { overrides: approved.length, approvedBy: ctx.staff.displayName } : { overrides: 0 },
    },
    now,
  );
  // The family's step is the coordinator's to change; a regional second look leaves it as it is.
  if (registration.status === 'intake_2' && can(ctx, 'record.write', row.gemeenteSlug)) {
    await changeStatus({ db: tx, clock: deps.clock }, ctx, registration.id, {
      from: 'intake_2',
      to: 'profile_published',
    });
  }
}

/**
 * The second look (decision 021): another coordinator of the gemeente, the regional coordinator
 * or backoffice approves the kept flags of a profile in review, and it goes online. The one who
 * asked cannot approve her own request. The text is checked again: a new flag or contact data
 * sends nothing online.
 */
export async function approveProfile(deps: ProfileDeps, ctx: StaffContext, id: string) {
  await deps.db.transaction(async (tx) => {
    const row = await loadProfileForStaff(tx, ctx, id, 'profile.approve', true);
    if (!canStart('approve', row.status)) throw profileError('profile.invalid_transition', { from: row.status });
    const requests = row.overrides.filter((o) => !o.approvedBy);
    if (requests.some((o) => o.staffId === ctx.staff.id)) throw profileError('profile.own_review');
    const registration = await familyOf(tx, row, { lock: true });
    const flags = flagsFor(inputOf(row), registration, await loadGemeente(tx, row.gemeenteSlug), row.overrides);
    const unresolved = flags.filter((f) => !f.override && !f.pending);
    if (unresolved.length > 0) throw profileError('profile.unresolved_flags', { flags: unresolved.map((f) => f.key) });
    const now = deps.clock();
    const names = await createStaffRepository({ db: tx }).namesByIds(requests.map((o) => o.staffId));
    const overrides = row.overrides.map((o) =>
      o.approvedBy ? o : { ...o, approvedBy: ctx.staff.id, approvedAt: now.toISOString() },
    );
    const approved = flags
      .filter((f) => f.pending)
      .map((flag) => ({
        flag,
        override: flag.pending!,
        proposedBy: names.get(flag.pending!.staffId) ?? 'oud account',
      }));
    await publishNow(tx, deps, ctx, row, registration, overrides, now, approved);
  });
  deps.cache.invalidate();
}

/** Back to draft without approving (by a colleague, or by the one who asked, to change the text). */
export async function sendBackProfile(deps: ProfileDeps, ctx: StaffContext, id: string) {
  await deps.db.transaction(async (tx) => {
    const row = await loadProfileForStaff(tx, ctx, id, 'record.read', true);
    if (!can(ctx, 'record.write', row.gemeenteSlug) && !can(ctx, 'profile.approve', row.gemeenteSlug))
      throw profileError('profile.not_found');
    if (!canStart('sendBack', row.status)) throw profileError('profile.invalid_transition', { from: row.status });
    const now = deps.clock();
    await createProfilesRepository({ db: tx }).update(row.id, {
      status: 'draft',
      overrides: row.overrides.filter((o) => o.approvedBy),
      updatedAt: now,
    });
    await recordAudit(
      tx,
      auditActor(ctx),
      { action: 'profile.review_send_back', recordType: 'profile', recordId: row.id, gemeenteSlug: row.gemeenteSlug },
      now,
    );
  });
}

async function transition(
  deps: ProfileDeps,
  ctx: StaffContext,
  id: string,
  action: Extract<ProfileAction, 'match' | 'withdraw' | 'unpublish'>,
  auditAction: string,
) {
  const to: ProfileRow['status'] = action === 'match' ? 'matched' : action === 'withdraw' ? 'withdrawn' : 'draft';
  await deps.db.transaction(async (tx) => {
    const row = await loadProfileForStaff(tx, ctx, id, 'record.write', true);
    if (!canStart(action, row.status)) throw profileError('profile.invalid_transition', { from: row.status, to });
    const now = deps.clock();
    const set =
      to === 'matched'
        ? { status: to, matchedAt: now }
        : to === 'withdrawn'
          ? { status: to, withdrawnAt: now }
          : { status: to, publishedAt: null };
    await createProfilesRepository({ db: tx }).update(id, { ...set, updatedAt: now });
    await recordAudit(
      tx,
      auditActor(ctx),
      { action: auditAction, recordType: 'profile', recordId: id, gemeenteSlug: row.gemeenteSlug },
      now,
    );
  });
  deps.cache.invalidate();
}

/** The family found a steungezin: the oproep leaves the site at once (decision 022); its old address says it was found. */
export const markProfileMatched = (deps: ProfileDeps, ctx: StaffContext, id: string) =>
  transition(deps, ctx, id, 'match', 'profile.match');
/** Taken off the site (the family stopped, or the text needs a rethink). */
export const withdrawProfile = (deps: ProfileDeps, ctx: StaffContext, id: string) =>
  transition(deps, ctx, id, 'withdraw', 'profile.withdraw');
/** Back to draft to rewrite it off-line (the public page disappears at once). */
export const unpublishProfile = (deps: ProfileDeps, ctx: StaffContext, id: string) =>
  transition(deps, ctx, id, 'unpublish', 'profile.unpublish');

/** Records where the coordinator posted the profile (for the take-down reminder after a match). */
export async function addPosting(
  deps: ProfileDeps,
  ctx: StaffContext,
  id: string,
  input: { channel: string; postedOn: string; note?: string },
) {
  const channel = POSTING_CHANNELS.find((c) => c === input.channel);
  const postedOn =
    /^\d{4}-\d{2}-\d{2}$/.test(input.postedOn) && !Number.isNaN(Date.parse(input.postedOn)) ? input.postedOn : null;
  const today = deps.clock().toISOString().slice(0, 10);
  if (!channel || !postedOn || postedOn > today) throw profileError('profile.invalid_posting');
  if (input.note && findBsn(input.note).length > 0) throw profileError('profile.bsn');
  await deps.db.transaction(async (tx) => {
    const row = await loadProfileForStaff(tx, ctx, id, 'record.write', true);
    const posting: ProfilePosting = {
      id: randomUUID(),
      channel,
      postedOn,
      note: input.note?.trim().slice(0, PROFILE_LIMITS.postingNote) || null,
      removedOn: null,
    };
    const now = deps.clock();
    await createProfilesRepository({ db: tx }).update(id, { postings: [...row.postings, posting], updatedAt: now });
    await recordAudit(
      tx,
      auditActor(ctx),
      {
        action: 'profile.posting_add',
        recordType: 'profile',
        recordId: id,
        gemeenteSlug: row.gemeenteSlug,
        detail: { channel, postedOn },
      },
      now,
    );
  });
}

export async function markPostingRemoved(deps: ProfileDeps, ctx: StaffContext, id: string, postingId: string) {
  await deps.db.transaction(async (tx) => {
    const row = await loadProfileForStaff(tx, ctx, id, 'record.write', true);
    const now = deps.clock();
    const today = now.toISOString().slice(0, 10);
    if (!row.postings.some((p) => p.id === postingId)) throw profileError('profile.invalid_posting');
    const postings = row.postings.map((p) => (p.id === postingId && !p.removedOn ? { ...p, removedOn: today } : p));
    await createProfilesRepository({ db: tx }).update(id, { postings, updatedAt: now });
    await recordAudit(
      tx,
      auditActor(ctx),
      {
        action: 'profile.posting_removed',
        recordType: 'profile',
        recordId: id,
        gemeenteSlug: row.gemeenteSlug,
      },
      now,
    );
  });
}

/** The coordinator's list: profiles in her gemeenten with response counts and open take-downs. */
export async function listProfilesForStaff(
  deps: Pick<ProfileDeps, 'db'>,
  ctx: StaffContext,
  filter: { status?: string } = {},
) {
  requireStaff(ctx, { action: 'record.read' });
  const scope = gemeenteScope(ctx);
  if (scope && scope.length === 0) return [];
  const status = profileStatuses.find((known) => known === filter.status);
  const rows = await createProfilesRepository(deps).listForStaff({ gemeenten: scope, status });
  const [gemeenteNames, responses] = await Promise.all([
    createGemeentenRepository(deps).namesBySlug(rows.map((row) => row.gemeenteSlug)),
    createRegistrationsRepository(deps).countResponses(rows.map((row) => row.id)),
  ]);
  return rows.map((row) => ({
    ...row,
    gemeenteName: gemeenteNames.get(row.gemeenteSlug) ?? row.gemeenteSlug,
    responses: responses.get(row.id) ?? 0,
    postingsToRemove: postingsToRemove(row).length,
  }));
}

// --- public -----------------------------------------------------------------------------------

export type PublicFilter = { gemeente?: string; kern?: string; ageGroup?: string; support?: string };

async function loadPublic(deps: ProfileDeps, gemeente: string | undefined): Promise<ProfileView[]> {
  const gemeenten = createGemeentenRepository(deps);
  // Where Buurtgezinnen has stopped, its profiles are not public any more.
  const excludedGemeenten = await gemeenten.endedSlugs();
  const rows = await createProfilesRepository(deps).listPublic({ gemeente, excludedGemeenten });
  const names = await gemeenten.namesBySlug(rows.map((row) => row.gemeenteSlug));
  return rows.map((row) => toView(row, names.get(row.gemeenteSlug) ?? row.gemeenteSlug));
}

export function etagOf(value: unknown): string {
  return `W/"${createHash('sha1').update(JSON.stringify(value)).digest('base64url').slice(0, 20)}"`;
}

/** The public list with its filters; also the options the filter form offers. */
export async function listPublicProfiles(deps: ProfileDeps, filter: PublicFilter) {
  const all = await deps.cache.get(`list:${filter.gemeente ?? '*'}`, () => loadPublic(deps, filter.gemeente));
  const profilesShown = all.filter(
    (p) =>
      (!filter.kern || p.kern.toLocaleLowerCase('nl') === filter.kern.toLocaleLowerCase('nl')) &&
      (!filter.ageGroup || p.children.some((c) => ageGroupsOf(c).includes(filter.ageGroup!))) &&
      (!filter.support || p.supportKinds.includes(filter.support)),
  );
  const gemeenten = [...new Map(all.map((p) => [p.gemeenteSlug, p.gemeenteName])).entries()]
    .map(([slug, name]) => ({ slug, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const kernen = [
    ...new Set(all.filter((p) => !filter.gemeente || p.gemeenteSlug === filter.gemeente).map((p) => p.kern)),
  ].sort((a, b) => a.localeCompare(b, 'nl'));
  return { profiles: profilesShown, gemeenten, kernen, total: all.length, etag: etagOf([filter, profilesShown]) };
}

/** The newest open profiles of a gemeente, for its home page. */
export async function latestPublicProfiles(deps: ProfileDeps, gemeente: string, limit = 3): Promise<ProfileView[]> {
  const all = await deps.cache.get(`list:${gemeente}`, () => loadPublic(deps, gemeente));
  return all.filter((p) => p.status === 'published').slice(0, limit);
}

/**
 * One public profile: the view; `found` for a profile whose family found a steungezin (its old
 * address, shared on Facebook, says so without the text); `gone` for one that was public once but
 * is not any more (withdrawn, back to draft); null for an unknown id.
 */
export async function getPublicProfile(
  deps: ProfileDeps,
  gemeente: string,
  id: string,
): Promise<{ view: ProfileView; etag: string } | 'found' | 'gone' | null> {
  if (!UUID.test(id)) return null;
  return deps.cache.get(`one:${gemeente}:${id}`, async () => {
    const row = await createProfilesRepository(deps).findInGemeente(id, gemeente);
    if (!row) return null;
    if (row.profile.status === 'matched') return 'found';
    // Never public (a draft, or waiting for the second look): unknown to the public.
    const neverPublic = !row.profile.publishedAt && (row.profile.status === 'draft' || row.profile.status === 'review');
    if (!row.isPublic) return neverPublic ? null : 'gone';
    const gemeenteName = (await createGemeentenRepository(deps).find(gemeente))?.name ?? gemeente;
    const view = toView(row.profile, gemeenteName);
    return { view, etag: etagOf(view) };
  });
}

/** Published profiles of one gemeente for its feed (newest first). */
export async function feedProfiles(deps: ProfileDeps, gemeente: string): Promise<ProfileView[]> {
  const all = await deps.cache.get(`list:${gemeente}`, () => loadPublic(deps, gemeente));
  return all.filter((p) => p.status === 'published').slice(0, 50);
}

/** What the profile page shows (getProfileForStaff), for its components. */
export type ProfilePage = Awaited<ReturnType<typeof getProfileForStaff>>;
