/**
 * Demo sign-ups that show what the forms themselves produce beyond the inbox demo
 * (src/server/inbox/inbox.demo.ts): a repeat sign-up linked to the first one, a referral where
 * the parents make the first contact (so no family contact details), and a steungezin who only
 * left a phone number and a time to call. All invented.
 */
import { consentTexts } from '~/lib/registration.options';
import type { DbOrTx } from '~/server/db/db';
import { createRegistrationsRepository, type NewRegistrationRow } from './registrations.repository';

const HOUR = 3600_000;

export async function seedDemoRegistrations(tx: DbOrTx, now = new Date()): Promise<void> {
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  const consent = (purpose: keyof typeof consentTexts, when: Date) => ({
    purpose,
    text: consentTexts[purpose],
    agreedAt: when.toISOString(),
  });

  const registrations = createRegistrationsRepository({ db: tx });
  // A repeat of the newest demo sign-up (sent twice, the second time with a phone number).
  const first = await registrations.findFirstWithEmail('beekdaelen', 'sanne.bessems@example.nl');
  const rows: NewRegistrationRow[] = [];
  if (first) {
    const when = new Date(Math.min(now.getTime(), first.createdAt.getTime() + 2 * HOUR));
    rows.push({
      kind: 'vraaggezin',
      gemeenteSlug: 'beekdaelen',
      kern: first.kern,
      contactName: 'Sanne Bessems',
      contactEmail: 'sanne.bessems@example.nl',
      contactPhone: '+31612340001',
      preferredContactTime: 'avond',
      details: first.details,
      source: 'social-media',
      consents: [consent('contact-and-store', when)],
      duplicateOfId: first.id,
      createdAt: when,
      updatedAt: when,
    });
  }
  rows.push(
    {
      kind: 'verwijzing',
      gemeenteSlug: 'heerenveen',
      kern: 'Akkrum',
      contactName: 'Noor',
      details: {
        kind: 'verwijzing',
        referrer: {
          name: 'Bram Hoekstra',
          organisationType: 'wijkteam',
          organisationName: 'Gebiedsteam Heerenveen-Noord',
          email: 'b.hoekstra@gebiedsteam.example.nl',
          phone: '+31513123456',
        },
        children: [{ age: 1 }, { age: 4 }],
        reason: 'Jonge moeder, net verhuisd, geen familie in de buurt. Ze wil graag iemand om op terug te vallen.',
        parentsAgree: true,
        firstContact: 'ouders',
        wantsUpdates: false,
      },
      consents: [consent('referrer-store', at(20)), consent('parents-agree', at(20))],
      createdAt: at(20),
      updatedAt: at(20),
    },
    {
      kind: 'steungezin',
      gemeenteSlug: 'beekdaelen',
      kern: 'Hulsberg',
      postcode: '6336 AB',
      contactName: 'Harrie',
      contactPhone: '+31455231234',
      preferredContactTime: 'ochtend',
      details: {
        kind: 'steungezin',
        adultsInHousehold: 2,
        ownChildren: [],
        days: ['ma', 'di', 'do'],
        frequency: 'in-overleg',
        sleepovers: 'nee',
        ageGroups: ['0-4'],
        motivation: 'Wij zijn opa en oma van vier kleinkinderen en missen de drukte.',
        vogWilling: 'vraag',
      },
      source: 'krant-website',
      consents: [consent('contact-and-store', at(30))],
      createdAt: at(30),
      updatedAt: at(30),
    },
  );
  await registrations.insertMany(rows);
}
