/**
 * Writing the anonymous ledger (README.md in this folder). Other domains call these functions
 * inside the transaction of their own change, so a fact exists exactly when the change committed.
 * Each function takes what the change already has and copies codes and days only: never a
 * name, a note or an id.
 */
import { amsterdamDate, daysBetween } from '~/lib/dates';
import type { RegistrationDetails, RegistrationKind } from '~/lib/registration.types';
import type { DbOrTx } from '~/server/db/db';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import { createKoppelingenRepository } from '~/server/koppelingen/koppelingen.repository';
import { createProfilesRepository } from '~/server/profiles/profiles.repository';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { createRapportageRepository } from './rapportage.repository';
import { inviteFamiliesToSurvey } from './rapportage.survey';

/** The referral source of a sign-up: the family itself, or the referrer's kind of organisation. */
function referralSource(kind: RegistrationKind, details: RegistrationDetails): string {
  if (kind !== 'verwijzing' || details.kind !== 'verwijzing') return 'self';
  const type = details.referrer.organisationType;
  return ['school', 'huisarts', 'wijkteam', 'jgz', 'kinderopvang'].includes(type) ? type : 'other';
}

/**
 * The kern as one of the gemeente's kernen (its content file), or null: the ledger keeps no free
 * text. `kernen` when the caller has just read the gemeente (a sign-up: one read less).
 */
async function knownKern(
  tx: DbOrTx,
  gemeenteSlug: string,
  kern: string | null | undefined,
  kernen?: readonly string[],
): Promise<string | null> {
  const written = kern?.trim().toLocaleLowerCase('nl');
  if (!written) return null;
  const known = kernen ?? (await createGemeentenRepository({ db: tx }).find(gemeenteSlug))?.kernen ?? [];
  return known.find((name) => name.toLocaleLowerCase('nl') === written) ?? null;
}

type SignUp = {
  gemeenteSlug: string;
  kind: RegistrationKind;
  kern: string | null;
  source: string | null;
  details: RegistrationDetails;
  profileId: string | null;
  createdAt: Date;
  /** The gemeente's kernen, when the caller has them. */
  kernenOfGemeente?: readonly string[];
};

/** A new sign-up (not a repeat within a day); a steungezin answering a profile is also a response. */
export async function recordSignUpFact(tx: DbOrTx, signUp: SignUp) {
  const repo = createRapportageRepository({ db: tx });
  const kern = await knownKern(tx, signUp.gemeenteSlug, signUp.kern, signUp.kernenOfGemeente);
  const occurredOn = amsterdamDate(signUp.createdAt);
  await repo.insertFacts([
    {
      gemeenteSlug: signUp.gemeenteSlug,
      occurredOn,
      fact: 'registration',
      kind: signUp.kind,
      source: referralSource(signUp.kind, signUp.details),
      kern,
      code: signUp.source,
    },
    ...(signUp.kind === 'steungezin' && signUp.profileId
      ? [{ gemeenteSlug: signUp.gemeenteSlug, occurredOn, fact: 'profile_response', kind: 'steungezin', kern }]
      : []),
  ]);
}

/** Statuses whose arrival is a fact: the first intake, and the side exits (with the exit as code). */
const COUNTED_STATUSES = ['intake_1', 'referred_elsewhere', 'not_suitable', 'withdrawn'];
/** Pipeline steps before the first intake: moving from these to intake_1 is an intake done. */
const BEFORE_INTAKE = ['new', 'contacted'];

/** A status change of a sign-up by the coordinator (inbox): an intake done, or a family leaving the pipeline (and why, for a referral). */
export async function recordStatusFact(
  tx: DbOrTx,
  change: {
    registration: Omit<SignUp, 'profileId' | 'createdAt'>;
    from: string;
    to: string;
    at: Date;
    /** Referred elsewhere: why, a code of REFERRAL_REASONS (inbox.pipeline.ts); never the note. */
    referralReason?: string | null;
  },
) {
  if (!COUNTED_STATUSES.includes(change.to)) return;
  if (change.to === 'intake_1' && !BEFORE_INTAKE.includes(change.from)) return;
  const { registration } = change;
  await createRapportageRepository({ db: tx }).insertFact({
    gemeenteSlug: registration.gemeenteSlug,
    occurredOn: amsterdamDate(change.at),
    fact: change.to === 'intake_1' ? 'intake' : 'exit',
    kind: registration.kind,
    source: referralSource(registration.kind, registration.details),
    kern: await knownKern(tx, registration.gemeenteSlug, registration.kern),
    code: change.to === 'intake_1' ? null : change.to,
    data:
      change.to === 'referred_elsewhere' && change.referralReason ? { referralReason: change.referralReason } : null,
  });
}

/** A recruitment profile went online. */
export async function recordProfilePublishedFact(
  tx: DbOrTx,
  profile: { gemeenteSlug: string; kern: string | null; at: Date },
) {
  await createRapportageRepository({ db: tx }).insertFact({
    gemeenteSlug: profile.gemeenteSlug,
    occurredOn: amsterdamDate(profile.at),
    fact: 'profile_published',
    kind: 'vraaggezin',
    kern: await knownKern(tx, profile.gemeenteSlug, profile.kern),
  });
}

/** The koppeling changes the report counts (see KoppelingEvent in koppelingen.usecases.ts). */
type KoppelingChange = {
  koppeling: { id: string; gemeenteSlug: string; vraaggezinId: string; steungezinId: string };
  change: string;
  toPhase: string;
  at: Date;
};

/**
 * Called by recordKoppelingEvent for every change of a koppeling: proposed, not started (the
 * kennismaking did not click, or the proposal was withdrawn), started and ended (afronding).
 * Evaluations (besides the survey they send), signatures and concerns are not report facts.
 */
export async function recordKoppelingFact(tx: DbOrTx, event: KoppelingChange) {
  // Both families get the satisfaction survey after an evaluation and at the afronding.
  if (event.change === 'evaluation' || event.change === 'closed')
    await inviteFamiliesToSurvey(tx, event.koppeling, event.change === 'closed' ? 'closure' : 'evaluation', event.at);
  const counted =
    event.change === 'proposed' ||
    event.change === 'started' ||
    event.change === 'closed' ||
    (event.change === 'meeting' && event.toPhase === 'declined') ||
    event.change === 'cancelled';
  if (!counted) return;
  const koppelingen = createKoppelingenRepository({ db: tx });
  const koppeling = await koppelingen.find(event.koppeling.id);
  const family = await createRegistrationsRepository({ db: tx }).getById(event.koppeling.vraaggezinId);
  if (!koppeling || !family) return;
  const base = {
    gemeenteSlug: koppeling.gemeenteSlug,
    kind: 'vraaggezin',
    source: referralSource(family.kind, family.details),
    kern: await knownKern(tx, koppeling.gemeenteSlug, family.kern),
  };
  const repo = createRapportageRepository({ db: tx });
  const today = amsterdamDate(event.at);
  if (event.change === 'proposed') {
    await repo.insertFact({ ...base, occurredOn: koppeling.proposedOn, fact: 'koppeling_proposed' });
  } else if (event.change === 'started' && koppeling.startDate) {
    const firstPublished = (await createProfilesRepository({ db: tx }).listForMatching(family.id))
      .map((profile) => profile.publishedAt)
      .filter((at): at is Date => at !== null)
      .sort((a, b) => a.getTime() - b.getTime())[0];
    await repo.insertFact({
      ...base,
      occurredOn: koppeling.startDate,
      fact: 'koppeling_started',
      days: daysBetween(amsterdamDate(family.createdAt), koppeling.startDate),
      data: {
        youthCareBaseline: koppeling.youthCareBaseline?.kinds ?? [],
        ...(firstPublished
          ? { daysPublishedToStart: daysBetween(amsterdamDate(firstPublished), koppeling.startDate) }
          : {}),
      },
    });
  } else if (event.change === 'closed') {
    const closure = await koppelingen.closure(koppeling.id);
    if (!closure) return;
    await repo.insertFact({
      ...base,
      occurredOn: closure.closedOn,
      fact: 'koppeling_ended',
      code: closure.reason,
      days: koppeling.startDate ? daysBetween(koppeling.startDate, closure.closedOn) : null,
      data: {
        effects: closure.effects,
        youthCareBaseline: koppeling.youthCareBaseline?.kinds ?? [],
        youthCareFinal: closure.youthCareFinal,
        ...(closure.satisfaction ? { satisfaction: closure.satisfaction } : {}),
      },
    });
  } else {
    await repo.insertFact({
      ...base,
      occurredOn: koppeling.endedOn ?? today,
      fact: 'koppeling_not_started',
      code: event.toPhase,
    });
  }
}

// ------------------------------------------------------------------ history brought in by an import

/**
 * Sign-ups an import wrote (issue 19, decision 033): one `registration` fact each, on the sign-up
 * day from the coordinator's list. Who brought the family and how it heard of us are not in a
 * list, so `source` and `code` stay empty (the report counts them as "Onbekend"). Each fact
 * carries the import's record of its row, so the import can correct and undo it.
 */
export async function recordImportedSignUpFacts(
  tx: DbOrTx,
  gemeenteSlug: string,
  signUps: readonly { kind: RegistrationKind; kern: string | null; signedUpOn: string; importRecordId: string }[],
) {
  if (signUps.length === 0) return;
  const gemeente = await createGemeentenRepository({ db: tx }).find(gemeenteSlug);
  const kernen = new Map((gemeente?.kernen ?? []).map((kern) => [kern.toLocaleLowerCase('nl'), kern]));
  await createRapportageRepository({ db: tx }).insertFacts(
    signUps.map((signUp) => ({
      gemeenteSlug,
      occurredOn: signUp.signedUpOn,
      fact: 'registration',
      kind: signUp.kind,
      kern: kernen.get(signUp.kern?.trim().toLocaleLowerCase('nl') ?? '') ?? null,
      importRecordId: signUp.importRecordId,
    })),
  );
}

/**
 * A koppeling an import wrote (decision 033): proposed and started on the dates of the
 * koppeling, with the waiting days when the family's sign-up day is known (not after the start),
 * and ended with its afronding when it has one. Effects, jeugdhulp and satisfaction are not in
 * a list, so those facts carry none (the report counts the reason "Onbekend" when the list gave
 * none). No survey is sent: this is history.
 */
export async function recordImportedKoppelingFacts(tx: DbOrTx, koppelingId: string, importRecordId: string) {
  const koppelingen = createKoppelingenRepository({ db: tx });
  const koppeling = await koppelingen.find(koppelingId);
  const family = koppeling && (await createRegistrationsRepository({ db: tx }).getById(koppeling.vraaggezinId));
  if (!koppeling?.startDate || !family) return;
  // A family that came in through an import did not tell us who brought it.
  const imported = family.consents.some((consent) => consent.purpose === 'import');
  const base = {
    gemeenteSlug: koppeling.gemeenteSlug,
    kind: 'vraaggezin',
    source: imported ? null : referralSource(family.kind, family.details),
    kern: await knownKern(tx, koppeling.gemeenteSlug, family.kern),
    importRecordId,
  };
  const waited = daysBetween(amsterdamDate(family.createdAt), koppeling.startDate);
  const closure = koppeling.phase === 'closed' ? await koppelingen.closure(koppeling.id) : undefined;
  await createRapportageRepository({ db: tx }).insertFacts([
    { ...base, occurredOn: koppeling.proposedOn, fact: 'koppeling_proposed' },
    { ...base, occurredOn: koppeling.startDate, fact: 'koppeling_started', days: waited >= 0 ? waited : null },
    ...(closure
      ? [
          {
            ...base,
            occurredOn: closure.closedOn,
            fact: 'koppeling_ended',
            code: closure.reason,
            days: daysBetween(koppeling.startDate, closure.closedOn),
          },
        ]
      : []),
  ]);
}
