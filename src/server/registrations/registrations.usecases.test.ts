import { eq, sql } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseRegistrationForm } from '~/lib/registration.schemas';
import type { Database } from '~/server/db/db';
import { isAppError } from '~/server/errors/errors';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import { createLogger } from '~/server/logger';
import { createOutboxRepository } from '~/server/outbox/outbox.repository';
import { createTestDatabase } from '~tests/support/database';
import { createProfile, createRegistration, createStaff } from '~tests/support/factories';
import { issueFormToken } from './form-token';
import { registrations } from './registrations.table';
import { type RegistrationDeps, storeRegistration, submitRegistration } from './registrations.usecases';

const secret = 'test-secret-'.padEnd(40, 'x');
let db: Database;
let now = new Date('2026-11-23T10:00:00Z');
let deps: RegistrationDeps;
let addressCounter = 0;

beforeAll(async () => {
  db = (await createTestDatabase()).db;
  await createStaff(db, { email: 'coordinator@beekdaelen.test', displayName: 'Cora', gemeenten: ['beekdaelen'] });
  await db.execute(sql`update gemeenten set status = 'ended' where slug = 'haarlem'`);
  deps = {
    db,
    clock: () => now,
    config: { appSecret: secret, registrations: { minFillMs: 3000, limitPerAddressPerHour: 20 } },
    log: createLogger('error'),
  };
});
beforeEach(() => {
  now = new Date(now.getTime() + 3600_000 * 48); // independent of earlier tests' duplicates and limits
});

const token = (kind: 'vraaggezin' | 'steungezin' | 'verwijzing', ageMs = 10_000) =>
  issueFormToken({ secret, kind, now: new Date(now.getTime() - ageMs) });
const vraaggezin = (overrides: Record<string, unknown> = {}) => ({
  name: 'Sanne Bakker',
  phone: '06-12345678',
  email: 'sanne@voorbeeld.nl',
  contactTime: 'avond',
  kern: 'Schimmert',
  children: '4 en 7',
  supportWishes: ['vaste-middag'],
  consent: 'ja',
  formToken: token('vraaggezin'),
  ...overrides,
});
const submit = (
  fields: Record<string, unknown>,
  kind: 'vraaggezin' | 'steungezin' | 'verwijzing' = 'vraaggezin',
  gemeente = 'beekdaelen',
) => submitRegistration(deps, { kind, gemeente, fields, clientAddress: `192.0.2.${++addressCounter % 250}` });

async function counts() {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(registrations);
  const o = { n: (await createOutboxRepository({ db }).listByTopic('email')).length };
  return { registrations: r!.n, outbox: o!.n };
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return `${error.status} ${error.code}`;
    throw error;
  }
  return 'accepted';
}

describe('submitRegistration', () => {
  it('stores a sign-up with its consent and queues the confirmation and the coordinator notice together', async () => {
    const before = await counts();
    const result = await submit(vraaggezin({ email: ' Sanne.Bakker@Voorbeeld.NL ' }));
    expect(result).toMatchObject({ ok: true, duplicateOfId: null });
    if (!result.ok) return;
    const [row] = await db.select().from(registrations).where(eq(registrations.id, result.id));
    expect(row).toMatchObject({
      kind: 'vraaggezin',
      gemeenteSlug: 'beekdaelen',
      contactName: 'Sanne Bakker',
      contactEmail: 'sanne.bakker@voorbeeld.nl',
      contactPhone: '+31612345678',
      preferredContactTime: 'avond',
      status: 'new',
      details: {
        kind: 'vraaggezin',
        children: [{ age: 4 }, { age: 7 }],
        supportWishes: ['vaste-middag'],
        message: null,
      },
    });
    expect(row!.consents).toEqual([
      {
        purpose: 'contact-and-store',
        text: expect.stringContaining('contact met mij opneemt'),
        agreedAt: now.toISOString(),
      },
    ]);
    const mails = await createOutboxRepository({ db }).listByTopic('email');
    const payloads = mails.slice(before.outbox).map((m) => m.payload as { to: string; template: string });
    expect(payloads.map((p) => [p.template, p.to]).sort()).toEqual([
      ['registration-notification', 'coordinator@beekdaelen.test'],
      ['registration-received', 'sanne.bakker@voorbeeld.nl'],
    ]);
    // Nothing the family wrote travels in the mails.
    expect(JSON.stringify(payloads)).not.toContain('Schimmert');
  });

  it('links a repeat within 24 hours to the first sign-up, acknowledges it, and sends no new mail', async () => {
    const first = await submit(vraaggezin({ email: 'repeat@voorbeeld.nl', phone: '' }));
    const before = await counts();
    now = new Date(now.getTime() + 3600_000);
    const second = await submit(
      vraaggezin({ email: 'REPEAT@voorbeeld.nl', phone: '', formToken: token('vraaggezin') }),
    );
    now = new Date(now.getTime() + 3600_000);
    const third = await submit(vraaggezin({ email: 'repeat@voorbeeld.nl', phone: '', formToken: token('vraaggezin') }));
    expect(first.ok && second.ok && third.ok).toBe(true);
    if (!first.ok || !second.ok || !third.ok) return;
    expect(second.duplicateOfId).toBe(first.id);
    expect(third.duplicateOfId).toBe(first.id);
    expect(await counts()).toEqual({ registrations: before.registrations + 2, outbox: before.outbox });
    // Another kind or more than a day later is not a repeat.
    now = new Date(now.getTime() + 25 * 3600_000);
    const later = await submit(vraaggezin({ email: 'repeat@voorbeeld.nl', phone: '', formToken: token('vraaggezin') }));
    expect(later.ok && later.duplicateOfId).toBeNull();
  });

  it('finds repeats by phone too, and links exactly one original when repeats arrive at the same moment', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => submit(vraaggezin({ email: '', phone: '+31 6 87654321' }))),
    );
    const originals = results.filter((r) => r.ok && r.duplicateOfId === null);
    expect(originals).toHaveLength(1);
    const originalId = originals[0]!.ok ? originals[0]!.id : '';
    expect(results.filter((r) => r.ok && r.duplicateOfId === originalId)).toHaveLength(4);
  });

  it('links exactly one original among simultaneous repeats by the contact lock alone (no rate limits, as a sign-up entered by staff)', async () => {
    const gemeente = (await createGemeentenRepository({ db }).find('beekdaelen'))!;
    const form = parseRegistrationForm('vraaggezin', vraaggezin({ email: '', phone: '06 11223344' }), now);
    if (!form.success) throw new Error('test form');
    const stored = await Promise.all(
      Array.from({ length: 6 }, () =>
        db.transaction((tx) =>
          storeRegistration(tx, { form: form.data, gemeente, now, mails: { confirmation: false } }),
        ),
      ),
    );
    const originals = stored.filter((row) => row.duplicateOfId === null);
    expect(originals).toHaveLength(1);
    expect(stored.filter((row) => row.duplicateOfId === originals[0]!.id)).toHaveLength(5);
  });

  it('returns Dutch field errors and stores nothing for an incomplete form', async () => {
    const before = await counts();
    const result = await submit(vraaggezin({ name: '', consent: undefined }));
    expect(result).toEqual({
      ok: false,
      errors: { name: expect.stringContaining('naam'), consent: expect.stringContaining('vinkje') },
    });
    expect(await counts()).toEqual(before);
  });

  it('refuses bots politely and stores nothing: honeypot, too fast, forged or missing token', async () => {
    const before = await counts();
    expect(await refusal(submit(vraaggezin({ website: 'http://spam.example' })))).toBe('400 registration.rejected');
    expect(await refusal(submit(vraaggezin({ formToken: token('vraaggezin', 2999) })))).toBe(
      '422 registration.too_fast',
    );
    expect(await refusal(submit(vraaggezin({ formToken: token('vraaggezin', 25 * 3600_000) })))).toBe(
      '422 registration.form_expired',
    );
    expect(await refusal(submit(vraaggezin({ formToken: token('steungezin') })))).toBe(
      '400 registration.bad_form_token',
    );
    expect(await refusal(submit(vraaggezin({ formToken: undefined })))).toBe('400 registration.bad_form_token');
    expect(await counts()).toEqual(before);
  });

  it('is a 404 for an unknown or ended gemeente, and open for a starting one', async () => {
    expect(await refusal(submit(vraaggezin(), 'vraaggezin', 'atlantis'))).toBe('404 registration.unknown_gemeente');
    expect(await refusal(submit(vraaggezin(), 'vraaggezin', 'haarlem'))).toBe('404 registration.unknown_gemeente');
    expect(await refusal(submit(vraaggezin({ email: 'uithoorn@voorbeeld.nl' }), 'vraaggezin', 'uithoorn'))).toBe(
      'accepted',
    );
  });

  it('limits sign-ups per contact address (5 an hour) and per client address, storing nothing when refused', async () => {
    const email = `limit-${now.getTime()}@voorbeeld.nl`;
    for (let i = 0; i < 5; i++) expect(await refusal(submit(vraaggezin({ email, phone: '' })))).toBe('accepted');
    const before = await counts();
    expect(await refusal(submit(vraaggezin({ email, phone: '' })))).toBe('429 registration.rate_limited');
    expect(await counts()).toEqual(before);

    const fromOneAddress = (i: number) =>
      submitRegistration(deps, {
        kind: 'vraaggezin',
        gemeente: 'beekdaelen',
        fields: vraaggezin({ email: `a${i}-${now.getTime()}@voorbeeld.nl`, phone: '' }),
        clientAddress: '198.51.100.1',
      });
    const outcomes = [];
    for (let i = 0; i < 21; i++) outcomes.push(await refusal(fromOneAddress(i)));
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(20);
    expect(outcomes.at(-1)).toBe('429 registration.rate_limited');
  });

  it("stores a steungezin with its profile link and a referral with the referrer and the parents' consent", async () => {
    // The link is kept only for a published profile of the same gemeente (guard in migration 0011).
    const family = await createRegistration(db, 'vraaggezin');
    await createProfile(db, {
      id: '7f1c8b2e-1d2a-4c3b-9a8e-0f1e2d3c4b5a',
      registration: family,
      status: 'published',
      kern: 'Nuth',
    });
    const steun = await submit(
      {
        name: 'Ruud',
        adults: '2',
        email: 'ruud@voorbeeld.nl',
        kern: 'Nuth',
        days: ['wo'],
        frequency: 'wekelijks',
        sleepovers: 'ja',
        motivation: 'We hebben ruimte.',
        vog: 'ja',
        consent: 'ja',
        profileId: '7f1c8b2e-1d2a-4c3b-9a8e-0f1e2d3c4b5a',
        formToken: token('steungezin'),
      },
      'steungezin',
    );
    expect(steun.ok).toBe(true);
    const verwijzing = await submit(
      {
        referrerName: 'Mw. Jansen',
        organisationType: 'school',
        organisationName: 'Basisschool De Linde',
        referrerEmail: 'IB@delinde.nl',
        name: 'Fatima',
        phone: '0612341234',
        kern: 'Oirsbeek',
        reason: 'Moeder staat er alleen voor.',
        parentsAgree: 'ja',
        firstContact: 'coordinator',
        wantsUpdates: 'ja',
        consent: 'ja',
        formToken: token('verwijzing'),
      },
      'verwijzing',
    );
    expect(verwijzing.ok).toBe(true);
    if (!steun.ok || !verwijzing.ok) return;
    const [s] = await db.select().from(registrations).where(eq(registrations.id, steun.id));
    expect(s).toMatchObject({
      kind: 'steungezin',
      profileId: '7f1c8b2e-1d2a-4c3b-9a8e-0f1e2d3c4b5a',
      details: { adultsInHousehold: 2, vogWilling: 'ja' },
    });
    const [r] = await db.select().from(registrations).where(eq(registrations.id, verwijzing.id));
    expect(r).toMatchObject({
      kind: 'verwijzing',
      contactName: 'Fatima',
      contactPhone: '+31612341234',
      details: {
        referrer: { email: 'ib@delinde.nl', organisationType: 'school' },
        parentsAgree: true,
        firstContact: 'coordinator',
        wantsUpdates: true,
      },
    });
    expect(r!.consents.map((c) => c.purpose)).toEqual(['referrer-store', 'parents-agree']);
    const mails = await createOutboxRepository({ db }).listByTopic('email');
    expect(mails.some((m) => (m.payload as { to: string }).to === 'ib@delinde.nl')).toBe(true);
  });
});

describe('every sign-up reaches whoever is responsible (nothing falls on the floor)', () => {
  type Queued = { to: string; template: string; data: Record<string, unknown>; context: unknown };
  const queuedSince = async (before: number) =>
    (await createOutboxRepository({ db }).listByTopic('email')).slice(before).map((m) => m.payload as Queued);

  beforeAll(async () => {
    // Uithoorn and Heerenveen have no coordinator; Noord-Holland (Uithoorn's region) has two
    // regional coordinators, Noord (Heerenveen's) none.
    await createStaff(db, {
      role: 'regional',
      regions: ['Noord-Holland'],
      email: 'rik@regio.test',
      displayName: 'Rik Regio',
    });
    await createStaff(db, {
      role: 'regional',
      regions: ['Noord-Holland'],
      email: 'dirk@regio.test',
      displayName: 'Dirk Digest',
      notificationMode: 'daily_digest',
    });
    await createStaff(db, { role: 'backoffice', email: 'bo@bureau.test', displayName: 'Bo Bureau' });
  });

  it('tells the regional coordinators of a gemeente without a coordinator, and names one to the family', async () => {
    const before = (await createOutboxRepository({ db }).listByTopic('email')).length;
    const result = await submit(
      vraaggezin({ email: 'gezin@uithoorn.test', kern: 'De Kwakel' }),
      'vraaggezin',
      'uithoorn',
    );
    expect(result.ok).toBe(true);
    const mails = await queuedSince(before);
    // Rik chose a mail per sign-up; Dirk chose the daily digest; the office is not needed here.
    expect(mails.map((mail) => [mail.template, mail.to]).sort()).toEqual([
      ['registration-notification', 'rik@regio.test'],
      ['registration-received', 'gezin@uithoorn.test'],
    ]);
    const confirmation = mails.find((mail) => mail.template === 'registration-received')!;
    expect(confirmation.data.promise).toMatchObject({ level: 'regional', names: ['Rik Regio', 'Dirk Digest'] });
    if (!result.ok) return;
    const [row] = await db.select().from(registrations).where(eq(registrations.id, result.id));
    expect(row!.contactPromise).toEqual(confirmation.data.promise);
  });

  it('tells the national office when neither the gemeente nor its region has anyone', async () => {
    const before = (await createOutboxRepository({ db }).listByTopic('email')).length;
    expect(
      (await submit(vraaggezin({ email: 'gezin@heerenveen.test', kern: 'Akkrum' }), 'vraaggezin', 'heerenveen')).ok,
    ).toBe(true);
    const mails = await queuedSince(before);
    expect(mails.map((mail) => [mail.template, mail.to]).sort()).toEqual([
      ['registration-notification', 'bo@bureau.test'],
      ['registration-received', 'gezin@heerenveen.test'],
    ]);
  });
});
