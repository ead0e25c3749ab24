/**
 * The factories' promises: their defaults are valid for the real code (a staff member can log in
 * and is signed in, a sign-up holds only codes the forms know, a draft profile passes the
 * identifiability check), so a test that uses them tests the portal, not a broken fixture.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ageGroupOptions,
  consentTexts,
  dayOptions,
  frequencyOptions,
  organisationTypeOptions,
  sleepoverOptions,
  supportWishOptions,
  vogOptions,
} from '~/lib/registration.options';
import { resolveGemeenten } from '~/server/access/permissions';
import { verifyPassword } from '~/server/auth/password';
import { validateSessionToken } from '~/server/auth/sessions';
import { decryptTotpKey } from '~/server/auth/totp';
import type { Database } from '~/server/db/db';
import { listEmailProblems } from '~/server/email/email.backoffice';
import { getImport } from '~/server/import/import.usecases';
import { getHolds } from '~/server/privacy/privacy.usecases';
import { createProfileCache } from '~/server/profiles/profiles.cache';
import { getPublicProfile, publishProfile } from '~/server/profiles/profiles.usecases';
import { TEST_APP_SECRET } from './app-secret';
import { createTestDatabase } from './database';
import {
  createHold,
  createOutboxEmail,
  createProfile,
  createRegistration,
  createStaff,
  createStagedImport,
  TEST_PASSWORD,
} from './factories';

let db: Database;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

const codes = (options: readonly { value: string }[]) => options.map((o) => o.value);

describe('createStaff', () => {
  it('makes an enrolled coordinator of Beekdaelen who can log in, with a working session when asked', async () => {
    const staff = await createStaff(db, { session: true });
    expect(staff.role).toBe('coordinator');
    expect(staff.gemeenten).toEqual(['beekdaelen']);
    expect(staff.totpEnrolledAt).not.toBeNull();
    expect(await verifyPassword(staff.passwordHash!, TEST_PASSWORD)).toBe(true);
    expect(decryptTotpKey(staff.totpKeyEncrypted!, TEST_APP_SECRET)).toEqual(staff.totpKey);
    const validated = await validateSessionToken(db, staff.session.token, new Date());
    expect(validated?.staff.id).toBe(staff.id);
    expect(validated?.session.twoFactorVerifiedAt).not.toBeNull();
    expect(staff.session.cookie).toBe(`bg_sessie=${staff.session.token}`);
    expect(staff.context.gemeenten).toEqual(await resolveGemeenten(db, staff));
  });

  it('gives regional staff their region, backoffice everything, and an invited account no way in', async () => {
    expect((await createStaff(db, { role: 'regional' })).context.gemeenten).toEqual(new Set(['haarlem', 'uithoorn']));
    expect((await createStaff(db, { role: 'backoffice' })).context.gemeenten).toBe('all');
    const invited = await createStaff(db, { enrolled: false });
    expect([invited.passwordHash, invited.totpKeyEncrypted, invited.totpEnrolledAt, invited.session]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('createRegistration', () => {
  it('stores each kind with option codes the forms know, a kern of its gemeente and the consents of its form', async () => {
    const vraaggezin = await createRegistration(db, 'vraaggezin', { gemeenteSlug: 'haarlem' });
    expect(vraaggezin).toMatchObject({
      kind: 'vraaggezin',
      gemeenteSlug: 'haarlem',
      kern: 'Haarlem-Noord',
      status: 'new',
    });
    expect(vraaggezin.contactEmail).toMatch(/^[a-z.]+\.[0-9a-f]{6}@voorbeeld\.nl$/);
    if (vraaggezin.details.kind !== 'vraaggezin') throw new Error('kind');
    expect(codes(supportWishOptions)).toEqual(expect.arrayContaining(vraaggezin.details.supportWishes));
    expect(vraaggezin.consents.map((c) => [c.purpose, c.text])).toEqual([
      ['contact-and-store', consentTexts['contact-and-store']],
    ]);

    const steungezin = await createRegistration(db, 'steungezin');
    if (steungezin.details.kind !== 'steungezin') throw new Error('kind');
    const { days, frequency, sleepovers, ageGroups, vogWilling } = steungezin.details;
    expect(codes(dayOptions)).toEqual(expect.arrayContaining(days));
    expect(codes(ageGroupOptions)).toEqual(expect.arrayContaining(ageGroups));
    expect(
      [frequency, sleepovers, vogWilling].every((c, i) =>
        codes([frequencyOptions, sleepoverOptions, vogOptions][i]!).includes(c),
      ),
    ).toBe(true);

    const verwijzing = await createRegistration(db, 'verwijzing', { details: { firstContact: 'ouders' } });
    if (verwijzing.details.kind !== 'verwijzing') throw new Error('kind');
    expect(codes(organisationTypeOptions)).toContain(verwijzing.details.referrer.organisationType);
    expect(verwijzing.details).toMatchObject({ parentsAgree: true, firstContact: 'ouders', kind: 'verwijzing' });
    expect(verwijzing.consents.map((c) => c.purpose)).toEqual(['referrer-store', 'parents-agree']);
  });
});

describe('createProfile', () => {
  it('makes a draft that passes the identifiability check as is, and published profiles the public sees', async () => {
    const coordinator = await createStaff(db);
    const deps = { db, clock: () => new Date(), cache: createProfileCache(0) };
    const draft = await createProfile(db);
    expect(await getPublicProfile(deps, 'beekdaelen', draft.id)).toBeNull();
    expect(await publishProfile(deps, coordinator.context, draft.id, {})).toEqual({ ok: true, status: 'published' });

    const published = await createProfile(db, { status: 'published', gemeenteSlug: 'heerenveen' });
    expect(published.publishedAt).not.toBeNull();
    const shown = await getPublicProfile(deps, 'heerenveen', published.id);
    expect(shown && typeof shown === 'object' ? shown.view.id : shown).toBe(published.id);
    const matched = await createProfile(db, { status: 'matched' });
    expect([matched.publishedAt, matched.matchedAt].every(Boolean)).toBe(true);
  });
});

describe('createOutboxEmail', () => {
  it('makes a queued mail; failed and overdue ones are what the backoffice sees on /beheer/e-mail', async () => {
    const waiting = await createOutboxEmail(db);
    expect(waiting.status).toBe('pending');
    const failed = await createOutboxEmail(db, { status: 'failed', to: 'anouk@voorbeeld.nl' });
    const overdue = await createOutboxEmail(db, { status: 'overdue' });
    const office = await createStaff(db, { role: 'backoffice' });
    const problems = await listEmailProblems({ db, clock: () => new Date() }, office.context);
    expect(problems.map((p) => p.id)).toEqual(expect.arrayContaining([failed.id, overdue.id]));
    expect(problems.map((p) => p.id)).not.toContain(waiting.id);
    expect(problems.find((p) => p.id === failed.id)).toMatchObject({ state: 'failed', recipient: 'a…@voorbeeld.nl' });
  });
});

describe('createHold', () => {
  it('keeps a sign-up for a year with a reason, as the hold page shows it', async () => {
    const family = await createRegistration(db, 'vraaggezin');
    await createHold(db, { registration: family });
    const coordinator = await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] });
    const page = await getHolds({ db, clock: () => new Date() }, coordinator.context, family.id);
    expect(page.hold!.keepUntil > page.today).toBe(true);
    expect(page.hold?.reason).toBeTruthy();
  });
});

describe('createStagedImport', () => {
  it('makes an upload whose preview creates two vraaggezinnen without problems', async () => {
    const coordinator = await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] });
    const staged = await createStagedImport(db);
    const data = await getImport({ db, clock: () => new Date() }, coordinator.context, staged.id);
    expect(data.mapping).toEqual({ Naam: 'name', Telefoon: 'phone' });
    expect(data.preview?.totals).toEqual({ create: 2, update: 0, unchanged: 0, error: 0 });
  });
});
