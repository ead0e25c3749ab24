/**
 * THE list of staff routes and actions. The access-control suite (staff-access.test.ts) runs
 * every entry for every role, and fails when a staff page in src/pages, or an `action` value
 * a staff page handles, is missing here: a new route cannot ship without its access test.
 */
import { randomUUID } from 'node:crypto';
import { addDays, addMonths, amsterdamDate } from '~/lib/dates';
import type { StaffAction } from '~/server/access/permissions';
import type { Database } from '~/server/db/db';
import { writeImport } from '~/server/import/import.usecases';
import { childEffects, parentEffects } from '~/server/koppelingen/koppelingen.labels';
import {
  createAppointment,
  createHold,
  createKoppeling,
  createPrivacyRequest,
  createProfile,
  createRegistration,
  createSafetyConcern,
  createStaff,
  createStagedImport,
  createSteungezin,
} from '~tests/support/factories';

export type TargetKind = 'vraaggezin' | 'steungezin' | 'verwijzing';

export type Fixture = {
  selfId: string;
  otherStaffId: string;
  siblingId: string;
  familyId: string;
  /** The acting staff member's password (for actions that ask who you are again). */
  password: string;
  /** An e-mail in the outbox that failed (for /beheer/e-mail). */
  failedEmailId: string;
  /** What the route's `prepare` made. */
  prepared?: Record<string, string>;
  /** A gemeente within the actor's reach (routes without :id that name a gemeente in the form). */
  gemeente?: string;
};

const today = () => amsterdamDate(new Date());
/** The visit the last `makeId` of the cancel route made (its form names it). */
let lastAppointment: { id: string; registrationId: string } | undefined;

export type StaffRoute = {
  method: 'GET' | 'POST';
  /** `:id` is replaced by a sign-up id, `:gemeente` by a gemeente's slug (makeId: `gemeenteItself`). */
  path: string;
  /** What the route needs: a permission on a record, or 'self' (any signed-in staff). */
  needs: StaffAction | 'self';
  /** For :id routes: the kind of sign-up the action applies to. */
  target?: TargetKind;
  /**
   * For :id routes whose id is not a sign-up (e.g. a profile): makes a fresh record in `gemeente`
   * and returns its id. Default: a sign-up of kind `target`.
   */
  makeId?: (db: Database, gemeente: string) => Promise<string>;
  /** POST body; gets the fixture so it can name staff or other sign-ups. */
  form?: (f: Fixture) => Record<string, string | string[]>;
  /** Records the form needs besides the one at :id (e.g. an approved steungezin to propose), made in the same gemeente. */
  prepare?: (db: Database, gemeente: string) => Promise<Record<string, string>>;
  /** The form names a gemeente (the actor's own): access is decided for that gemeente. */
  gemeenteInForm?: boolean;
  /** Status when allowed; default 200 for GET, 303 (redirect after POST) for POST. */
  okStatus?: number;
  /** Status for a visitor without a session: default 303 to /inloggen; a JSON endpoint answers 401. */
  anonymousStatus?: 303 | 401;
};

/** Pages that read the session but are not staff routes (they are where you log in or out). */
export const AUTH_PAGES = ['/inloggen', '/uitloggen'];

/** For a route about a gemeente (/rapportage/:gemeente): the "record" is the gemeente itself. */
const gemeenteItself = async (_db: Database, gemeente: string) => gemeente;

/** A clean recruitment profile (passes the identifiability check) for a fresh vraaggezin in `gemeente`. */
function makeProfile(status: 'draft' | 'review' | 'published') {
  return async (db: Database, gemeente: string): Promise<string> => {
    const family = await createRegistration(db, 'vraaggezin', { gemeenteSlug: gemeente, contactName: 'Toegang Test' });
    const profile = await createProfile(db, {
      registration: family,
      status,
      title: 'Een gezin zoekt een maatje',
      postings: [{ id: 'bericht-1', channel: 'facebook', postedOn: '2026-01-05', note: null, removedOn: null }],
      // Waiting for a second look: asked by someone else than whoever calls the route.
      overrides:
        status === 'review'
          ? [
              {
                key: 'personal-name:story:toegang',
                reason: 'Gevraagd door een collega.',
                staffId: randomUUID(),
                at: new Date().toISOString(),
                approvedBy: null,
              },
            ]
          : [],
    });
    return profile.id;
  };
}

/** An uploaded spreadsheet in `gemeente`, waiting for its preview. */
async function stagedImport(db: Database, gemeente: string): Promise<string> {
  return (await createStagedImport(db, { gemeenteSlug: gemeente })).id;
}

/** An import written today by a backoffice member (so it can be undone). */
async function writtenImport(db: Database, gemeente: string): Promise<string> {
  const { id } = await createStagedImport(db, { gemeenteSlug: gemeente });
  const backoffice = await createStaff(db, { role: 'backoffice' });
  await writeImport({ db, clock: () => new Date() }, backoffice.context, id, []);
  return id;
}

/** A valid profile form (see src/components/profiles/ProfileForm.astro). */
const profileForm = () => ({
  action: 'save',
  title: 'Wie speelt er op woensdag mee?',
  kern: 'Centrum',
  childAge1: '4-6',
  supportKinds: 'vaste-middag',
  frequency: 'wekelijks',
  sleepovers: 'nee',
  story: 'Een moeder met een kind zoekt een gezin in de buurt voor een vaste middag per week om samen te spelen.',
  asks: 'Een middag per week spelen.',
  offers: 'Een warm contact en steun.',
});

export const STAFF_ROUTES: StaffRoute[] = [
  { method: 'GET', path: '/inbox', needs: 'record.read' },
  { method: 'GET', path: '/inbox/:id', needs: 'record.read' },
  {
    method: 'POST',
    path: '/inbox/:id',
    needs: 'record.write',
    form: () => ({ action: 'status', from: 'new', to: 'contacted' }),
  },
  { method: 'POST', path: '/inbox/:id', needs: 'record.write', form: (f) => ({ action: 'assign', staffId: f.selfId }) },
  { method: 'POST', path: '/inbox/:id', needs: 'record.help', form: () => ({ action: 'note', note: 'Toegangstest' }) },
  {
    method: 'POST',
    path: '/inbox/:id',
    needs: 'record.help',
    form: () => ({
      action: 'contact',
      channel: 'call',
      contactedOn: new Date().toISOString().slice(0, 10),
      summary: 'Toegangstest',
    }),
  },
  {
    method: 'POST',
    path: '/inbox/:id',
    needs: 'record.write',
    form: (f) => ({ action: 'duplicate', duplicateOfId: f.siblingId }),
  },
  {
    method: 'POST',
    path: '/inbox/:id',
    needs: 'record.write',
    target: 'verwijzing',
    form: (f) => ({ action: 'family', familyId: f.familyId }),
  },
  // Kennismaking visits on a family's page (src/server/appointments).
  {
    method: 'POST',
    path: '/inbox/:id',
    needs: 'record.write',
    form: () => ({ action: 'appointment', onDate: addDays(today(), 7), startTime: '19:30', place: 'home' }),
  },
  {
    method: 'POST',
    path: '/inbox/:id',
    needs: 'record.write',
    // The record is the family of a fresh visit; the form names that visit.
    makeId: async (db, gemeente) => {
      lastAppointment = await createAppointment(db, { gemeenteSlug: gemeente });
      return lastAppointment.registrationId;
    },
    form: () => ({ action: 'appointment-cancel', appointmentId: lastAppointment?.id ?? '' }),
  },
  // The screening of a steungezin, on its page (src/server/screening).
  ...screeningRoutes(),
  {
    method: 'POST',
    path: '/inbox/:id',
    needs: 'record.help',
    form: () => ({ action: 'concern', raisedOn: today(), summary: 'Toegangstest: iets gezien bij het kind.' }),
  },
  // Entering a sign-up by hand (src/pages/inbox/nieuw.astro): whoever may change records in a gemeente.
  { method: 'GET', path: '/inbox/nieuw', needs: 'record.write' },
  {
    method: 'POST',
    path: '/inbox/nieuw',
    needs: 'record.write',
    gemeenteInForm: true,
    form: (f) => ({
      action: 'save',
      gemeente: f.gemeente ?? 'beekdaelen',
      name: 'Toegang Test',
      phone: '06-12345678',
      postcode: '1234 AB',
      children: '5',
      supportWishes: 'vaste-middag',
      consent: 'ja',
    }),
  },
  { method: 'GET', path: '/account', needs: 'self' },
  // Ending sessions, a new password and new recovery codes ask for the code or the password again.
  { method: 'POST', path: '/account', needs: 'self', form: (f) => ({ action: 'end-others', confirm: f.password }) },
  {
    method: 'POST',
    path: '/account',
    needs: 'self',
    // The same password again, so the next routes can still confirm with it.
    form: (f) => ({ action: 'change-password', confirm: f.password, password: f.password, repeat: f.password }),
  },
  { method: 'POST', path: '/account', needs: 'self', form: () => ({ action: 'notifications', mode: 'daily_digest' }) },
  // New recovery codes are shown once, in the response itself (no redirect).
  {
    method: 'POST',
    path: '/account',
    needs: 'self',
    form: (f) => ({ action: 'recovery-codes', confirm: f.password }),
    okStatus: 200,
  },
  { method: 'GET', path: '/beheer', needs: 'staff.manage' },
  {
    method: 'POST',
    path: '/beheer',
    needs: 'staff.manage',
    form: () => ({
      action: 'invite',
      email: `nieuw-${Math.random().toString(36).slice(2)}@example.nl`,
      displayName: 'Nieuwe Collega',
      role: 'coordinator',
      gemeenten: 'uithoorn',
    }),
  },
  {
    method: 'POST',
    path: '/beheer',
    needs: 'staff.manage',
    form: (f) => ({ action: 'resend', staffId: f.otherStaffId }),
  },
  {
    method: 'POST',
    path: '/beheer',
    needs: 'staff.manage',
    form: (f) => ({ action: 'disable', staffId: f.otherStaffId }),
  },
  { method: 'GET', path: '/beheer/logboek', needs: 'audit.read' },
  // Import of a coordinator's spreadsheets (src/server/import): coordinators in their own gemeenten, backoffice.
  { method: 'GET', path: '/beheer/import', needs: 'record.write' },
  {
    method: 'POST',
    path: '/beheer/import',
    needs: 'record.write',
    // Without a gemeente and a file: whoever may import somewhere hears what is missing (400). Which
    // gemeenten each role may import into: import.usecases.test.ts; a real upload: import-upload.test.ts.
    form: () => ({ action: 'upload', gemeente: '', kind: 'vraaggezinnen' }),
    okStatus: 400,
  },
  { method: 'GET', path: '/beheer/import/:id', needs: 'record.write', makeId: stagedImport },
  {
    method: 'POST',
    path: '/beheer/import/:id',
    needs: 'record.write',
    makeId: stagedImport,
    form: () => ({ action: 'mapping', 'column-0': 'name', 'column-1': 'phone' }),
  },
  {
    method: 'POST',
    path: '/beheer/import/:id',
    needs: 'record.write',
    makeId: stagedImport,
    form: () => ({ action: 'write' }),
  },
  {
    method: 'POST',
    path: '/beheer/import/:id',
    needs: 'record.write',
    makeId: stagedImport,
    form: () => ({ action: 'cancel' }),
  },
  {
    method: 'POST',
    path: '/beheer/import/:id',
    needs: 'record.write',
    makeId: writtenImport,
    form: () => ({ action: 'undo' }),
  },
  // E-mail that did not arrive (src/pages/beheer/e-mail.astro).
  { method: 'GET', path: '/beheer/e-mail', needs: 'email.manage' },
  {
    method: 'POST',
    path: '/beheer/e-mail',
    needs: 'email.manage',
    form: (f) => ({ action: 'retry', messageId: f.failedEmailId }),
  },
  {
    method: 'POST',
    path: '/beheer/e-mail',
    needs: 'email.manage',
    form: (f) => ({ action: 'discard', messageId: f.failedEmailId }),
  },
  // Inbox search (src/pages/inbox/zoeken.*): the scope comes from the session, results only in reach.
  { method: 'GET', path: '/inbox/zoeken', needs: 'record.read' },
  { method: 'GET', path: '/inbox/zoeken.json', needs: 'record.read', anonymousStatus: 401 },
  // Recruitment profiles (src/pages/inbox/profielen).
  { method: 'GET', path: '/inbox/profielen', needs: 'record.read' },
  { method: 'GET', path: '/inbox/profielen/nieuw/:id', needs: 'record.write', target: 'vraaggezin' },
  {
    method: 'POST',
    path: '/inbox/profielen/nieuw/:id',
    needs: 'record.write',
    target: 'vraaggezin',
    form: profileForm,
  },
  {
    method: 'POST',
    path: '/inbox/profielen/nieuw/:id',
    needs: 'record.write',
    target: 'vraaggezin',
    form: () => ({ ...profileForm(), action: 'preview' }),
    okStatus: 200,
  },
  { method: 'GET', path: '/inbox/profielen/:id', needs: 'record.read', makeId: makeProfile('draft') },
  {
    method: 'POST',
    path: '/inbox/profielen/:id',
    needs: 'record.write',
    makeId: makeProfile('draft'),
    form: () => ({ action: 'publish' }),
  },
  {
    method: 'POST',
    path: '/inbox/profielen/:id',
    needs: 'profile.approve',
    makeId: makeProfile('review'),
    form: () => ({ action: 'approve' }),
  },
  {
    method: 'POST',
    path: '/inbox/profielen/:id',
    needs: 'profile.approve',
    makeId: makeProfile('review'),
    form: () => ({ action: 'send-back' }),
  },
  {
    method: 'POST',
    path: '/inbox/profielen/:id',
    needs: 'record.write',
    makeId: makeProfile('published'),
    form: () => ({ action: 'match' }),
  },
  {
    method: 'POST',
    path: '/inbox/profielen/:id',
    needs: 'record.write',
    makeId: makeProfile('published'),
    form: () => ({ action: 'withdraw' }),
  },
  {
    method: 'POST',
    path: '/inbox/profielen/:id',
    needs: 'record.write',
    makeId: makeProfile('published'),
    form: () => ({ action: 'unpublish' }),
  },
  {
    method: 'POST',
    path: '/inbox/profielen/:id',
    needs: 'record.write',
    makeId: makeProfile('published'),
    form: () => ({ action: 'posting', channel: 'instagram', postedOn: new Date().toISOString().slice(0, 10) }),
  },
  {
    method: 'POST',
    path: '/inbox/profielen/:id',
    needs: 'record.write',
    makeId: makeProfile('published'),
    form: () => ({ action: 'posting-removed', postingId: 'bericht-1' }),
  },
  { method: 'GET', path: '/inbox/profielen/:id/bewerken', needs: 'record.write', makeId: makeProfile('draft') },
  {
    method: 'POST',
    path: '/inbox/profielen/:id/bewerken',
    needs: 'record.write',
    makeId: makeProfile('published'),
    form: profileForm,
  },
  {
    method: 'POST',
    path: '/inbox/profielen/:id/bewerken',
    needs: 'record.write',
    makeId: makeProfile('published'),
    form: () => ({ ...profileForm(), action: 'preview' }),
    okStatus: 200,
  },
  // Koppelingen (src/pages/inbox/koppelingen, the shortlist, zorg over veiligheid, the agenda link).
  { method: 'GET', path: '/inbox/koppelingen', needs: 'record.read' },
  { method: 'GET', path: '/inbox/:id/steungezinnen', needs: 'record.read', target: 'vraaggezin' },
  {
    method: 'POST',
    path: '/inbox/:id/steungezinnen',
    needs: 'record.write',
    target: 'vraaggezin',
    prepare: async (db, gemeente) => ({ steungezinId: (await createSteungezin(db, { gemeenteSlug: gemeente })).id }),
    form: (f) => ({ action: 'propose', steungezinId: f.prepared?.steungezinId ?? '', proposedOn: today() }),
  },
  { method: 'GET', path: '/inbox/koppelingen/:id', needs: 'record.read', makeId: makeKoppeling('active') },
  ...koppelingRoutes(),
  { method: 'GET', path: '/inbox/zorgen/:id', needs: 'record.read', makeId: makeConcern(false) },
  {
    method: 'POST',
    path: '/inbox/zorgen/:id',
    needs: 'record.help',
    makeId: makeConcern(false),
    form: () => ({ action: 'step', step: 'consulted', on: today(), note: 'Toegangstest' }),
  },
  {
    method: 'POST',
    path: '/inbox/zorgen/:id',
    needs: 'record.write',
    makeId: makeConcern(true),
    form: () => ({ action: 'resolve', note: 'Toegangstest', confirm: 'ja' }),
  },
  // The agenda holds the koppelingen due in my gemeenten: record.read (a gemeente account has none).
  { method: 'GET', path: '/account/agenda', needs: 'record.read' },
  // Holds ("bewaren tot … omdat …", src/server/privacy): the retention job keeps the record.
  { method: 'GET', path: '/inbox/:id/bewaren', needs: 'record.read' },
  {
    method: 'POST',
    path: '/inbox/:id/bewaren',
    needs: 'record.write',
    form: () => ({ action: 'hold', keepUntil: addMonths(today(), 6), reason: 'Toegangstest: klacht loopt' }),
  },
  {
    method: 'POST',
    path: '/inbox/:id/bewaren',
    needs: 'record.write',
    makeId: async (db, gemeente) => {
      const family = await createRegistration(db, 'vraaggezin', { gemeenteSlug: gemeente });
      await createHold(db, { registration: family });
      return family.id;
    },
    form: () => ({ action: 'lift' }),
  },
  // The parents' own confirmation of a referral (src/server/privacy).
  { method: 'GET', path: '/inbox/:id/toestemming', needs: 'record.read', target: 'verwijzing' },
  {
    method: 'POST',
    path: '/inbox/:id/toestemming',
    needs: 'record.help',
    target: 'verwijzing',
    form: () => ({ action: 'consent', method: 'phone', givenOn: today() }),
  },
  // A request to see one's data: the national office downloads everything (JSON).
  { method: 'GET', path: '/inbox/:id/gegevens.json', needs: 'privacy.erase', anonymousStatus: 401 },
  // Deletion at the person's request: the national office only; the answer is the audit log.
  {
    method: 'POST',
    path: '/inbox/:id/bewaren',
    needs: 'privacy.erase',
    form: () => ({ action: 'erase', confirm: 'ja' }),
  },
  // Requests of people from /mijn-gegevens (src/pages/beheer/verzoeken.astro): the national office only.
  { method: 'GET', path: '/beheer/verzoeken', needs: 'privacy.erase' },
  {
    method: 'POST',
    path: '/beheer/verzoeken',
    needs: 'privacy.erase',
    prepare: async (db, gemeente) => {
      const family = await createRegistration(db, 'vraaggezin', {
        gemeenteSlug: gemeente,
        contactName: 'Toegang Test',
      });
      return { requestId: (await createPrivacyRequest(db, { registration: family })).id };
    },
    form: (f) => ({ action: 'confirm', requestId: f.prepared?.requestId ?? '' }),
  },
  // The new address is shown once, in the response itself (no redirect).
  // A new agenda link asks for the password again (it keeps working after the session).
  {
    method: 'POST',
    path: '/account/agenda',
    needs: 'record.read',
    form: (f) => ({ action: 'renew', confirm: f.password }),
    okStatus: 200,
  },
  { method: 'POST', path: '/account/agenda', needs: 'record.read', form: () => ({ action: 'stop' }) },
  // Progress reports (src/pages/rapportage, src/server/rapportage): every role for its gemeenten, the
  // gemeente role only these; the coordinator's text needs report.write.
  { method: 'GET', path: '/rapportage', needs: 'report.read' },
  { method: 'GET', path: '/rapportage/:gemeente', needs: 'report.read', makeId: gemeenteItself },
  { method: 'GET', path: '/rapportage/:gemeente.csv', needs: 'report.read', makeId: gemeenteItself },
  { method: 'GET', path: '/rapportage/:gemeente.xlsx', needs: 'report.read', makeId: gemeenteItself },
  {
    method: 'POST',
    path: '/rapportage/:gemeente',
    needs: 'report.write',
    makeId: gemeenteItself,
    form: () => ({ action: 'notes', periodKey: '2026-K3', highlights: 'Toegangstest', signals: '', plans: '' }),
  },
];

/** A koppeling in `phase` in `gemeente` (the families are made too); `signed: false` for one nobody signed yet. */
function makeKoppeling(phase: 'proposed' | 'agreed' | 'active', signed = true) {
  return async (db: Database, gemeente: string) =>
    (await createKoppeling(db, { gemeenteSlug: gemeente, phase, signed })).id;
}

function makeConcern(decided: boolean) {
  return async (db: Database, gemeente: string) =>
    (await createSafetyConcern(db, { gemeenteSlug: gemeente, decided })).id;
}

function screeningRoutes(): StaffRoute[] {
  const on = (action: string, form: () => Record<string, string | string[]>, extra: Partial<StaffRoute> = {}) =>
    ({
      method: 'POST',
      path: '/inbox/:id',
      needs: 'record.write',
      target: 'steungezin',
      form: () => ({ action, ...form() }),
      ...extra,
    }) as StaffRoute;
  return [
    on('intake', () => ({ number: '1', heldOn: today(), heldBy: 'Toegang' })),
    on('vog', () => ({ adult: '1', name: 'Toegang', requestedOn: today() })),
    on('adult-add', () => ({})),
    on('adult-remove', () => ({ adult: '2' })),
    on('checklist', () => ({ checked: 'stable_household' })),
    on('availability', () => ({
      days: 'wo',
      frequency: 'wekelijks',
      sleepovers: 'ja',
      ageGroups: '4-12',
      capacity: '1',
    })),
    // Everything in place: approving is allowed (and changes nothing more).
    on('approve', () => ({}), {
      makeId: async (db, gemeente) => (await createSteungezin(db, { gemeenteSlug: gemeente })).id,
    }),
  ];
}

function koppelingRoutes(): StaffRoute[] {
  const on = (
    action: string,
    phase: Parameters<typeof makeKoppeling>[0],
    form: () => Record<string, string | string[]>,
    extra: Partial<StaffRoute> = {},
  ) =>
    ({
      method: 'POST',
      path: '/inbox/koppelingen/:id',
      needs: 'record.write',
      makeId: makeKoppeling(phase),
      form: () => ({ action, ...form() }),
      ...extra,
    }) as StaffRoute;
  const effects = Object.fromEntries([...childEffects, ...parentEffects].map((e) => [`effect_${e.value}`, 'yes']));
  return [
    on('meeting', 'proposed', () => ({ meetingOn: today(), outcome: 'yes' })),
    on('cancel', 'proposed', () => ({ note: 'Toegangstest' })),
    on('start', 'agreed', () => ({
      startDate: today(),
      what: 'Spelen',
      frequency: 'wekelijks',
      sleepovers: 'no',
      houseRules: 'We bellen de coördinator als we ons zorgen maken.',
      youthCareKinds: 'none',
      signVraaggezin: 'later',
      signSteungezin: 'later',
    })),
    on('send-confirmation', 'active', () => ({ party: 'vraaggezin' }), { makeId: makeKoppeling('active', false) }),
    on('paper-signature', 'active', () => ({ party: 'vraaggezin', signedOn: today() }), {
      makeId: makeKoppeling('active', false),
    }),
    on('evaluation', 'active', () => ({
      heldOn: today(),
      attendees: ['vraaggezin', 'steungezin'],
      childrenScore: '4',
      parentsScore: '4',
      steungezinScore: '4',
      decision: 'continue',
    })),
    on('close', 'active', () => ({
      closedOn: today(),
      reason: 'goal_reached',
      continueTogether: 'yes',
      ...effects,
      youthCareFinal: 'prevented',
      wantsAnother: 'yes',
    })),
    on('concern', 'active', () => ({ raisedOn: today(), summary: 'Toegangstest: iets gezien bij het kind.' }), {
      needs: 'record.help',
    }),
  ];
}
