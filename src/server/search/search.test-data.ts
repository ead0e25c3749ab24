/**
 * A realistic Dutch test set for the search contract tests: diacritics, particles ("van der",
 * "de"), villages of Beekdaelen and Heerenveen, referrals with an organisation, notes.
 * Test-only (imported by *.test.ts); written with the shared factories, so the search triggers
 * run as for real sign-ups. Sign-ups without `details` get the factories' valid defaults.
 */

import type { RegistrationDetails } from '~/lib/registration.types';
import type { Database } from '~/server/db/db';
import { createInboxItem, createNote, createRegistration, createStaff } from '~tests/support/factories';

function verwijzingDetails(name: string, organisationName: string, email: string): RegistrationDetails {
  return {
    kind: 'verwijzing',
    referrer: { name, organisationType: 'school', organisationName, email, phone: null },
    children: [{ age: 9 }],
    reason: 'Moeder staat er alleen voor.',
    parentsAgree: true,
    firstContact: 'coordinator',
    wantsUpdates: true,
  };
}

export type TestPerson = {
  key: string;
  kind: 'vraaggezin' | 'steungezin' | 'verwijzing';
  gemeente: string;
  kern: string | null;
  name: string;
  email?: string;
  phone?: string;
  postcode?: string;
  details?: RegistrationDetails;
  status?: string;
  notes?: string[];
  daysAgo: number;
};

export const TEST_PEOPLE: TestPerson[] = [
  {
    key: 'fatima',
    kind: 'vraaggezin',
    gemeente: 'beekdaelen',
    kern: 'Oirsbeek',
    name: 'Fatima El Amrani',
    email: 'f.elamrani@hotmail.com',
    phone: '+31612345678',
    postcode: '6438 AB',
    daysAgo: 30,
  },
  {
    key: 'fatima-nuth',
    kind: 'steungezin',
    gemeente: 'beekdaelen',
    kern: 'Nuth',
    name: 'Fatima Bakkali',
    email: 'bakkali.gezin@gmail.com',
    phone: '+31623456789',
    daysAgo: 12,
  },
  {
    key: 'janssen',
    kind: 'steungezin',
    gemeente: 'beekdaelen',
    kern: 'Schimmert',
    name: 'Peter Janssen',
    email: 'peter.janssen@ziggo.nl',
    phone: '+31687654321',
    postcode: '6333 BK',
    daysAgo: 20,
    notes: ['Heeft ervaring met pleegzorg. Past goed bij een van onze steungezinnen in Schimmert als tweede gezin.'],
  },
  {
    key: 'jansen',
    kind: 'vraaggezin',
    gemeente: 'beekdaelen',
    kern: 'Amstenrade',
    name: 'Marieke Jansen',
    email: 'marieke.j@live.nl',
    daysAgo: 5,
  },
  {
    key: 'vanderlinden',
    kind: 'vraaggezin',
    gemeente: 'beekdaelen',
    kern: 'Hulsberg',
    name: 'Anouk van der Linden',
    email: 'anouk.vanderlinden@kpnmail.nl',
    phone: '+31645678901',
    daysAgo: 40,
  },
  {
    key: 'dejong',
    kind: 'steungezin',
    gemeente: 'beekdaelen',
    kern: 'Schinveld',
    name: 'Sander de Jong',
    email: 'sander@dejong-schinveld.nl',
    daysAgo: 8,
  },
  {
    key: 'bjorn',
    kind: 'steungezin',
    gemeente: 'beekdaelen',
    kern: 'Jabeek',
    name: 'Björn Öztürk',
    email: 'bjorn.ozturk@gmail.com',
    daysAgo: 3,
  },
  {
    key: 'smeets-exact',
    kind: 'vraaggezin',
    gemeente: 'beekdaelen',
    kern: 'Merkelbeek',
    name: 'Jan Smeets',
    email: 'jan.smeets@ziggo.nl',
    daysAgo: 50,
  },
  {
    key: 'smeets-other',
    kind: 'steungezin',
    gemeente: 'beekdaelen',
    kern: 'Merkelbeek',
    name: 'Janneke Smeets-Houben',
    email: 'j.smeets.houben@ziggo.nl',
    daysAgo: 2,
  },
  {
    key: 'verwijzing',
    kind: 'verwijzing',
    gemeente: 'beekdaelen',
    kern: 'Schinnen',
    name: 'Familie Kurt',
    email: 'kurt.schinnen@gmail.com',
    details: verwijzingDetails('Ellen Vroemen', 'Basisschool De Regenboog', 'e.vroemen@regenboog-schinnen.nl'),
    daysAgo: 15,
  },
  {
    key: 'renee',
    kind: 'vraaggezin',
    gemeente: 'beekdaelen',
    kern: 'Doenrade',
    name: 'Renée Hermans',
    email: 'renee.hermans@outlook.com',
    phone: '+31656789012',
    postcode: '6439 CD',
    status: 'contacted',
    daysAgo: 60,
  },
  // Heerenveen: look-alikes of the Beekdaelen people, so isolation failures would show.
  {
    key: 'hv-fatima',
    kind: 'vraaggezin',
    gemeente: 'heerenveen',
    kern: 'Akkrum',
    name: 'Fatima Oirsbeek',
    email: 'fatima.oirsbeek@gmail.com',
    phone: '+31612345679',
    postcode: '8491 AB',
    daysAgo: 10,
    notes: ['Zoekt steungezinnen in de buurt van Akkrum, belt liever na 19 uur.'],
  },
  {
    key: 'hv-janssen',
    kind: 'steungezin',
    gemeente: 'heerenveen',
    kern: 'Jubbega',
    name: 'Sjoerd Janssen',
    email: 'sjoerd.janssen@ziggo.nl',
    phone: '+31687654320',
    daysAgo: 7,
  },
  {
    key: 'hv-dejong',
    kind: 'verwijzing',
    gemeente: 'heerenveen',
    kern: 'Heerenveen',
    name: 'Familie de Jong',
    email: 'dejong.heerenveen@gmail.com',
    details: verwijzingDetails('Tjitske Hoekstra', 'Wijkteam Heerenveen-Noord', 't.hoekstra@heerenveen.nl'),
    daysAgo: 25,
  },
  {
    key: 'haarlem',
    kind: 'vraaggezin',
    gemeente: 'haarlem',
    kern: 'Schalkwijk',
    name: 'Fatma Yilmaz',
    email: 'fatma.yilmaz@gmail.com',
    phone: '+31612345670',
    daysAgo: 9,
  },
];

export type SeededTestSet = { ids: Record<string, string>; gemeenteOf: Map<string, string>; staffId: string };

export async function seedSearchTestSet(db: Database, now = new Date()): Promise<SeededTestSet> {
  const staff = await createStaff(db, { displayName: 'Test Coördinator' });
  const ids: Record<string, string> = {};
  const gemeenteOf = new Map<string, string>();
  for (const p of TEST_PEOPLE) {
    // Contact details as listed (no factory defaults): every searchable value here is deliberate.
    const registration = await createRegistration(db, p.kind, {
      gemeenteSlug: p.gemeente,
      kern: p.kern,
      postcode: p.postcode ?? null,
      contactName: p.name,
      contactEmail: p.email ?? null,
      contactPhone: p.phone ?? null,
      ...(p.details ? { details: p.details } : {}),
      status: p.status ?? 'new',
      createdAt: new Date(now.getTime() - p.daysAgo * 86_400_000),
    });
    ids[p.key] = registration.id;
    gemeenteOf.set(registration.id, p.gemeente);
    for (const body of p.notes ?? []) await createNote(db, { registration, author: staff, body });
  }
  await createInboxItem(db, { registration: { id: ids.janssen! }, assignedTo: staff });
  return { ids, gemeenteOf, staffId: staff.id };
}
