/**
 * Demo koppelingen in every phase, consistent with the public facts (docs/domain.md, "The
 * gemeenten in the demo content"): Beekdaelen started in October 2023 and has nine koppelingen
 * that started since (three closed with their effects, six running: one in its trial period, two
 * with an overdue evaluation, two due soon), plus a proposal, one that clicked and waits for its
 * start, and one kennismaking that did not click. Heerenveen has the koppeling behind its matched
 * profile; Haarlem one with an open zorg over veiligheid for the regional coordinator. Names and
 * stories are invented. Dates are relative to the day the demo is seeded.
 */
import { addDays, addMonths, amsterdamDate } from '~/lib/dates';
import type { RegistrationDetails } from '~/lib/registration.types';
import type { DbOrTx } from '~/server/db/db';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { DEFAULT_COMPETENCES } from '~/server/screening/screening.labels';
import { refreshScreeningState } from '~/server/screening/screening.pool';
import { createScreeningRepository } from '~/server/screening/screening.repository';
import { ALL_EFFECTS, DEFAULT_HOUSE_RULES, type KoppelingPhase } from './koppelingen.labels';
import { createKoppelingenRepository } from './koppelingen.repository';
import { refreshNextDue, refreshSteungezinMatching } from './koppelingen.usecases';

type Family = { name: string; kern: string; email?: string; children: number[]; wishes: string[] };
type Steun = {
  name: string;
  kern: string;
  email?: string;
  days: string[];
  ageGroups: string[];
  sleepovers: 'ja' | 'misschien' | 'nee';
  capacity?: number;
  /** Approved this many months before today. */
  approvedMonthsAgo: number;
  /** A VOG that runs out soon (days from today), for the renewal reminder. */
  vogRunsOutInDays?: number;
};
type DemoKoppeling = {
  gemeente: string;
  family: Family | { email: string };
  steungezin: Steun | { email: string };
  phase: KoppelingPhase;
  /** Months before today (fractions allowed, rounded to days). */
  startedMonthsAgo?: number;
  proposedDaysAgo?: number;
  /** Evaluations held, in months after the start. */
  evaluationsAt?: number[];
  closedMonthsAfterStart?: number;
  reason?: string;
  effects?: 'strong' | 'mixed';
  wantsAnother?: 'yes' | 'later' | 'no';
  emailSignaturePending?: boolean;
  meetingNote?: string;
  concern?: { daysAgo: number; summary: string; resolved: boolean };
};

const beekdaelenSteun = {
  schreurs: {
    name: 'Familie Schreurs',
    kern: 'Schimmert',
    email: 'schreurs@example.nl',
    days: ['wo', 'za'],
    ageGroups: ['4-12', '12-18'],
    sleepovers: 'ja',
    capacity: 2,
    approvedMonthsAgo: 30,
  },
} satisfies Record<string, Steun>;

const KOPPELINGEN: DemoKoppeling[] = [
  // --- Beekdaelen: nine that started since October 2023.
  {
    gemeente: 'beekdaelen',
    family: { name: 'Naomi Wetzels', kern: 'Nuth', children: [6, 9], wishes: ['vaste-middag'] },
    steungezin: {
      name: 'Joep en Anke Vliegen',
      kern: 'Nuth',
      days: ['wo'],
      ageGroups: ['4-12'],
      sleepovers: 'misschien',
      approvedMonthsAgo: 27,
    },
    phase: 'closed',
    startedMonthsAgo: 25,
    evaluationsAt: [2, 8, 14, 20],
    closedMonthsAfterStart: 24,
    reason: 'two_years',
    effects: 'strong',
    wantsAnother: 'yes',
  },
  {
    gemeente: 'beekdaelen',
    family: { name: 'Chantal Ploumen', kern: 'Schinnen', children: [3], wishes: ['vaste-middag', 'logeren'] },
    steungezin: beekdaelenSteun.schreurs,
    phase: 'closed',
    startedMonthsAgo: 29,
    evaluationsAt: [2, 8],
    closedMonthsAfterStart: 13,
    reason: 'goal_reached',
    effects: 'strong',
    wantsAnother: 'yes',
  },
  {
    gemeente: 'beekdaelen',
    family: { name: 'Rachid Bouhali', kern: 'Oirsbeek', children: [10, 12], wishes: ['meegaan'] },
    steungezin: {
      name: 'Familie Kurvers',
      kern: 'Amstenrade',
      days: ['za'],
      ageGroups: ['12-18'],
      sleepovers: 'nee',
      approvedMonthsAgo: 28,
    },
    phase: 'closed',
    startedMonthsAgo: 26,
    evaluationsAt: [2],
    closedMonthsAfterStart: 5,
    reason: 'moved',
    effects: 'mixed',
    wantsAnother: 'no',
  },
  {
    gemeente: 'beekdaelen',
    family: { name: 'Esther Brouns', kern: 'Hulsberg', children: [4, 7], wishes: ['vaste-middag', 'weekend'] },
    steungezin: {
      name: 'Huub en Ria Lemmens',
      kern: 'Hulsberg',
      days: ['di', 'za'],
      ageGroups: ['0-4', '4-12'],
      sleepovers: 'ja',
      approvedMonthsAgo: 25,
      vogRunsOutInDays: 40,
    },
    phase: 'active',
    startedMonthsAgo: 23.6,
    evaluationsAt: [2, 8, 14, 20],
  },
  {
    gemeente: 'beekdaelen',
    family: { name: 'Patricia Hermans', kern: 'Schinveld', children: [8], wishes: ['vaste-middag'] },
    steungezin: { email: 'schreurs@example.nl' },
    phase: 'active',
    startedMonthsAgo: 11,
    evaluationsAt: [2],
    concern: {
      daysAgo: 150,
      summary:
        'Het kind vertelde bij het steungezin dat het thuis vaak lang alleen is. Besproken met moeder; zij werkte toen avonddiensten.',
      resolved: true,
    },
  },
  {
    gemeente: 'beekdaelen',
    family: { name: 'Ilona Coenen', kern: 'Merkelbeek', children: [5], wishes: ['vaste-middag', 'logeren'] },
    steungezin: {
      name: 'Familie Bisschops',
      kern: 'Bingelrade',
      days: ['vr'],
      ageGroups: ['0-4', '4-12'],
      sleepovers: 'ja',
      approvedMonthsAgo: 9,
    },
    phase: 'active',
    startedMonthsAgo: 7.7,
    evaluationsAt: [2],
  },
  {
    gemeente: 'beekdaelen',
    family: { name: 'Saskia Gulpers', kern: 'Vaesrade', children: [2, 6], wishes: ['vaste-middag'] },
    steungezin: {
      name: 'Marcel en Ineke Dirix',
      kern: 'Nuth',
      days: ['ma', 'wo'],
      ageGroups: ['0-4', '4-12'],
      sleepovers: 'misschien',
      approvedMonthsAgo: 7,
    },
    phase: 'active',
    startedMonthsAgo: 5,
    evaluationsAt: [2],
  },
  {
    gemeente: 'beekdaelen',
    family: {
      name: 'Jolanda Smeets',
      kern: 'Jabeek',
      email: 'j.smeets@example.nl',
      children: [9],
      wishes: ['meegaan'],
    },
    steungezin: {
      name: 'Familie Notermans',
      kern: 'Bingelrade',
      email: 'notermans@example.nl',
      days: ['za'],
      ageGroups: ['4-12'],
      sleepovers: 'nee',
      approvedMonthsAgo: 2,
    },
    phase: 'active',
    startedMonthsAgo: 0.7,
    emailSignaturePending: true,
  },
  {
    gemeente: 'beekdaelen',
    family: { name: 'Mandy Ruijters', kern: 'Doenrade', children: [11], wishes: ['weekend'] },
    steungezin: {
      name: 'Familie Heijnen',
      kern: 'Doenrade',
      days: ['zo'],
      ageGroups: ['4-12', '12-18'],
      sleepovers: 'ja',
      approvedMonthsAgo: 4,
    },
    phase: 'active',
    startedMonthsAgo: 2.5,
  },
  // --- Beekdaelen: open proposals.
  {
    gemeente: 'beekdaelen',
    family: { email: 'kim.opdenkamp@example.nl' },
    steungezin: { email: 'dassen@example.nl' },
    phase: 'proposed',
    proposedDaysAgo: 5,
  },
  {
    gemeente: 'beekdaelen',
    family: { email: 'elidrissi@example.nl' },
    steungezin: {
      name: 'Familie Hermans-Wolfs',
      kern: 'Amstenrade',
      email: 'hermans.wolfs@example.nl',
      days: ['za', 'zo'],
      ageGroups: ['0-4', '4-12'],
      sleepovers: 'misschien',
      approvedMonthsAgo: 1,
    },
    phase: 'agreed',
    proposedDaysAgo: 9,
    meetingNote: 'De kinderen speelden meteen samen; vader en steunvader delen hun liefde voor voetbal.',
  },
  {
    gemeente: 'beekdaelen',
    family: { name: 'Ilse Vaessen', kern: 'Wijnandsrade', children: [4], wishes: ['vaste-middag'] },
    steungezin: {
      name: 'Wim en Els Ramakers',
      kern: 'Hulsberg',
      days: ['ma', 'di'],
      ageGroups: ['0-4'],
      sleepovers: 'nee',
      approvedMonthsAgo: 1.5,
    },
    phase: 'declined',
    proposedDaysAgo: 21,
    meetingNote: 'Moeder zocht een gezin met kinderen; dit steungezin is opa en oma. Geen klik, wel een fijn gesprek.',
  },
  // --- Heerenveen: the koppeling behind the matched profile in Jubbega.
  {
    gemeente: 'heerenveen',
    family: { email: 'marieke.zandstra@example.nl' },
    steungezin: {
      name: 'Familie de Boer',
      kern: 'Jubbega',
      email: 'deboer@example.nl',
      days: ['za'],
      ageGroups: ['4-12'],
      sleepovers: 'nee',
      approvedMonthsAgo: 1,
    },
    phase: 'active',
    startedMonthsAgo: 0.07,
  },
  // --- Haarlem: for the regional coordinator (Noord-Holland), with an open zorg over veiligheid.
  {
    gemeente: 'haarlem',
    family: { name: 'Femke Kramer', kern: 'Schalkwijk', children: [7], wishes: ['vaste-middag'] },
    steungezin: {
      name: 'Familie Visser',
      kern: 'Haarlem-Oost',
      days: ['wo'],
      ageGroups: ['4-12'],
      sleepovers: 'misschien',
      approvedMonthsAgo: 6,
    },
    phase: 'active',
    startedMonthsAgo: 4,
    concern: {
      daysAgo: 2,
      summary:
        'Het steungezin zag twee keer blauwe plekken op de arm van het kind. Het kind zei dat het gevallen was. Nog niet besproken met moeder.',
      resolved: false,
    },
  },
];

const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');

const consent = (at: Date) => [
  {
    purpose: 'contact-and-store',
    text: 'Ik vind het goed dat Buurtgezinnen contact met mij opneemt en mijn gegevens hiervoor bewaart.',
    agreedAt: at.toISOString(),
  },
];

export async function seedDemoKoppelingen(tx: DbOrTx, staff: { coordinator: string }, now = new Date()) {
  const today = amsterdamDate(now);
  const at = (day: string) => new Date(`${day}T10:00:00Z`);
  const monthsAgo = (months: number) => addDays(today, -Math.round(months * 30.4));
  const registrations = createRegistrationsRepository({ db: tx });
  const screenings = createScreeningRepository({ db: tx });
  const koppelingen = createKoppelingenRepository({ db: tx });
  const steungezinIds = new Map<string, string>();

  async function family(gemeente: string, f: DemoKoppeling['family'], status: string, since: string) {
    if (!('name' in f)) {
      const found = await registrations.findFirstWithEmail(gemeente, f.email);
      if (!found) throw new Error(`demo: geen aanmelding met ${f.email}`);
      await registrations.setStatus(found.id, status);
      return found.id;
    }
    const details: RegistrationDetails = {
      kind: 'vraaggezin',
      children: f.children.map((age) => ({ age })),
      supportWishes: f.wishes,
      message: null,
    };
    const signedUp = at(addDays(since, -45));
    const { id } = await registrations.insert({
      kind: 'vraaggezin',
      gemeenteSlug: gemeente,
      kern: f.kern,
      contactName: f.name,
      contactEmail: f.email ?? `${slug(f.name)}@example.nl`,
      details,
      consents: consent(signedUp),
      status,
      createdAt: signedUp,
      updatedAt: signedUp,
    });
    return id;
  }

  async function steungezin(gemeente: string, s: DemoKoppeling['steungezin']) {
    const email = s.email ?? `${slug('name' in s ? s.name : 'x')}@example.nl`;
    const known = steungezinIds.get(email) ?? (await registrations.findFirstWithEmail(gemeente, email))?.id;
    const existing = known ? await screenings.find(known) : undefined;
    if (known && existing?.approvedAt) return known;
    const profile = 'name' in s ? s : null;
    const approvedOn = profile ? monthsAgo(profile.approvedMonthsAgo) : addDays(today, -40);
    const id =
      known ??
      (
        await registrations.insert({
          kind: 'steungezin',
          gemeenteSlug: gemeente,
          kern: profile!.kern,
          contactName: profile!.name,
          contactEmail: email,
          details: {
            kind: 'steungezin',
            adultsInHousehold: 2,
            ownChildren: [],
            days: profile!.days,
            frequency: 'wekelijks',
            sleepovers: profile!.sleepovers,
            ageGroups: profile!.ageGroups,
            motivation: 'Wij hebben tijd en ruimte, en willen graag een gezin in de buurt helpen.',
            vogWilling: 'ja',
          },
          consents: consent(at(addDays(approvedOn, -60))),
          status: 'approved',
          createdAt: at(addDays(approvedOn, -60)),
          updatedAt: at(approvedOn),
        })
      ).id;
    const registration = (await registrations.getById(id))!;
    const details = registration.details as Extract<RegistrationDetails, { kind: 'steungezin' }>;
    await screenings.create(
      {
        registrationId: id,
        gemeenteSlug: gemeente,
        competences: DEFAULT_COMPETENCES.map((c) => ({ ...c, checked: true })),
        checklistSignedOffAt: at(addDays(approvedOn, -2)),
        checklistSignedOffBy: staff.coordinator,
        days: details.days,
        frequency: details.frequency,
        sleepovers: details.sleepovers,
        ageGroups: details.ageGroups,
        capacity: profile?.capacity ?? 1,
        approvedAt: at(approvedOn),
        approvedBy: staff.coordinator,
        kern: registration.kern,
        respondedToProfileId: registration.profileId,
      },
      details.adultsInHousehold,
    );
    for (const number of [1, 2])
      await screenings.saveIntake({
        registrationId: id,
        number,
        heldOn: addDays(approvedOn, number === 1 ? -40 : -25),
        heldBy: 'Demi Coördinator',
        staffId: staff.coordinator,
      });
    for (let adult = 1; adult <= details.adultsInHousehold; adult++) {
      const receivedOn = addDays(approvedOn, -5);
      const runsOut = profile?.vogRunsOutInDays;
      await screenings.saveVog({
        registrationId: id,
        adultNumber: adult,
        name: `${registration.contactName.replace(/^Familie /, '')} (volwassene ${adult})`,
        requestedOn: addDays(approvedOn, -20),
        receivedOn,
        validUntil: runsOut && adult === 1 ? addDays(today, runsOut) : addMonths(receivedOn, 36),
      });
    }
    await refreshScreeningState(tx, id, now);
    steungezinIds.set(email, id);
    return id;
  }

  for (const k of KOPPELINGEN) {
    const started = k.startedMonthsAgo !== undefined ? monthsAgo(k.startedMonthsAgo) : null;
    const proposedOn = started ? addDays(started, -21) : addDays(today, -(k.proposedDaysAgo ?? 7));
    const meetingOn = k.phase === 'proposed' ? null : started ? addDays(started, -10) : addDays(proposedOn, 4);
    const closedOn = started && k.closedMonthsAfterStart ? addMonths(started, k.closedMonthsAfterStart) : null;
    const familyStatus = { proposed: 'proposed', agreed: 'proposed', active: 'matched', closed: 'completed' }[
      k.phase as string
    ];
    const vraaggezinId = await family(k.gemeente, k.family, familyStatus ?? 'intake_2', proposedOn);
    const steungezinId = await steungezin(k.gemeente, k.steungezin);
    const koppeling = await koppelingen.insert({
      gemeenteSlug: k.gemeente,
      vraaggezinId,
      steungezinId,
      phase: k.phase,
      proposedOn,
      meetingOn,
      meetingOutcome: meetingOn ? (k.phase === 'declined' ? 'no' : 'yes') : null,
      meetingNote: k.meetingNote ?? null,
      startDate: started,
      agreements: started
        ? {
            what: 'Een vaste middag spelen en samen eten bij het steungezin',
            frequency: 'wekelijks',
            days: [],
            sleepovers: 'later',
          }
        : null,
      houseRules: started ? [...DEFAULT_HOUSE_RULES] : null,
      youthCareBaseline: started ? { kinds: ['wijkteam'], intensity: 'monthly', note: null } : null,
      signedAt: started && !k.emailSignaturePending ? at(started) : null,
      endedOn: closedOn ?? (k.phase === 'declined' ? meetingOn : null),
      createdBy: staff.coordinator,
      createdAt: at(proposedOn),
      updatedAt: at(closedOn ?? started ?? meetingOn ?? proposedOn),
    });
    const history = (day: string, change: string, toPhase: string, detail: Record<string, unknown> = {}) =>
      koppelingen.insertHistory({
        koppelingId: koppeling.id,
        staffId: staff.coordinator,
        at: at(day),
        change,
        toPhase,
        detail,
      });
    await history(proposedOn, 'proposed', 'proposed');
    if (meetingOn)
      await history(meetingOn, 'meeting', k.phase === 'declined' ? 'declined' : 'agreed', {
        outcome: k.phase === 'declined' ? 'no' : 'yes',
        ...(k.meetingNote ? { note: k.meetingNote } : {}),
      });
    if (started) {
      await history(started, 'started', 'active', { startDate: started });
      for (const party of ['vraaggezin', 'steungezin'] as const) {
        const pending = k.emailSignaturePending && party === 'vraaggezin';
        await koppelingen.saveSignature({
          koppelingId: koppeling.id,
          party,
          method: pending ? 'email' : 'paper',
          // A link that was sent, whose secret nobody knows any more: "Stuur een nieuwe link" makes a usable one.
          tokenHash: pending ? `demo-${koppeling.id}` : null,
          tokenExpiresAt: pending ? at(addDays(today, 10)) : null,
          sentAt: pending ? at(started) : null,
          signedAt: pending ? null : at(started),
          signedOn: pending ? null : started,
          consent: pending
            ? null
            : {
                purpose: 'koppeling-afspraken',
                text: DEFAULT_HOUSE_RULES.join('\n'),
                agreedAt: at(started).toISOString(),
              },
        });
      }
    }
    for (const [i, month] of (k.evaluationsAt ?? []).entries()) {
      const heldOn = addDays(addMonths(started!, month), 3);
      if (heldOn > today) continue;
      await koppelingen.insertEvaluation({
        koppelingId: koppeling.id,
        sequence: i + 1,
        dueOn: addMonths(started!, month),
        heldOn,
        attendees: ['vraaggezin', 'steungezin', 'coordinator'],
        childrenScore: 4 + (i % 2),
        parentsScore: 4,
        steungezinScore: 5 - (i % 2),
        notes: i === 0 ? 'Proefperiode goed doorgekomen. De kinderen kijken uit naar de woensdag.' : null,
        decision: 'continue',
        recordedBy: staff.coordinator,
        createdAt: at(heldOn),
      });
      await history(heldOn, 'evaluation', 'active', { sequence: i + 1, heldOn });
    }
    if (k.phase === 'closed' && closedOn) {
      const mixed = k.effects === 'mixed';
      await koppelingen.insertClosure({
        koppelingId: koppeling.id,
        closedOn,
        reason: k.reason ?? 'goal_reached',
        continueTogether: mixed ? 'no' : 'yes',
        effects: Object.fromEntries(
          ALL_EFFECTS.map((code, i) => [
            code,
            mixed ? (['somewhat', 'unknown', 'yes', 'no'][i % 4] ?? 'unknown') : i % 5 === 4 ? 'somewhat' : 'yes',
          ]),
        ),
        youthCareFinal: mixed ? 'same' : 'reduced',
        steungezinWantsAnother: k.wantsAnother ?? 'yes',
        satisfaction: mixed ? null : { vraaggezin: { reachability: 9, match_quality: 9 }, steungezin: { support: 8 } },
        recordedBy: staff.coordinator,
        createdAt: at(closedOn),
      });
      await history(closedOn, 'closed', 'closed', { reason: k.reason });
    }
    if (k.concern) {
      const raisedOn = addDays(today, -k.concern.daysAgo);
      await koppelingen.insertConcern({
        gemeenteSlug: k.gemeente,
        registrationId: vraaggezinId,
        koppelingId: koppeling.id,
        raisedOn,
        raisedBy: k.gemeente === 'haarlem' ? null : staff.coordinator,
        summary: k.concern.summary,
        steps: k.concern.resolved
          ? [
              {
                step: 'consulted',
                on: addDays(raisedOn, 1),
                note: 'Met de regiocoördinator besproken.',
                staffId: staff.coordinator,
                at: at(raisedOn).toISOString(),
              },
              {
                step: 'talked',
                on: addDays(raisedOn, 3),
                note: 'Moeder regelt opvang voor de avonden.',
                staffId: staff.coordinator,
                at: at(raisedOn).toISOString(),
              },
              {
                step: 'decided',
                on: addDays(raisedOn, 7),
                note: null,
                staffId: staff.coordinator,
                at: at(raisedOn).toISOString(),
              },
            ]
          : [],
        decision: k.concern.resolved ? 'no_concern' : null,
        resolvedAt: k.concern.resolved ? at(addDays(raisedOn, 10)) : null,
        resolvedBy: k.concern.resolved ? staff.coordinator : null,
        resolutionNote: k.concern.resolved ? 'Het gaat goed; de avonden zijn geregeld.' : null,
        createdAt: at(raisedOn),
        updatedAt: at(raisedOn),
      });
      await history(raisedOn, 'concern', k.phase);
    }
    await refreshNextDue(tx, koppeling.id);
  }
  // The steungezinnen's place on the shortlist and their inbox status follow their koppelingen.
  for (const id of steungezinIds.values()) {
    await refreshSteungezinMatching(tx, id, now);
    const open = (await koppelingen.openPhasesOfSteungezinnen([id])).get(id) ?? [];
    const closed = (await koppelingen.ofRegistration(id)).find((k) => k.phase === 'closed');
    const wantsAnother = closed ? (await koppelingen.closure(closed.id))?.steungezinWantsAnother !== 'no' : true;
    const status = open.includes('active')
      ? 'matched'
      : open.length
        ? 'proposed'
        : wantsAnother
          ? 'approved'
          : 'withdrawn';
    await registrations.setStatus(id, status);
    await refreshScreeningState(tx, id, now);
  }
}
