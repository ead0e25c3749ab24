/**
 * Test data factories: the one place in the tests that writes tables directly (the table-boundary
 * test allow-lists this file). A test states only what it cares about; everything else gets a
 * valid, realistic default (invented Dutch names, real option codes from the sign-up forms).
 *
 * Rules for every factory here (and the ones that come next):
 * - takes the database or an open transaction (`DbOrTx`) as its first argument, so a test can
 *   build data inside the transaction it is testing;
 * - returns the created row(s) as stored (after defaults and triggers), plus what a test needs
 *   next (a staff member's session cookie, TOTP key and access context);
 * - calls the domain's repository or use case when one exists and is cheap; writes the table
 *   itself otherwise (use cases that check access, write audit entries or queue mail are the
 *   subject of their own tests, not set-up);
 * - unique values (e-mail addresses) carry a random part, because the Playwright fixture writes
 *   into one database that lives for a whole e2e run.
 * See tests/README.md.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { asc, eq } from 'drizzle-orm';
import { addDays, addMonths, amsterdamDate } from '~/lib/dates';
import { consentTexts } from '~/lib/registration.options';
import type { ConsentRecord, RegistrationDetails, RegistrationKind } from '~/lib/registration.types';
import { resolveGemeenten, resolveStandIn, type StaffContext } from '~/server/access/permissions';
import { createAppointmentsRepository } from '~/server/appointments/appointments.repository';
import { hashPassword } from '~/server/auth/password';
import { createSession, SESSION_COOKIE } from '~/server/auth/sessions';
import { encryptTotpKey, generateTotpKey } from '~/server/auth/totp';
import type { DbOrTx } from '~/server/db/db';
import { queueEmail } from '~/server/email/email.usecases';
import { gemeenten } from '~/server/gemeenten/gemeenten.table';
import { guessMapping } from '~/server/import/import.preview';
import { readSpreadsheet } from '~/server/import/import.read';
import { createImportRepository } from '~/server/import/import.repository';
import type { ImportKind } from '~/server/import/import.schemas';
import { inboxItems, inboxNotes } from '~/server/inbox/inbox.table';
import { ALL_EFFECTS, DEFAULT_HOUSE_RULES, type KoppelingPhase } from '~/server/koppelingen/koppelingen.labels';
import { createKoppelingenRepository } from '~/server/koppelingen/koppelingen.repository';
import { refreshNextDue, refreshSteungezinMatching } from '~/server/koppelingen/koppelingen.usecases';
import { outboxMessages } from '~/server/outbox/outbox.table';
import { privacyRequests } from '~/server/privacy/privacy.requests.table';
import { privacyHolds } from '~/server/privacy/privacy.table';
import { type ProfileRow, type ProfileStatus, profiles } from '~/server/profiles/profiles.table';
import {
  type NewRegistrationRow,
  type RegistrationRow,
  registrations,
} from '~/server/registrations/registrations.table';
import { DEFAULT_COMPETENCES } from '~/server/screening/screening.labels';
import { refreshScreeningState } from '~/server/screening/screening.pool';
import { createScreeningRepository } from '~/server/screening/screening.repository';
import { type StaffRole, staffGemeenten, staffRegions, staffUsers } from '~/server/staff/staff.table';
import { TEST_APP_SECRET } from './app-secret';

let sequence = 0;
/** Picks the next value of a list (stable order, so a failing test is easy to read). */
const pick = <T>(list: readonly T[]): T => list[sequence++ % list.length]!;
/** A short random part for values that must be unique across a whole e2e run. */
const unique = () => randomBytes(3).toString('hex');
const slugOf = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');

// ---------------------------------------------------------------- staff

/** The password of every enrolled test account (hashed once per process: argon2id is slow on purpose). */
export const TEST_PASSWORD = 'fietsen langs de Geleenbeek naar Schinnen';
let testPasswordHash: Promise<string> | undefined;

const STAFF_NAMES = ['Anouk Peeters', 'Ingrid Hermans', 'Ruud Bouwens', 'Marloes de Boer', 'Sietske Bakker'] as const;

export type StaffOptions = {
  role?: StaffRole;
  /** Gemeenten (slugs) she works in; default ['beekdaelen'] for a coordinator, none for the others. */
  gemeenten?: string[];
  /** Regions (gemeenten.region) of a regional coordinator; default ['Noord-Holland'] for that role. */
  regions?: string[];
  email?: string;
  displayName?: string;
  /** false: invited but not set up yet (no password, no TOTP key), so she cannot log in. Default true. */
  enrolled?: boolean;
  /** Her own password instead of TEST_PASSWORD (hashed with argon2id: slow, use it only when it matters). */
  password?: string;
  notificationMode?: 'immediate' | 'daily_digest';
  lastDigestAt?: Date | null;
  /** A disabled account (she left): it cannot log in and is nobody's responsible person. */
  disabledAt?: Date | null;
  /** Also a signed-in session (password and code done), with the cookie for HTTP tests and browsers. */
  session?: boolean;
  /** The APP_SECRET of the server that will read the TOTP key; default TEST_APP_SECRET (what startServer uses). */
  appSecret?: string;
  /** The client address in `context` (audit entries record it). */
  clientAddress?: string;
  now?: Date;
};

export type TestSession = { id: string; token: string; cookie: string };

export type TestStaff = typeof staffUsers.$inferSelect & {
  gemeenten: string[];
  regions: string[];
  /** null for an invited (not enrolled) account. */
  password: string | null;
  totpKey: Uint8Array | null;
  /** The key as an authenticator app takes it (base32); codes with totpCodeFor in staff-login.ts. */
  totpSecret: string | null;
  session: TestSession | null;
  /** What `staffRequest` makes of her session: pass it to use cases. */
  context: StaffContext;
};

/** A staff member with her gemeenten or regions; enrolled (password + TOTP) unless `enrolled: false`. */
export async function createStaff<const O extends StaffOptions>(
  db: DbOrTx,
  options: O = {} as O,
): Promise<TestStaff & (O extends { session: true } ? { session: TestSession } : unknown)> {
  const now = options.now ?? new Date();
  const role = options.role ?? 'coordinator';
  const enrolled = options.enrolled ?? true;
  const displayName = options.displayName ?? pick(STAFF_NAMES);
  const email = options.email ?? `${slugOf(displayName)}.${unique()}@buurtgezinnen.test`;
  const password = enrolled ? (options.password ?? TEST_PASSWORD) : null;
  let passwordHash: string | null = null;
  if (password === TEST_PASSWORD) {
    testPasswordHash ??= hashPassword(TEST_PASSWORD);
    passwordHash = await testPasswordHash;
  } else if (password) passwordHash = await hashPassword(password);
  const totpKey = enrolled ? generateTotpKey() : null;

  // The staff domain has no repository yet (issue 11 adds one); until then this writes its tables.
  const [row] = await db
    .insert(staffUsers)
    .values({
      email,
      displayName,
      role,
      passwordHash,
      totpKeyEncrypted: totpKey ? encryptTotpKey(totpKey, options.appSecret ?? TEST_APP_SECRET) : null,
      totpEnrolledAt: enrolled ? now : null,
      notificationMode: options.notificationMode ?? 'immediate',
      lastDigestAt: options.lastDigestAt ?? null,
      disabledAt: options.disabledAt ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const staff = row!;
  const gemeenteSlugs = options.gemeenten ?? (role === 'coordinator' ? ['beekdaelen'] : []);
  const regions = options.regions ?? (role === 'regional' ? ['Noord-Holland'] : []);
  if (gemeenteSlugs.length)
    await db.insert(staffGemeenten).values(gemeenteSlugs.map((gemeenteSlug) => ({ staffId: staff.id, gemeenteSlug })));
  if (regions.length) await db.insert(staffRegions).values(regions.map((region) => ({ staffId: staff.id, region })));

  let session: TestSession | null = null;
  if (options.session) {
    const created = await createSession(db, { staffId: staff.id, now, twoFactorVerified: true });
    session = { id: created.session.id, token: created.token, cookie: `${SESSION_COOKIE}=${created.token}` };
  }
  const sessionStaff = { id: staff.id, email: staff.email, displayName: staff.displayName, role: staff.role };
  const reach = await resolveGemeenten(db, sessionStaff);
  return {
    ...staff,
    gemeenten: gemeenteSlugs,
    regions,
    password,
    totpKey,
    totpSecret: totpKey ? encodeBase32UpperCaseNoPadding(totpKey) : null,
    session,
    context: {
      staff: sessionStaff,
      sessionId: session?.id ?? 'test-session',
      clientAddress: options.clientAddress ?? '192.0.2.10',
      gemeenten: reach,
      standIn: await resolveStandIn(db, sessionStaff, reach),
    },
  } as TestStaff & (O extends { session: true } ? { session: TestSession } : unknown);
}

// ---------------------------------------------------------------- registrations (sign-ups)

type DetailsOf<K extends RegistrationKind> = Extract<RegistrationDetails, { kind: K }>;
type OmitKind<T> = T extends unknown ? Omit<T, 'kind'> : never;

export type RegistrationOverrides<K extends RegistrationKind> = Partial<
  Omit<NewRegistrationRow, 'kind' | 'details'>
> & {
  /** Merged over the valid defaults of this kind. */
  details?: Partial<OmitKind<DetailsOf<K>>>;
};

const CONTACT_NAMES: Record<RegistrationKind, readonly string[]> = {
  vraaggezin: ['Kim Vossen', 'Naima Bouzid', 'Esther Ramakers', 'Linda Schepers', 'Jessica Huynen'],
  steungezin: ['Familie Hermans', 'Joyce en Bart Lemmens', 'Familie Kurvers', 'Wendy Notermans'],
  // A referral's contact is the referred family; the referrer is in the details.
  verwijzing: ['Daan en Loes Gielen', 'Familie Brouns', 'Chantal Meessen'],
};

function defaultDetails(kind: RegistrationKind): RegistrationDetails {
  switch (kind) {
    case 'vraaggezin':
      return {
        kind,
        children: [{ age: 7 }, { age: 3 }],
        supportWishes: ['vaste-middag', 'meegaan'],
        message: 'Ik sta er alleen voor en de middagen na school zijn zwaar.',
      };
    case 'steungezin':
      return {
        kind,
        adultsInHousehold: 2,
        ownChildren: [{ age: 10 }],
        days: ['wo', 'za'],
        frequency: 'wekelijks',
        sleepovers: 'misschien',
        ageGroups: ['4-12'],
        motivation: 'Wij hebben op woensdag tijd en willen graag een gezin in ons dorp helpen.',
        vogWilling: 'ja',
      };
    case 'verwijzing':
      return {
        kind,
        referrer: {
          name: 'Marieke Stassen',
          organisationType: 'school',
          organisationName: 'Kindcentrum De Bongerd',
          email: 'm.stassen@debongerd.test',
          phone: '+31455551234',
        },
        children: [{ age: 8 }],
        reason: 'Moeder zorgt alleen voor drie kinderen en raakt overbelast; er is geen familie in de buurt.',
        parentsAgree: true,
        firstContact: 'coordinator',
        wantsUpdates: true,
      };
  }
}

/** The consents the sign-up form of this kind records (same purposes and sentences). */
function defaultConsents(kind: RegistrationKind, at: Date): ConsentRecord[] {
  const purposes =
    kind === 'verwijzing' ? (['referrer-store', 'parents-agree'] as const) : (['contact-and-store'] as const);
  return purposes.map((purpose) => ({ purpose, text: consentTexts[purpose], agreedAt: at.toISOString() }));
}

/** The first kern of the gemeente, as someone from there would fill in (the forms need a kern or a postcode). */
async function firstKern(db: DbOrTx, gemeenteSlug: string): Promise<string | null> {
  const [row] = await db.select({ kernen: gemeenten.kernen }).from(gemeenten).where(eq(gemeenten.slug, gemeenteSlug));
  return row?.kernen[0] ?? null;
}

/**
 * A sign-up of `kind` as the form would store it: status 'new', in Beekdaelen, with valid
 * details, contact data and consents. Overrides replace columns; `details` is merged.
 */
export async function createRegistration<K extends RegistrationKind>(
  db: DbOrTx,
  kind: K,
  overrides: RegistrationOverrides<K> = {},
): Promise<RegistrationRow> {
  const { details, ...columns } = overrides;
  const createdAt = columns.createdAt ?? new Date();
  const gemeenteSlug = columns.gemeenteSlug ?? 'beekdaelen';
  const contactName = columns.contactName ?? pick(CONTACT_NAMES[kind]);
  // Not through createRegistrationsRepository().insert: it returns only the id, and tests want the row.
  const [row] = await db
    .insert(registrations)
    .values({
      gemeenteSlug,
      kern: 'kern' in columns ? columns.kern : await firstKern(db, gemeenteSlug),
      contactName,
      contactEmail: `${slugOf(contactName)}.${unique()}@voorbeeld.nl`,
      contactPhone: `+316${String(10_000_000 + Math.floor(Math.random() * 89_999_999))}`,
      source: kind === 'verwijzing' ? null : 'vrienden-familie',
      consents: defaultConsents(kind, createdAt),
      ...columns,
      createdAt,
      updatedAt: columns.updatedAt ?? createdAt,
      kind,
      details: { ...defaultDetails(kind), ...details, kind } as RegistrationDetails,
    })
    .returning();
  return row!;
}

// ---------------------------------------------------------------- profiles (wervingsprofielen)

export type ProfileOptions = Partial<Omit<typeof profiles.$inferInsert, 'registrationId' | 'status'>> & {
  status?: ProfileStatus;
  /** The vraaggezin it is about; default a new one in `gemeenteSlug`, at the pipeline step that fits the status. */
  registration?: Pick<RegistrationRow, 'id' | 'gemeenteSlug'>;
  now?: Date;
};

/** Where the family's sign-up stands when its profile has this status. */
const FAMILY_STATUS: Record<ProfileStatus, string> = {
  draft: 'intake_2',
  review: 'intake_2',
  published: 'profile_published',
  matched: 'matched',
  withdrawn: 'intake_2',
};

/**
 * A recruitment profile that passes the identifiability check (no names, ages as ranges, no
 * exact village), as a draft unless `status` says otherwise; the dates fit the status.
 */
export async function createProfile(db: DbOrTx, options: ProfileOptions = {}): Promise<ProfileRow> {
  const { registration, status = 'draft', now = new Date(), ...columns } = options;
  const family =
    registration ??
    (await createRegistration(db, 'vraaggezin', {
      gemeenteSlug: columns.gemeenteSlug ?? 'beekdaelen',
      status: FAMILY_STATUS[status],
      createdAt: new Date(now.getTime() - 30 * 86_400_000),
    }));
  const shown = status === 'published' || status === 'matched';
  const [row] = await db
    .insert(profiles)
    .values({
      gemeenteSlug: family.gemeenteSlug,
      title: 'Wie speelt er op woensdag mee?',
      kern: 'Centrum',
      children: [{ minAge: 4, maxAge: 6, gender: null }],
      supportKinds: ['vaste-middag'],
      days: ['wo'],
      frequency: 'wekelijks',
      sleepovers: 'nee',
      story: 'Een moeder met een kind zoekt een gezin in de buurt voor een vaste middag per week om samen te spelen.',
      asks: 'Een middag per week spelen, naar de speeltuin of samen koken.',
      offers: 'Een warm contact, een kind dat opbloeit en steun van de coördinator.',
      publishedAt: shown ? now : null,
      matchedAt: status === 'matched' ? now : null,
      withdrawnAt: status === 'withdrawn' ? now : null,
      createdAt: now,
      updatedAt: now,
      ...columns,
      registrationId: family.id,
      status,
    })
    .returning();
  return row!;
}

// ---------------------------------------------------------------- inbox (notes, assignment)

/** A note on a sign-up by `author`. */
export async function createNote(
  db: DbOrTx,
  input: { registration: Pick<RegistrationRow, 'id'>; author: { id: string }; body?: string; createdAt?: Date },
) {
  const [row] = await db
    .insert(inboxNotes)
    .values({
      registrationId: input.registration.id,
      authorId: input.author.id,
      body: input.body ?? 'Gebeld: moeder is blij met het telefoontje, kennismaking volgende week.',
      createdAt: input.createdAt ?? new Date(),
    })
    .returning();
  return row!;
}

/** The inbox's working state of a sign-up: who handles it (and for a referral, the family it is about). */
export async function createInboxItem(
  db: DbOrTx,
  input: {
    registration: Pick<RegistrationRow, 'id'>;
    assignedTo?: { id: string } | null;
    family?: Pick<RegistrationRow, 'id'>;
  },
) {
  const [row] = await db
    .insert(inboxItems)
    .values({
      registrationId: input.registration.id,
      assignedStaffId: input.assignedTo?.id ?? null,
      familyRegistrationId: input.family?.id ?? null,
    })
    .returning();
  return row!;
}

// ---------------------------------------------------------------- screening and koppelingen

export type SteungezinOptions = RegistrationOverrides<'steungezin'> & {
  /** Approved (both intakes, every VOG, checklist signed off). Default true. */
  approved?: boolean;
  adults?: number;
  /** When the VOGs came in (default: a month before `now`) and until when they are valid (default + 3 years). */
  vogReceivedOn?: string;
  vogValidUntil?: string;
  capacity?: number;
  days?: string[];
  ageGroups?: string[];
  sleepovers?: 'ja' | 'misschien' | 'nee';
  unavailableUntil?: string | null;
  /** When it was approved (default: `now`). */
  approvedAt?: Date;
  now?: Date;
};

/**
 * A steungezin with its screening, through the screening repository: approved by default (two
 * intakes, a VOG per adult, the national checklist ticked), status 'approved'. With
 * `approved: false` it is at "Kennismaking 2" with nothing on the VOG list received.
 */
export async function createSteungezin(db: DbOrTx, options: SteungezinOptions = {}) {
  const {
    approved = true,
    adults = 2,
    capacity = 1,
    days = ['wo', 'za'],
    ageGroups = ['4-12'],
    sleepovers = 'misschien',
    unavailableUntil = null,
    now = new Date(),
    vogReceivedOn,
    vogValidUntil,
    approvedAt,
    details,
    ...columns
  } = options;
  const registration = await createRegistration(db, 'steungezin', {
    status: approved ? 'approved' : 'intake_2',
    createdAt: new Date(now.getTime() - 60 * 86_400_000),
    ...columns,
    details: { adultsInHousehold: adults, days, ageGroups, sleepovers, ...details },
  });
  const repo = createScreeningRepository({ db });
  const today = amsterdamDate(now);
  await repo.create(
    {
      registrationId: registration.id,
      gemeenteSlug: registration.gemeenteSlug,
      competences: DEFAULT_COMPETENCES.map((c) => ({ ...c, checked: approved })),
      checklistSignedOffAt: approved ? now : null,
      days,
      frequency: 'wekelijks',
      sleepovers,
      ageGroups,
      capacity,
      unavailableUntil,
      approvedAt: approved ? (approvedAt ?? now) : null,
      kern: registration.kern,
      respondedToProfileId: registration.profileId,
    },
    adults,
  );
  for (const number of [1, 2])
    await repo.saveIntake({ registrationId: registration.id, number, heldOn: today, heldBy: 'Anouk Peeters' });
  const received = vogReceivedOn ?? addDays(today, -30);
  for (let adultNumber = 1; adultNumber <= adults; adultNumber++)
    await repo.saveVog({
      registrationId: registration.id,
      adultNumber,
      name: `Volwassene ${adultNumber}`,
      requestedOn: addDays(received, -14),
      receivedOn: approved ? received : null,
      validUntil: approved ? (vogValidUntil ?? addMonths(received, 36)) : null,
    });
  await refreshScreeningState(db, registration.id, now);
  return registration;
}

export type KoppelingOptions = {
  gemeenteSlug?: string;
  vraaggezin?: RegistrationRow;
  steungezin?: RegistrationRow;
  /** Default 'active'. */
  phase?: KoppelingPhase;
  proposedOn?: string;
  /** For agreed, active and closed koppelingen; default `proposedOn` + 14 days. */
  startDate?: string;
  /** Evaluations held (active and closed koppelingen). */
  evaluations?: { heldOn: string; decision?: 'continue' | 'stop' }[];
  /** For closed ones: the day and reason (all twelve effects 'yes', youth care 'reduced'). */
  closedOn?: string;
  closureReason?: string;
  /** Started ones: both families signed on paper (default), or nobody signed yet. */
  signed?: boolean;
  now?: Date;
};

/**
 * A koppeling in a phase, through the koppelingen repository (as an importer would write one),
 * with both families made when not given, their inbox statuses to match, paper signatures for
 * started ones, and the next due date computed.
 */
export async function createKoppeling(db: DbOrTx, options: KoppelingOptions = {}) {
  const now = options.now ?? new Date();
  const today = amsterdamDate(now);
  const phase = options.phase ?? 'active';
  const gemeenteSlug = options.gemeenteSlug ?? options.vraaggezin?.gemeenteSlug ?? 'beekdaelen';
  const started = phase === 'active' || phase === 'closed';
  const familyStatus = started ? (phase === 'closed' ? 'closed' : 'matched') : 'proposed';
  const vraaggezin =
    options.vraaggezin ?? (await createRegistration(db, 'vraaggezin', { gemeenteSlug, status: familyStatus }));
  const steungezin =
    options.steungezin ??
    (await createSteungezin(db, { gemeenteSlug, now, status: phase === 'active' ? 'matched' : 'proposed' }));
  const proposedOn = options.proposedOn ?? addDays(today, -30);
  const startDate = options.startDate ?? addDays(proposedOn, 14);
  const repo = createKoppelingenRepository({ db });
  const koppeling = await repo.insert({
    gemeenteSlug,
    vraaggezinId: vraaggezin.id,
    steungezinId: steungezin.id,
    phase,
    proposedOn,
    meetingOn: phase === 'proposed' ? null : proposedOn,
    meetingOutcome: phase === 'proposed' || phase === 'cancelled' ? null : phase === 'declined' ? 'no' : 'yes',
    startDate: started ? startDate : null,
    agreements: started
      ? {
          what: 'Woensdagmiddag spelen en eten bij het steungezin',
          frequency: 'wekelijks',
          days: ['wo'],
          sleepovers: 'later',
        }
      : null,
    houseRules: started ? [...DEFAULT_HOUSE_RULES] : null,
    youthCareBaseline: started ? { kinds: ['wijkteam'], intensity: 'monthly', note: null } : null,
    signedAt: started && options.signed !== false ? now : null,
    endedOn:
      phase === 'closed'
        ? (options.closedOn ?? today)
        : phase === 'declined' || phase === 'cancelled'
          ? proposedOn
          : null,
    createdAt: now,
    updatedAt: now,
  });
  if (started && options.signed !== false)
    for (const party of ['vraaggezin', 'steungezin'] as const)
      await repo.saveSignature({
        koppelingId: koppeling.id,
        party,
        method: 'paper',
        signedAt: now,
        signedOn: startDate,
      });
  for (const [i, evaluation] of (options.evaluations ?? []).entries())
    await repo.insertEvaluation({
      koppelingId: koppeling.id,
      sequence: i + 1,
      dueOn: evaluation.heldOn,
      heldOn: evaluation.heldOn,
      attendees: ['vraaggezin', 'steungezin', 'coordinator'],
      childrenScore: 4,
      parentsScore: 4,
      steungezinScore: 5,
      decision: evaluation.decision ?? 'continue',
    });
  if (phase === 'closed')
    await repo.insertClosure({
      koppelingId: koppeling.id,
      closedOn: options.closedOn ?? today,
      reason: options.closureReason ?? 'goal_reached',
      continueTogether: 'yes',
      effects: Object.fromEntries(ALL_EFFECTS.map((code) => [code, 'yes'])),
      youthCareFinal: 'reduced',
      steungezinWantsAnother: 'yes',
    });
  await refreshNextDue(db, koppeling.id);
  await refreshSteungezinMatching(db, steungezin.id, now);
  return { ...(await repo.find(koppeling.id))!, vraaggezin, steungezin };
}

/**
 * A zorg over veiligheid about a new vraaggezin in `gemeenteSlug` (no koppeling), open; with
 * `decided` its meldcode decision is recorded, so it can be closed.
 */
export async function createSafetyConcern(
  db: DbOrTx,
  options: { gemeenteSlug?: string; decided?: boolean; now?: Date } = {},
) {
  const now = options.now ?? new Date();
  const family = await createRegistration(db, 'vraaggezin', { gemeenteSlug: options.gemeenteSlug ?? 'beekdaelen' });
  return createKoppelingenRepository({ db }).insertConcern({
    gemeenteSlug: family.gemeenteSlug,
    registrationId: family.id,
    raisedOn: amsterdamDate(now),
    summary: 'Het kind zei dat het thuis vaak alleen is.',
    steps: options.decided
      ? [{ step: 'decided', on: amsterdamDate(now), note: null, staffId: randomUUID(), at: now.toISOString() }]
      : [],
    decision: options.decided ? 'help' : null,
    createdAt: now,
    updatedAt: now,
  });
}

// ---------------------------------------------------------------- import (a coordinator's spreadsheet)

/**
 * An uploaded spreadsheet waiting for its preview (status 'staged'), as `uploadImport` leaves it:
 * read with the import's reader, the columns guessed. Default: two vraaggezinnen (name and phone) in Beekdaelen.
 */
export async function createStagedImport(
  db: DbOrTx,
  options: { gemeenteSlug?: string; kind?: ImportKind; csv?: string; staffId?: string } = {},
) {
  const kind = options.kind ?? 'vraaggezinnen';
  const csv = options.csv ?? `Naam;Telefoon\nLieke Janssen ${unique()};06-12345678\nRoos Kessels ${unique()};\n`;
  const sheet = await readSpreadsheet(new TextEncoder().encode(csv), 'lijst.csv');
  return createImportRepository({ db }).insert({
    gemeenteSlug: options.gemeenteSlug ?? 'beekdaelen',
    kind,
    staffId: options.staffId ?? null,
    fileName: 'lijst.csv',
    headers: sheet.headers,
    cells: sheet.rows,
    mapping: guessMapping(kind, sheet.headers),
    rowCount: sheet.rows.length,
  });
}

/** A kennismaking visit at the home of a new vraaggezin in `gemeenteSlug`, a week from now, for `staffId` (default nobody). */
export async function createAppointment(
  db: DbOrTx,
  options: { gemeenteSlug?: string; staffId?: string | null; now?: Date } = {},
) {
  const now = options.now ?? new Date();
  const family = await createRegistration(db, 'vraaggezin', { gemeenteSlug: options.gemeenteSlug ?? 'beekdaelen' });
  return createAppointmentsRepository({ db }).insert({
    registrationId: family.id,
    gemeenteSlug: family.gemeenteSlug,
    staffId: options.staffId ?? null,
    onDate: addDays(amsterdamDate(now), 7),
    startTime: '19:30',
    place: 'home',
    createdAt: now,
  });
}

// ---------------------------------------------------------------- privacy (holds)

/** A hold ("bewaren tot … omdat …") on a sign-up, a year from now unless `keepUntil` says otherwise. */
export async function createHold(
  db: DbOrTx,
  input: { registration: Pick<RegistrationRow, 'id'>; keepUntil?: string; reason?: string; placedBy?: { id: string } },
) {
  const [row] = await db
    .insert(privacyHolds)
    .values({
      registrationId: input.registration.id,
      keepUntil: input.keepUntil ?? addMonths(amsterdamDate(new Date()), 12),
      reason: input.reason ?? 'Er loopt een klacht over de afhandeling.',
      placedBy: input.placedBy?.id ?? null,
    })
    .returning();
  return row!;
}

/** An open request to delete a sign-up, as /mijn-gegevens makes it (received now, due in 4 weeks). */
export async function createPrivacyRequest(
  db: DbOrTx,
  input: { registration: Pick<RegistrationRow, 'id' | 'gemeenteSlug'>; replyTo?: string },
) {
  const [row] = await db
    .insert(privacyRequests)
    .values({
      registrationId: input.registration.id,
      gemeenteSlug: input.registration.gemeenteSlug,
      kind: 'erase',
      dueOn: addDays(amsterdamDate(new Date()), 28),
      replyTo: input.replyTo ?? 'verzoek@voorbeeld.nl',
    })
    .returning();
  return row!;
}

// ---------------------------------------------------------------- reading what was queued

export type QueuedEmail = { id: string; to: string; template: string; data: Record<string, unknown>; raw: unknown };

/** The e-mails in the outbox (newest last), to check who gets what without an SMTP server. */
export async function queuedEmails(db: DbOrTx): Promise<QueuedEmail[]> {
  const rows = await db
    .select({ id: outboxMessages.id, payload: outboxMessages.payload })
    .from(outboxMessages)
    .where(eq(outboxMessages.topic, 'email'))
    .orderBy(asc(outboxMessages.createdAt));
  return rows.map((row) => {
    const payload = row.payload as { to: string; template: string; data: Record<string, unknown> };
    return { id: row.id, to: payload.to, template: payload.template, data: payload.data, raw: row.payload };
  });
}

// ---------------------------------------------------------------- outbox (e-mail)

/**
 * A password-reset e-mail queued with `queueEmail` (so the payload is what the worker would
 * send), then put in the state a test needs: 'pending' (default), 'failed' (parked after its
 * attempts, an SMTP refusal as last error) or 'overdue' (due 20 minutes ago, never sent).
 */
export async function createOutboxEmail(
  db: DbOrTx,
  options: { to?: string; status?: 'pending' | 'failed' | 'overdue'; lastError?: string; now?: Date } = {},
) {
  const now = options.now ?? new Date();
  const to = options.to ?? `${slugOf(pick(STAFF_NAMES))}.${unique()}@voorbeeld.nl`;
  const { id } = await queueEmail(db, {
    to,
    template: 'password-reset',
    data: { resetPath: '/wachtwoord-herstellen?code=abc.def', expiresAt: new Date(now.getTime() + 3_600_000) },
  });
  const status = options.status ?? 'pending';
  const [row] = await db
    .update(outboxMessages)
    .set(
      status === 'failed'
        ? {
            status: 'failed',
            attempts: 20,
            failedAt: now,
            lastError: options.lastError ?? `Error: 550 5.1.1 <${to}>: Recipient address rejected`,
          }
        : status === 'overdue'
          ? {
              attempts: 3,
              nextAttemptAt: new Date(now.getTime() - 20 * 60_000),
              lastError: options.lastError ?? 'Error: connect ECONNREFUSED 192.0.2.25:587',
            }
          : { nextAttemptAt: now },
    )
    .where(eq(outboxMessages.id, id))
    .returning();
  return row!;
}

// ---------------------------------------------------------------- what comes next
// Audit entries, rapportage and privacy requests, when a test needs one as set-up, following the
// rules at the top of this file.
