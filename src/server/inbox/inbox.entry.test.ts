import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffContext } from '~/server/access/permissions';
import { createAuditRepository } from '~/server/audit/audit.repository';
import type { Database } from '~/server/db/db';
import { isAppError } from '~/server/errors/errors';
import { createOutboxRepository } from '~/server/outbox/outbox.repository';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { createTestDatabase } from '~tests/support/database';
import { createRegistration, createStaff } from '~tests/support/factories';
import { enterRegistration, getEntryForm } from './inbox.entry';
import { createInboxRepository } from './inbox.repository';

let db: Database;
const now = new Date('2026-11-23T10:00:00Z');
const deps = () => ({ db, clock: () => now });
let maud: StaffContext;
let regional: StaffContext;

const phoneCall = (overrides: Record<string, unknown> = {}) => ({
  name: 'Priya Ramdin',
  phone: '06 41 22 33 44',
  email: 'priya@voorbeeld.nl',
  kern: 'Nuth',
  children: '3 en 8',
  supportWishes: ['vaste-middag', 'logeren'],
  consent: 'ja',
  ...overrides,
});
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (isAppError(e) ? e.code : String(e)),
  );

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  maud = (await createStaff(db, { gemeenten: ['beekdaelen'], displayName: 'Maud Hendriks', email: 'maud@bg.test' }))
    .context;
  await createStaff(db, { gemeenten: ['beekdaelen'], displayName: 'Anouk Peeters', email: 'anouk@bg.test' });
  await createStaff(db, { gemeenten: ['haarlem'] });
  regional = (await createStaff(db, { role: 'regional', regions: ['Noord-Holland'] })).context;
});

describe('a coordinator enters a sign-up that came in by phone', () => {
  it('stores it with the consent read aloud (who, when, mondeling), assigned to her, logged, and tells the rest', async () => {
    const mailsBefore = (await createOutboxRepository({ db }).listByTopic('email')).length;
    const result = await enterRegistration(deps(), maud, {
      gemeente: 'beekdaelen',
      kind: 'vraaggezin',
      fields: phoneCall(),
      assignToMe: true,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const row = (await createRegistrationsRepository({ db }).getById(result.id))!;
    expect(row).toMatchObject({
      kind: 'vraaggezin',
      contactName: 'Priya Ramdin',
      contactPhone: '+31641223344',
      details: { children: [{ age: 3 }, { age: 8 }], supportWishes: ['vaste-middag', 'logeren'] },
    });
    expect(row.consents).toEqual([
      {
        purpose: 'contact-and-store',
        text: expect.stringContaining('Vind je het goed dat Buurtgezinnen contact met je opneemt'),
        agreedAt: now.toISOString(),
        given: 'mondeling',
        recordedBy: { staffId: maud.staff.id, name: 'Maud Hendriks' },
      },
    ]);
    expect(row.contactPromise).toMatchObject({ level: 'coordinator', names: ['Maud Hendriks', 'Anouk Peeters'] });
    expect((await createInboxRepository({ db }).getItem(result.id))?.assignedStaffId).toBe(maud.staff.id);
    const [created] = await createInboxRepository({ db }).listHistory(result.id);
    expect(created).toMatchObject({ change: 'created', toValue: 'mondeling', staffId: maud.staff.id });
    const audit = await createAuditRepository({ db }).list({ recordId: result.id, limit: 5 });
    expect(audit.map((entry) => entry.action)).toEqual(['registration.create']);
    const mails = (await createOutboxRepository({ db }).listByTopic('email'))
      .slice(mailsBefore)
      .map((mail) => mail.payload as { to: string; template: string });
    // Her colleague hears of it; she entered it herself, so no mail to her.
    expect(mails.map((mail) => [mail.template, mail.to]).sort()).toEqual([
      ['registration-notification', 'anouk@bg.test'],
      ['registration-received', 'priya@voorbeeld.nl'],
    ]);
  });

  it('saves nothing without the spoken yes, and says so in words for the one on the phone', async () => {
    const before = await createRegistrationsRepository({ db }).countArrivals(['beekdaelen'], new Date(0), now);
    const result = await enterRegistration(deps(), maud, {
      gemeente: 'beekdaelen',
      kind: 'vraaggezin',
      fields: phoneCall({ consent: undefined, name: '' }),
      assignToMe: false,
    });
    expect(result).toEqual({
      ok: false,
      errors: { name: expect.any(String), consent: expect.stringContaining('Lees de vraag over toestemming voor') },
    });
    expect(await createRegistrationsRepository({ db }).countArrivals(['beekdaelen'], new Date(0), now)).toEqual(before);
  });

  it('is for whoever may change records there: the coordinator, or the regional coordinator standing in', async () => {
    const entry = (ctx: StaffContext, gemeente: string) =>
      enterRegistration(deps(), ctx, {
        gemeente,
        kind: 'vraaggezin',
        fields: phoneCall({ kern: '', postcode: '1422 AB' }),
        assignToMe: false,
      });
    expect(await codeOf(entry(regional, 'haarlem'))).toBe('access.forbidden');
    expect(await codeOf(entry(regional, 'uithoorn'))).toBe('ok');
    expect(await codeOf(entry(maud, 'haarlem'))).toBe('access.not_found');
    const form = await getEntryForm(deps(), regional, {});
    expect(form.gemeenten.map((gemeente) => gemeente.slug)).toEqual(['uithoorn']);
  });
});

describe('a referral becomes the family’s own sign-up', () => {
  it('copies the family’s details into the form and carries the consent over as the referral recorded it', async () => {
    const referral = await createRegistration(db, 'verwijzing', {
      contactName: 'Chantal Meessen',
      contactPhone: '+31612349876',
      contactEmail: null,
      kern: 'Schinnen',
      createdAt: new Date('2026-11-02T09:00:00Z'),
      details: { children: [{ age: 4 }, { birthYear: 2017 }] },
    });
    const form = await getEntryForm(deps(), maud, { fromReferralId: referral.id });
    expect(form.referral).toMatchObject({
      id: referral.id,
      referrer: 'Marieke Stassen (Kindcentrum De Bongerd)',
      consentText: 'De ouders weten van deze aanmelding en zijn het ermee eens.',
    });
    expect(form.values).toMatchObject({
      name: 'Chantal Meessen',
      phone: '06-12349876',
      kern: 'Schinnen',
      children: '4, 2017',
    });

    const result = await enterRegistration(deps(), maud, {
      gemeente: 'beekdaelen',
      kind: 'vraaggezin',
      fields: { ...form.values, supportWishes: ['meegaan'] },
      fromReferralId: referral.id,
      assignToMe: false,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const family = (await createRegistrationsRepository({ db }).getById(result.id))!;
    expect(family).toMatchObject({ kind: 'vraaggezin', contactName: 'Chantal Meessen', kern: 'Schinnen' });
    expect(family.consents).toEqual([
      {
        purpose: 'parents-agree',
        text: 'De ouders weten van deze aanmelding en zijn het ermee eens.',
        agreedAt: '2026-11-02T09:00:00.000Z',
        given: 'via-verwijzing',
        viaRegistrationId: referral.id,
        recordedBy: { staffId: maud.staff.id, name: 'Maud Hendriks' },
        recordedAt: now.toISOString(),
      },
    ]);
    expect((await createInboxRepository({ db }).getItem(referral.id))?.familyRegistrationId).toBe(result.id);
    // Once is enough; and only a referral can become a family.
    expect(
      await codeOf(
        enterRegistration(deps(), maud, {
          gemeente: 'beekdaelen',
          kind: 'vraaggezin',
          fields: form.values,
          fromReferralId: referral.id,
          assignToMe: false,
        }),
      ),
    ).toBe('inbox.invalid_input');
    expect(await codeOf(getEntryForm(deps(), maud, { fromReferralId: result.id }))).toBe('inbox.invalid_input');
  });
});
