import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, amsterdamDate } from '~/lib/dates';
import { createAuditRepository } from '~/server/audit/audit.repository';
import type { Database } from '~/server/db/db';
import { isAppError } from '~/server/errors/errors';
import { getRegistrationForStaff } from '~/server/inbox/inbox.usecases';
import { createTestDatabase } from '~tests/support/database';
import {
  createHold,
  createKoppeling,
  createRegistration,
  createSafetyConcern,
  createStaff,
} from '~tests/support/factories';
import { createPrivacyRepository } from './privacy.repository';
import {
  eraseOnRequest,
  getHolds,
  getParentConsent,
  liftHold,
  placeHold,
  recordParentConsent,
} from './privacy.usecases';

let db: Database;
const now = new Date('2026-11-29T10:00:00Z');
let tick = 0;
/** A clock that moves a second per step, so the audit log's order is the order of the steps. */
const deps = () => ({ db, clock: () => new Date(now.getTime() + 1000 * ++tick) });
const today = amsterdamDate(now);

const auditOf = async (recordId: string) =>
  (await createAuditRepository({ db }).list({ recordId, limit: 50 }))
    .reverse()
    .map((row) => ({ action: row.action, staffId: row.staffId, text: JSON.stringify(row) }));

beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

describe('holds ("bewaren tot … omdat …")', () => {
  it('a coordinator places and lifts a hold; each step and each view is audited, the reason stays out of the log', async () => {
    const coordinator = await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] });
    const family = await createRegistration(db, 'vraaggezin');
    const keepUntil = addMonths(today, 18);
    await placeHold(deps(), coordinator.context, family.id, {
      keepUntil,
      reason: 'Er loopt een klacht bij de gemeente',
    });
    const page = await getHolds(deps(), coordinator.context, family.id);
    expect(page.hold).toMatchObject({ keepUntil, reason: 'Er loopt een klacht bij de gemeente' });
    expect(page.mayChange).toBe(true);
    expect(await createPrivacyRepository({ db }).heldUntil([family.id], addMonths(today, 17))).toEqual(
      new Map([[family.id, keepUntil]]),
    );

    // A new hold replaces the old one.
    await placeHold(deps(), coordinator.context, family.id, { keepUntil: addMonths(today, 6), reason: 'Zaak loopt' });
    expect((await createPrivacyRepository({ db }).holdsOf(family.id)).map((hold) => hold.keepUntil)).toEqual([
      addMonths(today, 6),
    ]);
    await liftHold(deps(), coordinator.context, family.id);
    expect((await getHolds(deps(), coordinator.context, family.id)).hold).toBeNull();
    expect(await createPrivacyRepository({ db }).heldUntil([family.id], today)).toEqual(new Map());

    const entries = await auditOf(family.id);
    expect(entries.map((entry) => entry.action)).toEqual([
      'privacy.hold_placed',
      'registration.view',
      'privacy.hold_placed',
      'privacy.hold_lifted',
      'registration.view',
    ]);
    expect(entries.every((entry) => entry.staffId === coordinator.id)).toBe(true);
    for (const entry of entries) expect(entry.text).not.toContain('klacht');
  });

  it('refuses a day in the past or too far away, an empty reason, and staff who may only read or are out of reach', async () => {
    const coordinator = await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] });
    const regional = await createStaff(db, { role: 'regional', regions: ['Zuid-Limburg'] });
    const elsewhere = await createStaff(db, { role: 'coordinator', gemeenten: ['heerenveen'] });
    const family = await createRegistration(db, 'vraaggezin');
    const refused = async (ctx: typeof coordinator.context, form: Record<string, string>) => {
      try {
        await placeHold(deps(), ctx, family.id, form);
      } catch (error) {
        return isAppError(error) ? error.code : String(error);
      }
      return 'placed';
    };
    expect(await refused(coordinator.context, { keepUntil: addDays(today, -1), reason: 'Klacht' })).toBe(
      'privacy.invalid_hold',
    );
    expect(await refused(coordinator.context, { keepUntil: addMonths(today, 121), reason: 'Klacht' })).toBe(
      'privacy.invalid_hold',
    );
    expect(await refused(coordinator.context, { keepUntil: addMonths(today, 1), reason: ' ' })).toBe(
      'privacy.invalid_hold',
    );
    expect(await refused(elsewhere.context, { keepUntil: addMonths(today, 1), reason: 'Klacht' })).toBe(
      'access.not_found',
    );
    const regionalAnswer = await refused(regional.context, { keepUntil: addMonths(today, 1), reason: 'Klacht' });
    expect(regionalAnswer).toBe('access.forbidden');
    expect(await createPrivacyRepository({ db }).holdsOf(family.id)).toEqual([]);
    await expect(liftHold(deps(), coordinator.context, family.id)).rejects.toMatchObject({ code: 'privacy.no_hold' });
  });
});

describe("deletion at the person's request", () => {
  const code = (promise: Promise<unknown>) =>
    promise.then(
      () => 'deleted',
      (error: unknown) => (isAppError(error) ? error.code : String(error)),
    );
  const auditActions = async (id: string) =>
    (await createAuditRepository({ db }).list({ recordId: id, limit: 50 })).map((e) => e.action);

  it('only the national office, only when confirmed, and not while a hold, a koppeling or a zorg over veiligheid runs', async () => {
    const backoffice = await createStaff(db, { role: 'backoffice' });
    const coordinator = await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] });
    const erase = (ctx: typeof backoffice.context, id: string, confirm = 'ja') =>
      code(eraseOnRequest({ ...deps(), dataDir: '/nonexistent' }, ctx, id, { confirm }));

    const family = await createRegistration(db, 'vraaggezin');
    expect(await erase(coordinator.context, family.id)).toBe('access.forbidden');
    expect(await erase(backoffice.context, family.id, '')).toBe('privacy.erase_unconfirmed');

    const held = await createRegistration(db, 'vraaggezin');
    await createHold(db, { registration: held });
    expect(await erase(backoffice.context, held.id)).toBe('privacy.erase_held');
    const koppeling = await createKoppeling(db, { phase: 'active' });
    expect(await erase(backoffice.context, koppeling.vraaggezin.id)).toBe('privacy.erase_open_koppeling');
    const concern = await createSafetyConcern(db);
    expect(await erase(backoffice.context, concern.registrationId)).toBe('privacy.erase_concern');

    expect(await erase(backoffice.context, family.id)).toBe('deleted');
    expect(await erase(backoffice.context, family.id)).toBe('access.not_found');
    const [entry] = (await createAuditRepository({ db }).list({ recordId: family.id, limit: 50 })).filter(
      (row) => row.action === 'privacy.request_delete',
    );
    expect(entry).toMatchObject({
      staffId: backoffice.id,
      detail: { kind: 'vraaggezin', deleted: { registrations: 1 } },
    });
    expect(JSON.stringify(entry)).not.toContain(family.contactName);
    expect(await auditActions(held.id)).not.toContain('privacy.request_delete');
  });

  it("takes the sign-up's own words out of the typo dictionary in the same transaction, and keeps words others still use", async () => {
    const backoffice = await createStaff(db, { role: 'backoffice' });
    const family = await createRegistration(db, 'vraaggezin', {
      kern: 'Schinnen',
      contactName: 'Femke Quaedvlieg',
      contactEmail: 'femke.quaedvlieg@voorbeeld.nl',
    });
    await createRegistration(db, 'vraaggezin', { kern: 'Schinnen', contactName: 'Femke Janssen' });
    const words = async () =>
      (await db.execute<{ term: string }>(sql`select term from search_terms`)).map((row) => row.term);
    expect(await words()).toEqual(expect.arrayContaining(['quaedvlieg', 'femke', 'schinnen']));

    await eraseOnRequest({ ...deps(), dataDir: '/nonexistent' }, backoffice.context, family.id, { confirm: 'ja' });
    // No pruning run in between: the surname is gone at once, the shared words stay.
    const left = await words();
    expect(left).not.toContain('quaedvlieg');
    expect(left).toEqual(expect.arrayContaining(['femke', 'schinnen', 'janssen']));
  });
});

describe('the parents confirm a referral themselves', () => {
  it('the record says to ask until the coordinator records it; recording is audited', async () => {
    const coordinator = await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] });
    const referral = await createRegistration(db, 'verwijzing');
    expect((await getRegistrationForStaff(deps(), coordinator.context, referral.id)).parentConsent).toEqual({
      state: 'not_asked',
      expiredOn: null,
    });
    expect((await getParentConsent(deps(), coordinator.context, referral.id)).consent).toBeNull();

    await recordParentConsent(deps(), coordinator.context, referral.id, { method: 'phone', givenOn: today });
    const record = await getRegistrationForStaff(deps(), coordinator.context, referral.id);
    expect(record.parentConsent).toMatchObject({ state: 'confirmed', method: 'phone', givenOn: today });
    expect((await getParentConsent(deps(), coordinator.context, referral.id)).consent).toMatchObject({
      recordedBy: coordinator.id,
    });
    const actions = (await createAuditRepository({ db }).list({ recordId: referral.id, limit: 10 })).map(
      (entry) => entry.action,
    );
    expect(actions).toContain('privacy.parent_consent');

    // A family's own sign-up has no referral consent.
    const family = await createRegistration(db, 'vraaggezin');
    expect((await getRegistrationForStaff(deps(), coordinator.context, family.id)).parentConsent).toBeUndefined();
    await expect(
      recordParentConsent(deps(), coordinator.context, family.id, { method: 'phone', givenOn: today }),
    ).rejects.toMatchObject({ code: 'privacy.not_a_referral' });
    for (const form of [
      { method: 'phone', givenOn: addDays(today, 1) },
      { method: 'carrier-pigeon', givenOn: today },
      { method: 'in_person', givenOn: '' },
    ])
      await expect(recordParentConsent(deps(), coordinator.context, referral.id, form)).rejects.toMatchObject({
        code: 'privacy.invalid_consent',
      });
    const elsewhere = await createStaff(db, { role: 'coordinator', gemeenten: ['heerenveen'] });
    await expect(
      recordParentConsent(deps(), elsewhere.context, referral.id, { method: 'phone', givenOn: today }),
    ).rejects.toMatchObject({ code: 'access.not_found' });
  });
});
