/**
 * Invented sign-ups in several states, with notes, contacts and history, so a new user of the
 * demo sees a living inbox. Names, places and stories are made up.
 */
import type { ConsentRecord, RegistrationDetails } from '~/lib/registration.types';
import type { DbOrTx } from '~/server/db/db';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { findResponsible, firstContactPromise } from '~/server/responsibility/responsibility';
import { type DemoStaffKey, demoCoordinatorOf } from '~/server/staff/staff.demo';
import { createInboxRepository } from './inbox.repository';

type DemoSignUp = {
  gemeente: string;
  kern: string;
  name: string;
  email?: string;
  phone?: string;
  daysAgo: number;
  details: RegistrationDetails;
  /** The path through the pipeline, after 'new'. */
  path?: string[];
  statusNote?: string;
  assigned?: boolean;
  notes?: string[];
  contacts?: { channel: string; daysAgo: number; summary: string }[];
};

const DAY = 86_400_000;

const SIGN_UPS: DemoSignUp[] = [
  {
    gemeente: 'beekdaelen',
    kern: 'Schimmert',
    name: 'Sanne Bessems',
    email: 'sanne.bessems@example.nl',
    phone: '+31612340001',
    daysAgo: 0.2,
    details: {
      kind: 'vraaggezin',
      children: [{ age: 6 }, { age: 9 }],
      supportWishes: ['vaste-middag', 'meegaan'],
      message: 'Ik werk in ploegendienst en sta er alleen voor. De jongste zou graag mee naar voetbal.',
    },
  },
  {
    gemeente: 'beekdaelen',
    kern: 'Oirsbeek',
    name: 'Familie Willems',
    email: 'p.willems@example.nl',
    daysAgo: 1.5,
    details: {
      kind: 'steungezin',
      adultsInHousehold: 2,
      ownChildren: [{ age: 12 }],
      days: ['wo', 'za'],
      frequency: 'wekelijks',
      sleepovers: 'misschien',
      ageGroups: ['4-12'],
      motivation:
        'Onze dochter is bijna groot en we hebben ruimte over. We willen graag iets doen voor een gezin in het dorp.',
      vogWilling: 'ja',
    },
  },
  {
    gemeente: 'beekdaelen',
    kern: 'Nuth',
    name: 'Ilse Hendriks',
    phone: '+31612340003',
    daysAgo: 4,
    details: {
      kind: 'vraaggezin',
      children: [{ birthYear: 2019 }],
      supportWishes: ['logeren', 'luisterend-oor'],
      message: null,
    },
    path: ['contacted'],
    assigned: true,
    notes: ['Gebeld, een fijn gesprek. Kennismaking gepland volgende week dinsdag.'],
    contacts: [{ channel: 'call', daysAgo: 2, summary: 'Afspraak gemaakt voor een eerste gesprek thuis.' }],
  },
  {
    gemeente: 'beekdaelen',
    kern: 'Amstenrade',
    name: 'Mo en Fatima El Idrissi',
    email: 'elidrissi@example.nl',
    daysAgo: 16,
    details: {
      kind: 'vraaggezin',
      children: [{ age: 3 }, { age: 7 }, { age: 11 }],
      supportWishes: ['weekend', 'meegaan'],
      message: 'We wonen hier sinds een jaar en kennen nog bijna niemand.',
    },
    path: ['contacted', 'intake_1', 'intake_2'],
    assigned: true,
    notes: [
      'Eerste kennismaking: warm gezin, vader werkt lange dagen. Kinderen willen graag naar buiten.',
      'Tweede gesprek: samen een zoekprofiel besproken. Geldzaken besproken en Jeugdfonds Sport & Cultuur genoemd.',
    ],
    contacts: [
      { channel: 'visit', daysAgo: 12, summary: 'Kennismaking 1 thuis.' },
      { channel: 'visit', daysAgo: 5, summary: 'Kennismaking 2 thuis.' },
    ],
  },
  {
    gemeente: 'beekdaelen',
    kern: 'Schinveld',
    name: 'Kim Op den Kamp',
    email: 'kim.opdenkamp@example.nl',
    daysAgo: 40,
    details: { kind: 'vraaggezin', children: [{ age: 8 }], supportWishes: ['vaste-middag'], message: null },
    path: ['contacted', 'intake_1', 'intake_2', 'profile_published', 'proposed'],
    assigned: true,
    notes: [
      'Profiel staat op de site en op Facebook.',
      'Familie Dassen voorgesteld; kennismaking tussen de gezinnen op zaterdag.',
    ],
  },
  {
    gemeente: 'beekdaelen',
    kern: 'Merkelbeek',
    name: 'Marcel Vroemen',
    phone: '+31612340006',
    daysAgo: 25,
    details: { kind: 'vraaggezin', children: [{ age: 14 }], supportWishes: ['weet-niet'], message: null },
    path: ['contacted', 'not_suitable'],
    statusNote: 'Vraag is te zwaar voor vrijwilligers; samen met het wijkteam verder.',
    assigned: true,
  },
  {
    gemeente: 'beekdaelen',
    kern: 'Nuth',
    name: 'Familie Dassen',
    email: 'dassen@example.nl',
    daysAgo: 60,
    details: {
      kind: 'steungezin',
      adultsInHousehold: 2,
      ownChildren: [],
      days: ['za', 'zo'],
      frequency: 'twee-wekelijks',
      sleepovers: 'ja',
      ageGroups: ['4-12', '12-18'],
      motivation: 'Wij hebben zelf veel steun gehad van buren toen onze kinderen klein waren.',
      vogWilling: 'ja',
    },
    path: ['contacted', 'intake_1', 'intake_2', 'vog_requested', 'approved'],
    assigned: true,
    notes: ['Beide VOG’s binnen. Goedgekeurd en klaar om voor te stellen.'],
  },
  {
    gemeente: 'beekdaelen',
    kern: 'Oirsbeek',
    name: 'Lotte Coenen',
    email: 'lotte.coenen@example.nl',
    daysAgo: 3,
    details: {
      kind: 'verwijzing',
      referrer: {
        name: 'Mw. Janssen',
        organisationType: 'school',
        organisationName: 'Basisschool De Bron',
        email: 'ib@debron.example.nl',
        phone: null,
      },
      children: [{ age: 7 }],
      reason: 'Moeder is alleen met drie kinderen en raakt overbelast. De oudste komt vaak moe op school.',
      parentsAgree: true,
      firstContact: 'coordinator',
      wantsUpdates: true,
    },
  },
  {
    gemeente: 'heerenveen',
    kern: 'Heerenveen-Centrum',
    name: 'Jelle de Vries',
    email: 'jelle.devries@example.nl',
    daysAgo: 2,
    details: {
      kind: 'vraaggezin',
      children: [{ age: 5 }],
      supportWishes: ['vaste-middag', 'logeren'],
      message: 'Mijn partner is ziek en ik zorg voor alles. Onze zoon mist de aandacht.',
    },
  },
  {
    gemeente: 'heerenveen',
    kern: 'Akkrum',
    name: 'Familie Postma',
    email: 'postma@example.nl',
    daysAgo: 9,
    details: {
      kind: 'steungezin',
      adultsInHousehold: 1,
      ownChildren: [{ age: 16 }, { age: 19 }],
      days: ['di'],
      frequency: 'wekelijks',
      sleepovers: 'nee',
      ageGroups: ['0-4', '4-12'],
      motivation: 'Ik ben met pensioen en mis de drukte van jonge kinderen.',
      vogWilling: 'ja',
    },
    path: ['contacted', 'intake_1'],
    assigned: true,
    contacts: [{ channel: 'mail', daysAgo: 8, summary: 'Uitleg gestuurd over de kennismaking.' }],
  },
  {
    gemeente: 'heerenveen',
    kern: 'Jubbega',
    name: 'Anouk Bakker',
    phone: '+31612340011',
    daysAgo: 30,
    details: { kind: 'vraaggezin', children: [{ age: 10 }], supportWishes: ['meegaan'], message: null },
    path: ['contacted', 'withdrawn'],
    statusNote: 'Heeft zelf hulp in de familie gevonden.',
  },
  {
    // Uithoorn has no coordinator: this one is for the regional coordinator of Noord-Holland.
    gemeente: 'uithoorn',
    kern: 'De Kwakel',
    name: 'Lotte Verbeek',
    phone: '+31612340021',
    daysAgo: 0.5,
    details: {
      kind: 'vraaggezin',
      children: [{ age: 5 }, { age: 8 }],
      supportWishes: ['weekend', 'luisterend-oor'],
      message: 'Mijn man werkt in het buitenland. De weekenden zijn lang met twee drukke kinderen.',
    },
  },
  {
    gemeente: 'haarlem',
    kern: 'Schalkwijk',
    name: 'Yasmina Amrani',
    email: 'y.amrani@example.nl',
    daysAgo: 1,
    details: {
      kind: 'vraaggezin',
      children: [{ age: 2 }, { age: 4 }],
      supportWishes: ['vaste-middag', 'luisterend-oor'],
      message: null,
    },
  },
  {
    gemeente: 'haarlem',
    kern: 'Noord',
    name: 'Familie van Dijk',
    email: 'vandijk@example.nl',
    daysAgo: 12,
    details: {
      kind: 'steungezin',
      adultsInHousehold: 2,
      ownChildren: [{ age: 6 }],
      days: ['wo'],
      frequency: 'wekelijks',
      sleepovers: 'misschien',
      ageGroups: ['4-12'],
      motivation: 'We willen graag ons huis en onze tijd delen.',
      vogWilling: 'ja',
    },
    path: ['contacted', 'intake_1', 'intake_2', 'vog_requested'],
  },
];

const consent = (at: Date): ConsentRecord[] => [
  {
    purpose: 'contact-and-store',
    text: 'Ik vind het goed dat Buurtgezinnen contact met mij opneemt en mijn gegevens hiervoor bewaart.',
    agreedAt: at.toISOString(),
  },
];

/** Inserts the demo sign-ups; `staff` gives the ids of the demo accounts (each gemeente's coordinator works its sign-ups). */
export async function seedDemoInbox(tx: DbOrTx, staff: Record<DemoStaffKey, string>, now = new Date()): Promise<void> {
  const registrations = createRegistrationsRepository({ db: tx });
  const inbox = createInboxRepository({ db: tx });
  for (const s of SIGN_UPS) {
    const createdAt = new Date(now.getTime() - s.daysAgo * DAY);
    const path = s.path ?? [];
    const status = path.at(-1) ?? 'new';
    const { id } = await registrations.insert({
      kind: s.details.kind,
      gemeenteSlug: s.gemeente,
      kern: s.kern,
      contactName: s.name,
      contactEmail: s.email ?? null,
      contactPhone: s.phone ?? null,
      details: s.details,
      consents: consent(createdAt),
      // What the person was told at sign-up, as the form would have stored it.
      contactPromise: firstContactPromise(await findResponsible(tx, s.gemeente), createdAt),
      status,
      createdAt,
      updatedAt: createdAt,
    });
    const byCoordinator = demoCoordinatorOf(s.gemeente, staff);
    // Spread the steps over the time since sign-up.
    const stepAt = (i: number) =>
      new Date(createdAt.getTime() + ((now.getTime() - createdAt.getTime()) * (i + 1)) / (path.length + 2));
    let from = 'new';
    for (const [i, to] of path.entries()) {
      await inbox.insertHistory({
        registrationId: id,
        staffId: byCoordinator,
        at: stepAt(i),
        change: 'status',
        fromValue: from,
        toValue: to,
        detail: to === status && s.statusNote ? { note: s.statusNote } : null,
      });
      from = to;
    }
    if (path.length || s.assigned) {
      await inbox.upsertItem(id, {
        assignedStaffId: s.assigned ? byCoordinator : null,
        statusNote: s.statusNote ?? null,
        statusChangedAt: path.length ? stepAt(path.length - 1) : null,
      });
    }
    for (const [i, body] of (s.notes ?? []).entries()) {
      await inbox.insertNote({
        registrationId: id,
        authorId: byCoordinator,
        body,
        createdAt: stepAt(Math.min(i + 1, path.length)),
      });
    }
    for (const c of s.contacts ?? []) {
      const on = new Date(now.getTime() - c.daysAgo * DAY).toISOString().slice(0, 10);
      await inbox.insertContact({
        registrationId: id,
        authorId: byCoordinator,
        channel: c.channel,
        contactedOn: on,
        summary: c.summary,
      });
    }
  }
}
