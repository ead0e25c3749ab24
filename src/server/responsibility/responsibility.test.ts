import { beforeEach, describe, expect, it } from 'vitest';
import { parseRegistrationForm } from '~/lib/registration.schemas';
import type { Database } from '~/server/db/db';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import { storeRegistration } from '~/server/registrations/registrations.usecases';
import { createTestDatabase } from '~tests/support/database';
import { createStaff } from '~tests/support/factories';
import { findResponsible, firstContactPromise, gemeentenInMyCare } from './responsibility';
import { firstContactSentence } from './responsibility.labels';

let db: Database;
beforeEach(async () => {
  ({ db } = await createTestDatabase());
});

const names = async (gemeente: string) => {
  const responsible = await findResponsible(db, gemeente);
  return { level: responsible.level, people: responsible.people.map((person) => person.name) };
};

describe('who is responsible for a sign-up (docs/domain.md, "Who is responsible, always")', () => {
  it('is the gemeente’s coordinators, longest-serving first, not the region or the office', async () => {
    await createStaff(db, { role: 'backoffice', displayName: 'Bo Bureau' });
    await createStaff(db, { role: 'regional', regions: ['Zuid-Limburg'], displayName: 'Rian Regio' });
    await createStaff(db, {
      gemeenten: ['beekdaelen'],
      displayName: 'Maud Hendriks',
      now: new Date('2024-01-01T10:00:00Z'),
    });
    await createStaff(db, { gemeenten: ['beekdaelen', 'heerenveen'], displayName: 'Anouk Peeters' });
    expect(await names('beekdaelen')).toEqual({ level: 'coordinator', people: ['Maud Hendriks', 'Anouk Peeters'] });
  });

  it('is the regional coordinator of the region when the gemeente has no coordinator who can log in', async () => {
    await createStaff(db, { role: 'backoffice', displayName: 'Bo Bureau' });
    await createStaff(db, { role: 'regional', regions: ['Noord-Holland'], displayName: 'Rik Regio' });
    await createStaff(db, { role: 'regional', regions: ['Noord'], displayName: 'Sjoukje Noord' });
    // Invited but not enrolled, and disabled: neither can open the inbox, so neither is responsible.
    await createStaff(db, { gemeenten: ['uithoorn'], displayName: 'Nog Niet Begonnen', enrolled: false });
    await createStaff(db, { gemeenten: ['uithoorn'], displayName: 'Al Vertrokken', disabledAt: new Date() });
    expect(await names('uithoorn')).toEqual({ level: 'regional', people: ['Rik Regio'] });
  });

  it('is the national office when neither the gemeente nor its region has anyone', async () => {
    await createStaff(db, { role: 'backoffice', displayName: 'Bo Bureau' });
    await createStaff(db, { role: 'regional', regions: ['Noord-Holland'], displayName: 'Rik Regio' });
    expect(await names('heerenveen')).toEqual({ level: 'backoffice', people: ['Bo Bureau'] });
  });

  it('knows, per staff member, the gemeenten whose sign-ups are theirs to pick up', async () => {
    const office = await createStaff(db, { role: 'backoffice' });
    const regional = await createStaff(db, { role: 'regional', regions: ['Noord-Holland'] });
    const coordinator = await createStaff(db, { gemeenten: ['haarlem'] });
    expect([...(await gemeentenInMyCare(db, coordinator.context))]).toEqual(['haarlem']);
    // Haarlem has its coordinator; Uithoorn has none, so the region's coordinator stands in.
    expect([...(await gemeentenInMyCare(db, regional.context))]).toEqual(['uithoorn']);
    // Beekdaelen and Heerenveen have nobody in the gemeente or the region.
    expect([...(await gemeentenInMyCare(db, office.context))].sort()).toEqual(['beekdaelen', 'heerenveen']);
  });
});

describe('what the family is told: name and term from one place', () => {
  const at = new Date('2026-11-23T10:00:00Z'); // a Monday

  it('names the coordinator and the working days, with the date they stand for', async () => {
    await createStaff(db, { gemeenten: ['beekdaelen'], displayName: 'Maud Hendriks' });
    const promise = firstContactPromise(await findResponsible(db, 'beekdaelen'), at);
    expect(promise).toMatchObject({
      level: 'coordinator',
      names: ['Maud Hendriks'],
      workingDays: 10,
      dueOn: '2026-12-07',
    });
    expect(firstContactSentence(promise, 'family')).toBe(
      'Maud Hendriks, de coördinator van Buurtgezinnen Beekdaelen, neemt binnen 10 werkdagen contact met je op.',
    );
  });

  it('never promises "de coördinator" where the gemeente has none: it names who stands in', async () => {
    await createStaff(db, { role: 'regional', regions: ['Noord-Holland'], displayName: 'Rik Regio' });
    await createStaff(db, { role: 'backoffice', displayName: 'Bo Bureau' });
    const regional = firstContactSentence(firstContactPromise(await findResponsible(db, 'uithoorn'), at), 'family');
    expect(regional).toBe(
      'Buurtgezinnen Uithoorn heeft nog geen eigen coördinator. Daarom neemt Rik Regio, regiocoördinator in Noord-Holland, binnen 10 werkdagen contact met je op.',
    );
    const office = firstContactSentence(firstContactPromise(await findResponsible(db, 'heerenveen'), at), 'referrer');
    expect(office).toBe(
      'Buurtgezinnen Heerenveen heeft nog geen eigen coördinator. Daarom neemt het landelijk bureau van Buurtgezinnen binnen 10 werkdagen contact op, met jou of met het gezin, zoals je hebt aangegeven.',
    );
    for (const sentence of [regional, office]) expect(sentence).not.toMatch(/de coördinator/);
  });

  it('names nobody when more than three share the work, and the sign-up and its mail still go through', async () => {
    for (let i = 1; i <= 11; i++) await createStaff(db, { gemeenten: ['beekdaelen'], displayName: `Coördinator ${i}` });
    const promise = firstContactPromise(await findResponsible(db, 'beekdaelen'), at);
    expect(promise.names).toEqual([]);
    expect(firstContactSentence(promise, 'family')).toBe(
      'Een coördinator van Buurtgezinnen Beekdaelen neemt binnen 10 werkdagen contact met je op.',
    );
    const stored = await db.transaction(async (tx) => {
      const form = parseRegistrationForm(
        'vraaggezin',
        {
          name: 'Sanne',
          email: 'sanne@voorbeeld.nl',
          kern: 'Nuth',
          children: '4',
          supportWishes: 'luisterend-oor',
          consent: 'ja',
        },
        at,
      );
      if (!form.success) throw new Error('test form');
      const gemeente = await createGemeentenRepository({ db: tx }).find('beekdaelen');
      return storeRegistration(tx, { form: form.data, gemeente: gemeente!, now: at, mails: { confirmation: true } });
    });
    expect(stored.id).toBeTruthy();
  });
});
