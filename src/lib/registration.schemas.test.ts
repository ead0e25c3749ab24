import { describe, expect, it } from 'vitest';
import {
  parseSteungezinForm,
  parseVerwijzingForm,
  parseVraaggezinForm,
  registrationFields,
} from './registration.schemas';

const now = new Date('2026-11-23T12:00:00Z');

const validVraaggezin = {
  name: '  Sanne ',
  phone: '06-12345678',
  email: ' Sanne@Voorbeeld.NL ',
  contactTime: 'avond',
  kern: 'Schimmert',
  postcode: '6333ab',
  children: '4 en 2015',
  supportWishes: ['luisterend-oor', 'vaste-middag'],
  message: 'Graag op woensdag.',
  source: 'school',
  consent: 'ja',
};

describe('parseVraaggezinForm', () => {
  it('normalises a good sign-up', () => {
    const result = parseVraaggezinForm(validVraaggezin, now);
    expect(result).toEqual({
      success: true,
      data: {
        name: 'Sanne',
        phone: '+31612345678',
        email: 'sanne@voorbeeld.nl',
        contactTime: 'avond',
        kern: 'Schimmert',
        postcode: '6333 AB',
        children: [{ age: 4 }, { birthYear: 2015 }],
        supportWishes: ['vaste-middag', 'luisterend-oor'],
        message: 'Graag op woensdag.',
        source: 'school',
        consent: true,
      },
    });
  });

  it('reports every problem at once, in form order, in Dutch', () => {
    const result = parseVraaggezinForm({ email: 'geen-adres', children: '45' }, now);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(Object.keys(result.errors)).toEqual([
      'name',
      'phone',
      'email',
      'kern',
      'children',
      'supportWishes',
      'consent',
    ]);
    expect(result.errors.email).toContain('geldig e-mailadres');
    expect(result.errors.phone).toContain('telefoonnummer of e-mailadres');
    expect(result.errors.consent).toContain('vinkje');
  });

  it('needs at least one way to be reached', () => {
    const result = parseVraaggezinForm({ ...validVraaggezin, phone: '', email: ' ' }, now);
    expect(result.success ? {} : result.errors).toEqual({
      phone: expect.stringContaining('telefoonnummer of e-mailadres'),
    });
  });

  it('refuses wrong types, unknown choices and overlong text without throwing', () => {
    const result = parseVraaggezinForm(
      {
        ...validVraaggezin,
        name: { evil: true },
        supportWishes: ['hack'],
        message: 'x'.repeat(2001),
        source: "'; drop table registrations; --",
      },
      now,
    );
    expect(result.success ? {} : Object.keys(result.errors)).toEqual(['name', 'supportWishes', 'message', 'source']);
  });

  it('keeps script tags as plain text (escaping happens when shown)', () => {
    const result = parseVraaggezinForm({ ...validVraaggezin, name: '<script>alert(1)</script>' }, now);
    expect(result.success && result.data.name).toBe('<script>alert(1)</script>');
  });
});

describe('parseSteungezinForm', () => {
  it('accepts a volunteer family and keeps a profile link', () => {
    const result = parseSteungezinForm(
      {
        name: 'Ruud',
        adults: '2',
        email: 'ruud@voorbeeld.nl',
        kern: 'Nuth',
        ownChildren: 'geen',
        days: ['wo', 'ma'],
        frequency: 'wekelijks',
        sleepovers: 'misschien',
        ageGroups: '4-12',
        motivation: 'We hebben tijd en ruimte.',
        vog: 'ja',
        consent: 'on',
        profileId: '7F1C8B2E-1D2A-4C3B-9A8E-0F1E2D3C4B5A',
      },
      now,
    );
    expect(result.success && result.data).toMatchObject({
      adults: 2,
      days: ['ma', 'wo'],
      ageGroups: ['4-12'],
      ownChildren: [],
      profileId: '7f1c8b2e-1d2a-4c3b-9a8e-0f1e2d3c4b5a',
    });
  });
});

describe('parseVerwijzingForm', () => {
  const referral = {
    referrerName: 'Mw. Jansen',
    organisationType: 'school',
    organisationName: 'Basisschool De Linde',
    referrerEmail: 'ib@delinde.nl',
    name: 'Fatima',
    phone: '',
    kern: 'Oirsbeek',
    reason: 'Moeder staat er alleen voor.',
    parentsAgree: 'ja',
    firstContact: 'ouders',
    consent: 'ja',
  };
  it('does not need the family contact when the parents call themselves', () => {
    expect(parseVerwijzingForm(referral, now).success).toBe(true);
  });
  it('needs the family contact when the coordinator calls first, and the parents to agree', () => {
    const result = parseVerwijzingForm({ ...referral, firstContact: 'coordinator', parentsAgree: undefined }, now);
    expect(result.success ? [] : Object.keys(result.errors)).toEqual(['phone', 'parentsAgree']);
  });
});

it('lists the fields of each form', () => {
  expect(registrationFields.verwijzing).toContain('parentsAgree');
});

describe('a BSN is never accepted in any free-text field (issue 12)', () => {
  const validSteungezin = {
    name: 'Ruud',
    adults: '2',
    email: 'ruud@voorbeeld.nl',
    kern: 'Nuth',
    frequency: 'wekelijks',
    sleepovers: 'misschien',
    motivation: 'We hebben tijd en ruimte.',
    vog: 'ja',
    consent: 'on',
  };
  const validVerwijzing = {
    referrerName: 'Mw. Jansen',
    organisationType: 'school',
    organisationName: 'Basisschool De Linde',
    referrerEmail: 'ib@delinde.nl',
    name: 'Fatima',
    kern: 'Oirsbeek',
    reason: 'Moeder staat er alleen voor.',
    parentsAgree: 'ja',
    firstContact: 'ouders',
    consent: 'ja',
  };
  it('the valid forms used below pass', () => {
    expect(parseSteungezinForm(validSteungezin, now).success).toBe(true);
    expect(parseVerwijzingForm(validVerwijzing, now).success).toBe(true);
  });
  const bsn = 'ADHD en autisme, BSN 123456782';
  it.each(['message', 'name', 'kern'])('vraaggezin: %s', (field) => {
    const result = parseVraaggezinForm({ ...validVraaggezin, [field]: bsn }, now);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.errors[field]).toMatch(/burgerservicenummer \(BSN\)/);
  });

  it.each(['motivation', 'name', 'kern'])('steungezin: %s', (field) => {
    const result = parseSteungezinForm({ ...validSteungezin, [field]: 'Ons BSN is 1234.56.782' }, now);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.errors[field]).toMatch(/BSN/);
  });

  it.each(['reason', 'name', 'referrerName', 'organisationName', 'kern'])('verwijzing: %s', (field) => {
    const result = parseVerwijzingForm({ ...validVerwijzing, [field]: 'bsn moeder 111222333' }, now);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.errors[field]).toMatch(/BSN/);
  });

  // 123456782 passes the 11-check: in a description it may be a BSN, in an organisation's name it is a reference.
  it('refuses a bare number that passes the 11-check in the situation description, with a clear message', () => {
    const result = parseVerwijzingForm(
      { ...validVerwijzing, reason: 'Moeder heeft nummer 123456782 en vraagt hulp.' },
      now,
    );
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(Object.keys(result.errors)).toEqual(['reason']);
      expect(result.errors.reason).toBe(
        'Hier staat een burgerservicenummer (BSN), of een nummer van 9 cijfers dat erop lijkt. Haal het weg: wij bewaren nooit een BSN. Een ander nummer van 9 cijfers hebben we hier ook niet nodig.',
      );
    }
  });

  it("accepts a 9-digit reference number in a referral's organisation and in a name", () => {
    const result = parseVerwijzingForm(
      { ...validVerwijzing, organisationName: 'Wijkteam Nuth, dossier 123456782', referrerName: 'Anna (123456782)' },
      now,
    );
    expect(result.success).toBe(true);
    if (result.success) expect(result.data.organisationName).toBe('Wijkteam Nuth, dossier 123456782');
  });

  it('still accepts phone numbers and ages in the message', () => {
    expect(
      parseVraaggezinForm(
        { ...validVraaggezin, message: 'Bel liever 06-87654321 na 17.00 uur. Kinderen van 4 en 7.' },
        now,
      ).success,
    ).toBe(true);
  });
});
