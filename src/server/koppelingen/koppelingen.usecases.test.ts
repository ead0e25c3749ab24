import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffContext } from '~/server/access/permissions';
import { createAuditRepository } from '~/server/audit/audit.repository';
import type { Database } from '~/server/db/db';
import { isAppError } from '~/server/errors/errors';
import { createInboxRepository } from '~/server/inbox/inbox.repository';
import { createProfilesRepository } from '~/server/profiles/profiles.repository';
import { createRegistrationsRepository, type RegistrationRow } from '~/server/registrations/registrations.repository';
import { saveAvailability } from '~/server/screening/screening.usecases';
import { createTestDatabase } from '~tests/support/database';
import {
  createKoppeling,
  createProfile,
  createRegistration,
  createStaff,
  createSteungezin,
  queuedEmails,
} from '~tests/support/factories';
import { childEffects, parentEffects } from './koppelingen.labels';
import { koppelingHistory } from './koppelingen.table';
import {
  cancelProposal,
  closeKoppeling,
  confirmByLink,
  getConfirmation,
  getKoppeling,
  getShortlist,
  listKoppelingen,
  overdueVraaggezinIds,
  proposeSteungezin,
  recordEvaluation,
  recordMeeting,
  recordPaperSignature,
  startKoppeling,
} from './koppelingen.usecases';

let db: Database;
let now = new Date('2026-11-23T10:00:00Z');
const deps = () => ({ db, clock: () => now });
let coordinator: StaffContext;
let regional: StaffContext;
let elsewhere: StaffContext;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  coordinator = (await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] })).context;
  regional = (await createStaff(db, { role: 'regional', regions: ['Zuid-Limburg', 'Noord-Holland'] })).context;
  elsewhere = (await createStaff(db, { role: 'coordinator', gemeenten: ['haarlem'] })).context;
});

async function expectError(promise: Promise<unknown>, code: string) {
  const error = await promise.catch((e: unknown) => e);
  expect(isAppError(error, code), String(error)).toBe(true);
  return error as { userMessage: string; details?: Record<string, unknown> };
}

const statusOf = async (id: string) => (await createRegistrationsRepository({ db }).getById(id))!.status;

async function publishedProfile(registration: RegistrationRow) {
  return createProfile(db, {
    registration,
    status: 'published',
    now,
    kern: 'Oirsbeek',
    children: [{ minAge: 6, maxAge: 8, gender: null }],
    postings: [{ id: 'p1', channel: 'facebook', postedOn: '2026-10-01', note: null, removedOn: null }],
  });
}

/** The start form as a coordinator fills it in; both families sign on paper unless told otherwise. */
const startForm = (startDate: string, over: Record<string, string | string[]> = {}) => ({
  startDate,
  what: 'Woensdagmiddag spelen en eten bij het steungezin',
  frequency: 'wekelijks',
  days: ['wo'],
  sleepovers: 'later',
  houseRules: 'We spreken samen af wanneer de kinderen komen.\nMaken we ons zorgen, dan bellen we de coördinator.',
  youthCareKinds: ['wijkteam'],
  youthCareIntensity: 'monthly',
  signVraaggezin: 'paper',
  signSteungezin: 'paper',
  paperSignedOn: startDate,
  ...over,
});

const closureForm = (over: Record<string, string> = {}) => ({
  closedOn: '2026-11-23',
  reason: 'goal_reached',
  continueTogether: 'yes',
  ...Object.fromEntries([...childEffects, ...parentEffects].map((e) => [`effect_${e.value}`, 'yes'])),
  youthCareFinal: 'reduced',
  wantsAnother: 'yes',
  sat_vraaggezin_match_quality: '9',
  ...over,
});

describe('the shortlist', () => {
  it('ranks approved, available steungezinnen of the gemeente with a reason per criterion', async () => {
    const family = await createRegistration(db, 'vraaggezin', {
      gemeenteSlug: 'beekdaelen',
      kern: 'Oirsbeek',
      status: 'profile_published',
    });
    const profile = await publishedProfile(family);
    const near = await createSteungezin(db, {
      now,
      gemeenteSlug: 'beekdaelen',
      kern: 'Oirsbeek',
      profileId: profile.id,
    });
    const far = await createSteungezin(db, { now, gemeenteSlug: 'beekdaelen', kern: 'Schimmert', days: ['ma'] });
    const paused = await createSteungezin(db, { now, gemeenteSlug: 'beekdaelen', kern: 'Oirsbeek' });
    await saveAvailability(deps(), coordinator, paused.id, {
      days: ['wo'],
      frequency: 'wekelijks',
      sleepovers: 'ja',
      ageGroups: ['4-12'],
      capacity: '1',
      unavailableUntil: '2027-03-01',
    });
    const otherGemeente = await createSteungezin(db, { now, gemeenteSlug: 'heerenveen', kern: 'Akkrum' });

    const list = await getShortlist(deps(), coordinator, family.id);
    const ids = list.candidates.map((c) => c.candidate.registrationId);
    expect(ids.slice(0, 2)).toEqual([near.id, far.id]);
    expect(ids).not.toContain(paused.id);
    expect(ids).not.toContain(otherGemeente.id);
    const reasons = list.candidates[0]!.criteria.map((c) => c.text);
    expect(reasons).toContain('Woont in dezelfde kern (Oirsbeek)');
    expect(reasons).toContain('Reageerde op het profiel van dit gezin');
    expect(reasons).toContain('Kan op woensdag');
    expect(list.candidates[1]!.criteria.find((c) => c.criterion === 'distance')!.text).toMatch(
      /km tussen Oirsbeek en Schimmert/,
    );
    const audit = await createAuditRepository({ db }).list({ recordId: family.id, limit: 10 });
    expect(audit.map((a) => a.action)).toContain('koppeling.shortlist_view');
  });

  it('shows a regional coordinator the steungezinnen of neighbouring gemeenten too, not a coordinator', async () => {
    const family = await createRegistration(db, 'vraaggezin', { gemeenteSlug: 'haarlem', kern: 'Schalkwijk' });
    const neighbour = await createSteungezin(db, { now, gemeenteSlug: 'uithoorn', kern: 'De Kwakel' });
    const regionalList = await getShortlist(deps(), regional, family.id);
    const entry = regionalList.candidates.find((c) => c.candidate.registrationId === neighbour.id);
    expect(entry?.ownGemeente).toBe(false);
    expect(entry?.gemeenteName).toBe('Uithoorn');
    const coordinatorList = await getShortlist(deps(), elsewhere, family.id);
    expect(coordinatorList.candidates.map((c) => c.candidate.registrationId)).not.toContain(neighbour.id);
  });

  it('is a 404 for a family in another gemeente', async () => {
    const family = await createRegistration(db, 'vraaggezin', { gemeenteSlug: 'beekdaelen' });
    await expectError(getShortlist(deps(), elsewhere, family.id), 'access.not_found');
  });
});

describe('from proposal to afronding', () => {
  it('walks the whole way; the inbox statuses and the public profile follow, each step in the history', async () => {
    const family = await createRegistration(db, 'vraaggezin', {
      gemeenteSlug: 'beekdaelen',
      kern: 'Nuth',
      status: 'profile_published',
    });
    const profile = await publishedProfile(family);
    const steungezin = await createSteungezin(db, { now, gemeenteSlug: 'beekdaelen', kern: 'Nuth' });

    const id = await proposeSteungezin(deps(), coordinator, family.id, {
      steungezinId: steungezin.id,
      proposedOn: '2026-11-20',
    });
    expect([await statusOf(family.id), await statusOf(steungezin.id)]).toEqual(['proposed', 'proposed']);

    await recordMeeting(deps(), coordinator, id, { meetingOn: '2026-11-21', outcome: 'yes', note: 'Klikte meteen' });
    expect((await getKoppeling(deps(), coordinator, id)).koppeling.phase).toBe('agreed');

    await startKoppeling(
      deps(),
      coordinator,
      id,
      startForm('2026-11-22', { signVraaggezin: 'email', signSteungezin: 'paper' }),
    );
    let view = await getKoppeling(deps(), coordinator, id);
    expect(view.koppeling.phase).toBe('active');
    expect(view.koppeling.nextDueOn).toBe('2027-01-22');
    expect(view.koppeling.nextDueKind).toBe('evaluation');
    expect(view.koppeling.youthCareBaseline).toEqual({ kinds: ['wijkteam'], intensity: 'monthly', note: null });
    expect(view.signatures.map((s) => [s.party, s.method, !!s.signedAt])).toEqual([
      ['vraaggezin', 'email', false],
      ['steungezin', 'paper', true],
    ]);
    expect([await statusOf(family.id), await statusOf(steungezin.id)]).toEqual(['matched', 'matched']);
    const matchedProfile = await createProfilesRepository({ db }).getById(profile.id);
    expect(matchedProfile!.status).toBe('matched');
    expect(view.postingsToRemove).toEqual([{ profileId: profile.id, channel: 'facebook' }]);

    // The family's mail holds a personal link and nothing else of the koppeling.
    const mail = (await queuedEmails(db)).find(
      (m) => m.template === 'koppeling-confirmation' && m.to === family.contactEmail,
    )!;
    const token = String(mail.data.path).split('/').pop()!;
    expect(JSON.stringify(mail.raw)).not.toContain('Woensdagmiddag');
    const page = await getConfirmation(deps(), token);
    expect(page?.houseRules).toHaveLength(2);
    expect(page?.agreements?.what).toBe('Woensdagmiddag spelen en eten bij het steungezin');
    await confirmByLink(deps(), token, '198.51.100.7');
    await expectError(confirmByLink(deps(), token, '198.51.100.7'), 'koppeling.link_invalid');
    expect(await getConfirmation(deps(), token)).toBeNull();
    view = await getKoppeling(deps(), coordinator, id);
    expect(view.koppeling.signedAt).toEqual(now);

    // The trial evaluation, then afronding; the history has every step.
    await recordEvaluation(deps(), coordinator, id, {
      heldOn: '2026-11-23',
      attendees: ['vraaggezin', 'steungezin', 'coordinator'],
      childrenScore: '4',
      parentsScore: '5',
      steungezinScore: '4',
      decision: 'continue',
    });
    expect((await getKoppeling(deps(), coordinator, id)).koppeling.nextDueOn).toBe('2027-05-23');

    const incomplete = await expectError(
      closeKoppeling(deps(), coordinator, id, closureForm({ reason: '', effect_school_results: '' })),
      'koppeling.closure_incomplete',
    );
    expect(Object.keys(incomplete.details?.fields as object)).toEqual(['reason', 'effect_school_results']);
    await closeKoppeling(deps(), coordinator, id, closureForm());
    view = await getKoppeling(deps(), coordinator, id);
    expect(view.koppeling.phase).toBe('closed');
    expect(view.koppeling.nextDueOn).toBeNull();
    expect(view.closure?.effects.carefree).toBe('yes');
    expect(view.closure?.satisfaction).toEqual({ vraaggezin: { match_quality: 9 } });
    expect([await statusOf(family.id), await statusOf(steungezin.id)]).toEqual(['closed', 'approved']);
    const history = await db
      .select({ change: koppelingHistory.change })
      .from(koppelingHistory)
      .where(eq(koppelingHistory.koppelingId, id))
      .orderBy(koppelingHistory.at);
    expect(history.map((h) => h.change)).toEqual(['proposed', 'meeting', 'started', 'signed', 'evaluation', 'closed']);
    const audits = await createAuditRepository({ db }).list({ recordId: id, limit: 50 });
    expect(audits.map((a) => a.action)).toContain('koppeling.closed');
    // The inbox history of the family names the koppeling.
    const familyHistory = (await createInboxRepository({ db }).listHistory(family.id)).filter(
      (h) => h.toValue === 'matched',
    );
    expect(familyHistory[0]?.detail).toEqual({ koppeling: id });
  });

  it('allows no second open koppeling for a family, also when two proposals arrive at once', async () => {
    const family = await createRegistration(db, 'vraaggezin', { gemeenteSlug: 'beekdaelen' });
    const a = await createSteungezin(db, { now, gemeenteSlug: 'beekdaelen' });
    const b = await createSteungezin(db, { now, gemeenteSlug: 'beekdaelen' });
    const results = await Promise.allSettled(
      [a, b].map((s) =>
        proposeSteungezin(deps(), coordinator, family.id, { steungezinId: s.id, proposedOn: '2026-11-23' }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(isAppError(rejected.reason, 'koppeling.family_has_open')).toBe(true);
  });

  it('a steungezin takes as many families as it said, proposals included', async () => {
    const steungezin = await createSteungezin(db, { now, gemeenteSlug: 'beekdaelen', capacity: 2 });
    const families = await Promise.all(
      [1, 2, 3].map(() => createRegistration(db, 'vraaggezin', { gemeenteSlug: 'beekdaelen' })),
    );
    await proposeSteungezin(deps(), coordinator, families[0]!.id, {
      steungezinId: steungezin.id,
      proposedOn: '2026-11-23',
    });
    await proposeSteungezin(deps(), coordinator, families[1]!.id, {
      steungezinId: steungezin.id,
      proposedOn: '2026-11-23',
    });
    await expectError(
      proposeSteungezin(deps(), coordinator, families[2]!.id, {
        steungezinId: steungezin.id,
        proposedOn: '2026-11-23',
      }),
      'koppeling.steungezin_full',
    );
    const list = await getShortlist(deps(), coordinator, families[2]!.id);
    expect(list.candidates.map((c) => c.candidate.registrationId)).not.toContain(steungezin.id);
    expect(list.hidden.full).toBeGreaterThanOrEqual(1);
  });

  it('a kennismaking that does not click sends both back, and the shortlist puts that steungezin last', async () => {
    const family = await createRegistration(db, 'vraaggezin', { gemeenteSlug: 'beekdaelen', kern: 'Nuth' });
    const steungezin = await createSteungezin(db, { now, gemeenteSlug: 'beekdaelen', kern: 'Nuth' });
    const id = await proposeSteungezin(deps(), coordinator, family.id, {
      steungezinId: steungezin.id,
      proposedOn: '2026-11-20',
    });
    await expectError(
      recordMeeting(deps(), coordinator, id, { meetingOn: '2026-11-21', outcome: 'no' }),
      'koppeling.invalid_input',
    );
    await recordMeeting(deps(), coordinator, id, {
      meetingOn: '2026-11-21',
      outcome: 'no',
      note: 'Andere verwachtingen',
    });
    expect([await statusOf(family.id), await statusOf(steungezin.id)]).toEqual(['intake_2', 'approved']);
    const list = await getShortlist(deps(), coordinator, family.id);
    const last = list.candidates.at(-1)!;
    expect(last.candidate.registrationId).toBe(steungezin.id);
    expect(last.candidate.declinedWithFamilyOn).toBe('2026-11-21');
    // A step that does not fit the phase is refused.
    await expectError(startKoppeling(deps(), coordinator, id, startForm('2026-11-22')), 'koppeling.wrong_phase');
  });

  it('a withdrawn proposal frees the family for a new one', async () => {
    const family = await createRegistration(db, 'vraaggezin', { gemeenteSlug: 'beekdaelen' });
    const [a, b] = await Promise.all([1, 2].map(() => createSteungezin(db, { now, gemeenteSlug: 'beekdaelen' })));
    const first = await proposeSteungezin(deps(), coordinator, family.id, {
      steungezinId: a!.id,
      proposedOn: '2026-11-23',
    });
    await cancelProposal(deps(), coordinator, first, { note: 'Steungezin gaat verhuizen' });
    await proposeSteungezin(deps(), coordinator, family.id, { steungezinId: b!.id, proposedOn: '2026-11-23' });
    expect(await statusOf(a!.id)).toBe('approved');
  });
});

describe('follow-up with an injected clock', () => {
  it('flags an evaluation as overdue the day after it was due (Europe/Amsterdam), in the list and the inbox filter', async () => {
    const family = await createRegistration(db, 'vraaggezin', { gemeenteSlug: 'beekdaelen' });
    const steungezin = await createSteungezin(db, { now, gemeenteSlug: 'beekdaelen' });
    const { id } = await createKoppeling(db, { vraaggezin: family, steungezin, startDate: '2026-09-21', now });
    // Trial evaluation due 2026-11-21: overdue on the 23rd.
    expect(await overdueVraaggezinIds(db, ['beekdaelen'], '2026-11-23')).toContain(family.id);
    expect(await overdueVraaggezinIds(db, ['beekdaelen'], '2026-11-21')).not.toContain(family.id);
    expect(await overdueVraaggezinIds(db, ['haarlem'], '2026-11-23')).not.toContain(family.id);
    const overdue = await listKoppelingen(deps(), coordinator, { overdue: true });
    expect(overdue.rows.find((r) => r.id === id)?.dueState).toBe('overdue');
    expect(overdue.rows.every((r) => r.dueState === 'overdue')).toBe(true);
    // Evaluation held late: the next one is six months after it, and it is no longer overdue.
    await recordEvaluation(deps(), coordinator, id, {
      heldOn: '2026-11-23',
      attendees: ['vraaggezin', 'steungezin', 'coordinator'],
      childrenScore: '3',
      parentsScore: '3',
      steungezinScore: '4',
      decision: 'continue',
    });
    expect(await overdueVraaggezinIds(db, ['beekdaelen'], '2026-11-24')).not.toContain(family.id);
    const saved = now;
    try {
      // Just after midnight in Amsterdam on 24 May 2027 (22:30 UTC on the 23rd): overdue again.
      now = new Date('2027-05-23T22:30:00Z');
      const list = await listKoppelingen(deps(), coordinator, { overdue: true });
      expect(list.rows.map((r) => r.id)).toContain(id);
    } finally {
      now = saved;
    }
  });

  it('records a paper signature with its date, once', async () => {
    const family = await createRegistration(db, 'vraaggezin', { gemeenteSlug: 'beekdaelen', contactEmail: null });
    const steungezin = await createSteungezin(db, { now, gemeenteSlug: 'beekdaelen' });
    const id = await proposeSteungezin(deps(), coordinator, family.id, {
      steungezinId: steungezin.id,
      proposedOn: '2026-11-20',
    });
    await recordMeeting(deps(), coordinator, id, { meetingOn: '2026-11-20', outcome: 'yes' });
    // No e-mail address: the link cannot be sent, nothing is stored.
    await expectError(
      startKoppeling(deps(), coordinator, id, startForm('2026-11-21', { signVraaggezin: 'email' })),
      'koppeling.no_email',
    );
    expect((await getKoppeling(deps(), coordinator, id)).koppeling.phase).toBe('agreed');
    await startKoppeling(
      deps(),
      coordinator,
      id,
      startForm('2026-11-21', { signVraaggezin: 'later', signSteungezin: 'later', paperSignedOn: '' }),
    );
    await recordPaperSignature(deps(), coordinator, id, { party: 'vraaggezin', signedOn: '2026-11-22' });
    await expectError(
      recordPaperSignature(deps(), coordinator, id, { party: 'vraaggezin', signedOn: '2026-11-22' }),
      'koppeling.already_signed',
    );
    const view = await getKoppeling(deps(), coordinator, id);
    expect(view.signatures[0]).toMatchObject({ method: 'paper', signedOn: '2026-11-22' });
    expect(view.koppeling.signedAt).toBeNull();
  });
});

describe('access', () => {
  it('another gemeente gets a 404, a regional coordinator reads but does not change', async () => {
    const family = await createRegistration(db, 'vraaggezin', { gemeenteSlug: 'beekdaelen' });
    const steungezin = await createSteungezin(db, { now, gemeenteSlug: 'beekdaelen' });
    const id = await proposeSteungezin(deps(), coordinator, family.id, {
      steungezinId: steungezin.id,
      proposedOn: '2026-11-23',
    });
    await expectError(getKoppeling(deps(), elsewhere, id), 'access.not_found');
    await expectError(
      recordMeeting(deps(), elsewhere, id, { meetingOn: '2026-11-23', outcome: 'yes' }),
      'access.not_found',
    );
    await getKoppeling(deps(), regional, id);
    await expectError(
      recordMeeting(deps(), regional, id, { meetingOn: '2026-11-23', outcome: 'yes' }),
      'access.forbidden',
    );
    await expectError(
      proposeSteungezin(deps(), regional, family.id, { steungezinId: steungezin.id, proposedOn: '2026-11-23' }),
      'access.forbidden',
    );
    // A steungezin out of reach cannot be proposed, and the answer does not reveal it exists.
    const foreign = await createSteungezin(db, { now, gemeenteSlug: 'heerenveen' });
    const other = await createRegistration(db, 'vraaggezin', { gemeenteSlug: 'beekdaelen' });
    await expectError(
      proposeSteungezin(deps(), coordinator, other.id, { steungezinId: foreign.id, proposedOn: '2026-11-23' }),
      'koppeling.steungezin_unavailable',
    );
  });
});
