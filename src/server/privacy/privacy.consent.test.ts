/**
 * The parents answer a referral themselves (decision 031): the link in the referral's transaction,
 * yes with a contact wish, no (the referral gone from every table, the referrer told only that),
 * expiry and single use, the state the inbox shows, and the referrer's outcome mails.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { amsterdamDate } from '~/lib/dates';
import type { StaffContext } from '~/server/access/permissions';
import { createAuditRepository } from '~/server/audit/audit.repository';
import type { Database } from '~/server/db/db';
import { isAppError } from '~/server/errors/errors';
import { getRegistrationForStaff, listInbox } from '~/server/inbox/inbox.usecases';
import { childEffects, parentEffects } from '~/server/koppelingen/koppelingen.labels';
import { closeKoppeling, startKoppeling } from '~/server/koppelingen/koppelingen.usecases';
import { createLogger } from '~/server/logger';
import { issueFormToken } from '~/server/registrations/form-token';
import { createRegistrationsRepository, type RegistrationRow } from '~/server/registrations/registrations.repository';
import { submitRegistration } from '~/server/registrations/registrations.usecases';
import { createTestDatabase } from '~tests/support/database';
import {
  createHold,
  createInboxItem,
  createKoppeling,
  createRegistration,
  createStaff,
  queuedEmails,
} from '~tests/support/factories';
import {
  answerReferralLink,
  getReferralLink,
  REFERRAL_LINK_DAYS,
  referralConsentStates,
  referralReference,
} from './privacy.consent';
import { exportOnRequest, recordParentConsent } from './privacy.usecases';

const secret = 'test-secret-'.padEnd(40, 'x');
let db: Database;
let now = new Date('2026-11-23T10:00:00Z');
let coordinator: StaffContext;
const deps = () => ({ db, clock: () => now, dataDir: '/nonexistent' });

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  coordinator = (await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] })).context;
});
beforeEach(() => {
  now = new Date(now.getTime() + 48 * 3600_000); // apart from earlier tests' duplicates and rate limits
});

async function expectError(promise: Promise<unknown>, code: string) {
  const error = await promise.catch((caught: unknown) => caught);
  expect(isAppError(error, code), String(error)).toBe(true);
  return error as { status: number };
}

let addressCounter = 0;
/** A referral through the public form, as a school's intern begeleider sends it. */
async function referViaForm(fields: Record<string, string> = {}) {
  const result = await submitRegistration(
    {
      db,
      clock: () => now,
      config: { appSecret: secret, registrations: { minFillMs: 3000, limitPerAddressPerHour: 50 } },
      log: createLogger('error'),
    },
    {
      kind: 'verwijzing',
      gemeente: 'beekdaelen',
      clientAddress: `192.0.2.${++addressCounter}`,
      fields: {
        referrerName: 'Mw. Jansen',
        organisationType: 'school',
        organisationName: 'Basisschool De Linde',
        referrerEmail: 'ib@delinde.test',
        name: 'Fatima Yilmaz',
        phone: `06${String(12_340_000 + addressCounter)}`,
        email: `fatima.${addressCounter}@voorbeeld.test`,
        kern: 'Oirsbeek',
        children: '6 en 9',
        reason: 'Moeder staat er alleen voor sinds de scheiding.',
        parentsAgree: 'ja',
        firstContact: 'coordinator',
        wantsUpdates: 'ja',
        consent: 'ja',
        formToken: issueFormToken({ secret, kind: 'verwijzing', now: new Date(now.getTime() - 10_000) }),
        ...fields,
      },
    },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return (await createRegistrationsRepository({ db }).getById(result.id))!;
}

/** The token in the parent's mail about this referral. */
async function tokenFor(referral: RegistrationRow) {
  const mail = (await queuedEmails(db)).find(
    (queued) => queued.template === 'referral-confirm-request' && queued.to === referral.contactEmail,
  );
  return String(mail!.data.path).split('/').pop()!;
}

const stateOf = async (id: string) => (await referralConsentStates(db, [id], now)).get(id);

describe('the referral mails the parent a personal link', () => {
  it('in the transaction of the referral, naming only the kind of organisation; the referrer gets a reference', async () => {
    const referral = await referViaForm();
    const mails = await queuedEmails(db);
    const toParent = mails.filter((mail) => mail.to === referral.contactEmail);
    expect(toParent.map((mail) => mail.template)).toEqual(['referral-confirm-request']);
    const raw = JSON.stringify(toParent[0]!.raw);
    for (const secretWord of ['Fatima', 'Jansen', 'De Linde', 'scheiding', referral.id])
      expect(raw).not.toContain(secretWord);
    expect(toParent[0]!.data).toMatchObject({
      organisationType: 'school',
      path: expect.stringMatching(/^\/verwijzing\//),
    });
    const toReferrer = mails.filter(
      (mail) => mail.to === 'ib@delinde.test' && mail.template === 'registration-received',
    );
    expect(toReferrer.at(-1)!.data.reference).toBe(referralReference(referral.id));
    expect(await stateOf(referral.id)).toMatchObject({ state: 'waiting', sentAt: now });

    const page = await getReferralLink(deps(), await tokenFor(referral));
    expect(page).toMatchObject({
      gemeenteName: 'Beekdaelen',
      organisationType: 'school',
      referredOn: amsterdamDate(now),
      canCall: true,
      askShareOutcome: true,
    });
  });

  it('not without the parent’s address: the record says to ask at the first contact', async () => {
    const before = (await queuedEmails(db)).filter((mail) => mail.template === 'referral-confirm-request').length;
    const referral = await referViaForm({ email: '' });
    const after = (await queuedEmails(db)).filter((mail) => mail.template === 'referral-confirm-request').length;
    expect(after).toBe(before);
    expect(await stateOf(referral.id)).toEqual({ state: 'not_asked', expiredOn: null });
  });
});

describe('the parent answers', () => {
  it('yes, with how and when to call: confirmed by link, once; the audit log says so without details', async () => {
    const referral = await referViaForm();
    const token = await tokenFor(referral);
    const answer = await answerReferralLink(
      deps(),
      token,
      { answer: 'ja', contactBy: 'phone', contactTime: 'avond', shareOutcome: 'ja' },
      '198.51.100.7',
    );
    expect(answer).toEqual({ answer: 'confirmed', contactBy: 'phone', contactTime: 'avond' });
    expect(await stateOf(referral.id)).toEqual({
      state: 'confirmed',
      method: 'link',
      givenOn: amsterdamDate(now),
      contactBy: 'phone',
      contactTime: 'avond',
      shareOutcome: true,
    });
    // Single use: the page and a second answer both refuse.
    expect(await getReferralLink(deps(), token)).toBeNull();
    expect(
      (await expectError(answerReferralLink(deps(), token, { answer: 'nee' }, '198.51.100.7'), 'privacy.link_gone'))
        .status,
    ).toBe(410);
    expect(await createRegistrationsRepository({ db }).getById(referral.id)).toBeDefined();
    const [entry] = await createAuditRepository({ db }).list({ recordId: referral.id, limit: 10 });
    expect(entry).toMatchObject({ action: 'privacy.parent_consent', staffId: null, detail: { method: 'link' } });

    // The export for a request to see one's data holds the consent and the link, never its hash.
    const backoffice = await createStaff(db, { role: 'backoffice' });
    const { tables } = await exportOnRequest(deps(), backoffice.context, referral.id);
    expect(tables.referral_consents).toMatchObject([{ method: 'link', contact_by: 'phone', share_outcome: true }]);
    expect(tables.referral_consent_links).toMatchObject([{ answer: 'confirmed' }]);
    expect(JSON.stringify(tables.referral_consent_links)).not.toContain('token_hash');
  });

  it('yes after the coordinator already recorded it: her record stays, the parent’s wishes are added', async () => {
    const referral = await referViaForm();
    await recordParentConsent(deps(), coordinator, referral.id, { method: 'in_person', givenOn: amsterdamDate(now) });
    await answerReferralLink(
      deps(),
      await tokenFor(referral),
      { answer: 'ja', contactBy: 'email', contactTime: 'middag', shareOutcome: 'ja' },
      '198.51.100.7',
    );
    expect(await stateOf(referral.id)).toEqual({
      state: 'confirmed',
      method: 'in_person',
      givenOn: amsterdamDate(now),
      contactBy: 'email',
      contactTime: 'middag',
      shareOutcome: true,
    });
  });

  it('a bad answer is a 400 and stores nothing', async () => {
    const referral = await referViaForm();
    const token = await tokenFor(referral);
    for (const form of [
      {},
      { answer: 'misschien' },
      { answer: 'ja', contactBy: 'duif' },
      { answer: 'ja', contactTime: '3' },
    ] as Record<string, string>[])
      expect(
        (await expectError(answerReferralLink(deps(), token, form, '198.51.100.7'), 'privacy.invalid_referral_answer'))
          .status,
      ).toBe(400);
    expect(await stateOf(referral.id)).toMatchObject({ state: 'waiting' });
    expect(await getReferralLink(deps(), token)).not.toBeNull();
  });

  it('after 30 days the link no longer works and the record says to ask', async () => {
    const referral = await referViaForm();
    const token = await tokenFor(referral);
    const sentAt = now;
    now = new Date(sentAt.getTime() + REFERRAL_LINK_DAYS * 86_400_000 - 60_000);
    expect(await getReferralLink(deps(), token)).not.toBeNull();
    now = new Date(sentAt.getTime() + REFERRAL_LINK_DAYS * 86_400_000);
    expect(await getReferralLink(deps(), token)).toBeNull();
    await expectError(answerReferralLink(deps(), token, { answer: 'ja' }, '198.51.100.7'), 'privacy.link_gone');
    await expectError(answerReferralLink(deps(), token, { answer: 'nee' }, '198.51.100.7'), 'privacy.link_gone');
    expect(await stateOf(referral.id)).toEqual({
      state: 'not_asked',
      expiredOn: new Date(sentAt.getTime() + REFERRAL_LINK_DAYS * 86_400_000),
    });
    expect(await getReferralLink(deps(), 'not-a-token')).toBeNull();
  });

  it('no: the referral is gone from every table, and the referrer hears only that the parents declined', async () => {
    const referral = await referViaForm({ reason: 'Moeder staat er alleen voor sinds de verhuizing naar Oirsbeek.' });
    const token = await tokenFor(referral);
    await answerReferralLink(deps(), token, { answer: 'nee' }, '198.51.100.7');

    expect(await createRegistrationsRepository({ db }).getById(referral.id)).toBeUndefined();
    // Every table of the database: only the audit log still names the id (without personal data).
    const tables = await db.execute<{ name: string }>(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    const mentioning: string[] = [];
    for (const { name } of tables) {
      const [row] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from ${sql.identifier(name)} t
            where strpos(t::text, ${referral.id}) > 0 or strpos(t::text, ${referral.contactEmail!}) > 0
               or strpos(t::text, 'verhuizing naar Oirsbeek') > 0`,
      );
      if (row!.n > 0) mentioning.push(name);
    }
    expect(mentioning).toEqual(['audit_log']);
    const audit = await createAuditRepository({ db }).list({ recordId: referral.id, limit: 10 });
    const declined = audit.find((entry) => entry.action === 'privacy.referral_declined')!;
    expect(declined.staffId).toBeNull();
    expect(JSON.stringify(declined)).not.toMatch(/Fatima|Jansen|Oirsbeek|voorbeeld\.test/);

    const toReferrer = (await queuedEmails(db)).filter((mail) => mail.template === 'referral-outcome');
    expect(toReferrer.at(-1)).toMatchObject({
      to: 'ib@delinde.test',
      data: { outcome: 'declined', referredOn: amsterdamDate(now), reference: referralReference(referral.id) },
    });
    expect(JSON.stringify(toReferrer.at(-1)!.raw)).not.toMatch(/Fatima|Yilmaz|Oirsbeek|verhuizing|voorbeeld\.test/);
    expect(await getReferralLink(deps(), token)).toBeNull();
  });

  it('no, while a hold keeps the referral: it stays, marked declined, and the referrer is told', async () => {
    const referral = await referViaForm();
    await createHold(db, { registration: referral });
    const before = (await queuedEmails(db)).filter((mail) => mail.template === 'referral-outcome').length;
    await answerReferralLink(deps(), await tokenFor(referral), { answer: 'nee' }, '198.51.100.7');
    expect(await createRegistrationsRepository({ db }).getById(referral.id)).toBeDefined();
    expect(await stateOf(referral.id)).toEqual({ state: 'declined', answeredAt: now });
    expect((await queuedEmails(db)).filter((mail) => mail.template === 'referral-outcome')).toHaveLength(before + 1);
  });
});

describe('the inbox shows the consent of each referral', () => {
  it('confirmed, waiting or not asked, on the list and the record', async () => {
    const waiting = await referViaForm();
    const confirmed = await referViaForm();
    await answerReferralLink(deps(), await tokenFor(confirmed), { answer: 'ja' }, '198.51.100.7');
    const notAsked = await referViaForm({ email: '' });
    const byPhone = await referViaForm({ email: '' });
    await recordParentConsent(deps(), coordinator, byPhone.id, { method: 'phone', givenOn: amsterdamDate(now) });

    const { rows } = await listInbox(deps(), coordinator, { kind: 'verwijzing' });
    const consentOf = (id: string) => rows.find((row) => row.id === id)?.consent;
    expect(consentOf(waiting.id)).toMatchObject({ state: 'waiting' });
    expect(consentOf(confirmed.id)).toMatchObject({ state: 'confirmed', method: 'link' });
    expect(consentOf(notAsked.id)).toMatchObject({ state: 'not_asked' });
    expect(consentOf(byPhone.id)).toMatchObject({ state: 'confirmed', method: 'phone', shareOutcome: false });
    // The filter "toestemming vragen": only the referrals to ask at the first contact.
    const toAsk = (await listInbox(deps(), coordinator, { consentToAsk: true })).rows.map((row) => row.id);
    expect(toAsk).toContain(notAsked.id);
    for (const id of [waiting.id, confirmed.id, byPhone.id]) expect(toAsk).not.toContain(id);
    expect(
      (await listInbox(deps(), coordinator, { consentToAsk: true })).rows.every((row) => row.kind === 'verwijzing'),
    ).toBe(true);
    expect((await getRegistrationForStaff(deps(), coordinator, waiting.id)).parentConsent).toMatchObject({
      state: 'waiting',
    });
  });
});

describe('the referrer hears when support starts and ends', () => {
  /** A referral of `family` whose parents answered by phone (`shareOutcome`) or not at all. */
  async function referralOf(
    family: RegistrationRow,
    options: { wantsUpdates: boolean; consent: 'share' | 'no-share' | 'none' },
  ) {
    const referral = await createRegistration(db, 'verwijzing', {
      details: {
        wantsUpdates: options.wantsUpdates,
        referrer: {
          name: 'R',
          organisationType: 'huisarts',
          organisationName: 'Praktijk',
          email: `verwijzer.${family.id.slice(0, 8)}.${options.consent}.${options.wantsUpdates}@praktijk.test`,
          phone: null,
        },
      },
    });
    await createInboxItem(db, { registration: referral, family });
    if (options.consent !== 'none')
      await recordParentConsent(deps(), coordinator, referral.id, {
        method: 'phone',
        givenOn: amsterdamDate(now),
        ...(options.consent === 'share' ? { shareOutcome: 'ja' } : {}),
      });
    return referral;
  }

  it('only when the referrer asked and the parents agreed: one mail at the start, one at the end, no names', async () => {
    const family = await createRegistration(db, 'vraaggezin', { status: 'proposed' });
    const asked = await referralOf(family, { wantsUpdates: true, consent: 'share' });
    const notShared = await referralOf(family, { wantsUpdates: true, consent: 'no-share' });
    const notConfirmed = await referralOf(family, { wantsUpdates: true, consent: 'none' });
    const notAsked = await referralOf(family, { wantsUpdates: false, consent: 'share' });
    const koppeling = await createKoppeling(db, { vraaggezin: family, phase: 'agreed', now });
    const today = amsterdamDate(now);
    const outcomeMails = async () =>
      (await queuedEmails(db))
        .filter((mail) => mail.template === 'referral-outcome')
        .filter((mail) =>
          [asked, notShared, notConfirmed, notAsked].some(
            (referral) => mail.to === (referral.details as { referrer: { email: string } }).referrer.email,
          ),
        );

    await startKoppeling(deps(), coordinator, koppeling.id, {
      startDate: today,
      what: 'Woensdagmiddag spelen',
      frequency: 'wekelijks',
      days: ['wo'],
      sleepovers: 'later',
      houseRules: 'We spreken samen af wanneer de kinderen komen.',
      youthCareKinds: ['wijkteam'],
      youthCareIntensity: 'monthly',
      signVraaggezin: 'paper',
      signSteungezin: 'paper',
      paperSignedOn: today,
    });
    const referrerOf = (referral: RegistrationRow) =>
      (referral.details as { referrer: { email: string } }).referrer.email;
    expect((await outcomeMails()).map((mail) => [mail.to, mail.data.outcome])).toEqual([
      [referrerOf(asked), 'started'],
    ]);

    now = new Date(now.getTime() + 24 * 3600_000);
    await closeKoppeling(deps(), coordinator, koppeling.id, {
      closedOn: amsterdamDate(now),
      reason: 'goal_reached',
      continueTogether: 'no',
      youthCareFinal: 'reduced',
      wantsAnother: 'yes',
      ...Object.fromEntries(effectCodes.map((code) => [`effect_${code}`, 'yes'])),
    });
    const mails = await outcomeMails();
    expect(mails.map((mail) => [mail.to, mail.data.outcome])).toEqual([
      [referrerOf(asked), 'started'],
      [referrerOf(asked), 'ended'],
    ]);
    expect(mails.every((mail) => mail.data.reference === referralReference(asked.id))).toBe(true);
    expect(JSON.stringify(mails.map((mail) => mail.raw))).not.toContain(family.contactName);
  });
});

// The effects the afronding asks about (koppelingen.labels.ts): every one answered.
const effectCodes = [...childEffects, ...parentEffects].map((effect) => effect.value);
