import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffContext } from '~/server/access/permissions';
import { createAuditRepository } from '~/server/audit/audit.repository';
import type { Database } from '~/server/db/db';
import { isAppError } from '~/server/errors/errors';
import { createInboxRepository } from '~/server/inbox/inbox.repository';
import { getRegistrationForStaff } from '~/server/inbox/inbox.usecases';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { createTestDatabase } from '~tests/support/database';
import { createRegistration, createStaff, createSteungezin, queuedEmails } from '~tests/support/factories';
import {
  addAdult,
  approveSteungezin,
  queueVogReminders,
  recordIntake,
  removeAdult,
  saveChecklist,
  saveVog,
} from './screening.usecases';

let db: Database;
const now = new Date('2026-11-23T10:00:00Z');
const deps = () => ({ db, clock: () => now });
let coordinator: StaffContext;
let regional: StaffContext;
let elsewhere: StaffContext;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  coordinator = (await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] })).context;
  regional = (await createStaff(db, { role: 'regional', regions: ['Zuid-Limburg'] })).context;
  elsewhere = (await createStaff(db, { role: 'coordinator', gemeenten: ['haarlem'] })).context;
});

async function expectError(promise: Promise<unknown>, code: string) {
  const error = await promise.catch((e: unknown) => e);
  expect(isAppError(error, code), String(error)).toBe(true);
  return error as { userMessage: string; details?: Record<string, unknown> };
}

/** The screening section as the steungezin's page shows it. */
const screeningOf = async (ctx: StaffContext, id: string) =>
  (await getRegistrationForStaff(deps(), ctx, id)).screening!;

const allCompetences = ['stable_household', 'time_and_space', 'open_to_cultures', 'keeps_agreements', 'asks_for_help'];

describe('screening a steungezin', () => {
  it('shows what the sign-up said before anything is stored: one VOG per adult, the national checklist', async () => {
    const s = await createRegistration(db, 'steungezin', {
      gemeenteSlug: 'beekdaelen',
      status: 'contacted',
      details: { adultsInHousehold: 3, days: ['za'] },
    });
    const view = await screeningOf(coordinator, s.id);
    expect(view.vogs.map((v) => v.adultNumber)).toEqual([1, 2, 3]);
    expect(view.checklist.map((c) => c.key)).toEqual(allCompetences);
    expect(view.availability.days).toEqual(['za']);
    expect(view.blockers.map((b) => b.code)).toEqual(['intake_1', 'intake_2', 'vog_missing', 'checklist']);
  });

  it("opening a steungezin's page (screening included) writes one access-log entry", async () => {
    const s = await createRegistration(db, 'steungezin', { gemeenteSlug: 'beekdaelen', status: 'contacted' });
    const page = await getRegistrationForStaff(deps(), coordinator, s.id);
    expect(page.screening?.blockers.length).toBeGreaterThan(0);
    const entries = await createAuditRepository({ db }).list({ recordId: s.id, limit: 10 });
    expect(entries.map((entry) => entry.action)).toEqual(['registration.view']);
  });

  it('refuses approval without every VOG, names what is missing, and approves once all is there', async () => {
    const s = await createRegistration(db, 'steungezin', {
      gemeenteSlug: 'beekdaelen',
      status: 'contacted',
      details: { adultsInHousehold: 2 },
    });
    await recordIntake(deps(), coordinator, s.id, { number: '1', heldOn: '2026-11-10', heldBy: 'Maud' });
    await recordIntake(deps(), coordinator, s.id, {
      number: '2',
      heldOn: '2026-11-17',
      heldBy: 'Maud',
      notes: 'Fijn gesprek',
    });
    await saveVog(deps(), coordinator, s.id, {
      adult: '1',
      name: 'Piet',
      requestedOn: '2026-11-17',
      receivedOn: '2026-11-20',
    });
    await saveChecklist(deps(), coordinator, s.id, { checked: allCompetences, signOff: 'ja' });
    const error = await expectError(approveSteungezin(deps(), coordinator, s.id), 'screening.not_approvable');
    expect(error.userMessage).toContain('Niet van iedere volwassene is de VOG binnen.');
    expect((await createRegistrationsRepository({ db }).getById(s.id))!.status).not.toBe('approved');

    await saveVog(deps(), coordinator, s.id, {
      adult: '2',
      name: 'Anja',
      requestedOn: '2026-11-17',
      receivedOn: '2026-11-21',
    });
    await approveSteungezin(deps(), coordinator, s.id);
    const view = await screeningOf(coordinator, s.id);
    expect(view.approvedAt).toEqual(now);
    expect(view.blockers).toEqual([]);
    // Valid until: received + 3 years by default.
    expect(view.vogs.map((v) => v.validUntil)).toEqual(['2029-11-20', '2029-11-21']);
    const registration = await createRegistrationsRepository({ db }).getById(s.id);
    expect(registration!.status).toBe('approved');
    // The pipeline followed the screening step by step, each with a history line.
    const statuses = (await createInboxRepository({ db }).listHistory(s.id))
      .filter((h) => h.change === 'status')
      .reverse();
    expect(statuses.map((r) => r.toValue)).toEqual(['intake_1', 'intake_2', 'vog_requested', 'approved']);
  });

  it('the checklist can only be signed off with every item ticked', async () => {
    const s = await createRegistration(db, 'steungezin', { gemeenteSlug: 'beekdaelen', status: 'contacted' });
    await expectError(
      saveChecklist(deps(), coordinator, s.id, { checked: allCompetences.slice(1), signOff: 'ja' }),
      'screening.checklist_incomplete',
    );
    await saveChecklist(deps(), coordinator, s.id, { checked: allCompetences.slice(1) });
    const view = await screeningOf(coordinator, s.id);
    expect(view.checklist.filter((c) => c.checked)).toHaveLength(4);
    expect(view.checklistSignedOffAt).toBeNull();
  });

  it('keeps the VOG list in step with the household, and refuses bad dates with a Dutch message', async () => {
    const s = await createRegistration(db, 'steungezin', {
      gemeenteSlug: 'beekdaelen',
      status: 'contacted',
      details: { adultsInHousehold: 1 },
    });
    await addAdult(deps(), coordinator, s.id);
    expect((await screeningOf(coordinator, s.id)).vogs.map((v) => v.adultNumber)).toEqual([1, 2]);
    await removeAdult(deps(), coordinator, s.id, 1);
    expect((await screeningOf(coordinator, s.id)).vogs.map((v) => v.adultNumber)).toEqual([2]);
    const error = await expectError(
      saveVog(deps(), coordinator, s.id, {
        adult: '2',
        name: 'X',
        requestedOn: '2026-11-20',
        receivedOn: '2026-11-19',
      }),
      'screening.invalid_input',
    );
    expect(error.details?.fields).toEqual({ receivedOn: 'De VOG kan niet binnen zijn voordat hij is aangevraagd.' });
    await expectError(
      recordIntake(deps(), coordinator, s.id, { number: '1', heldOn: '2026-12-01', heldBy: 'Maud' }),
      'screening.invalid_input',
    );
  });

  it('another gemeente sees a 404, a regional coordinator reads but does not change', async () => {
    const s = await createRegistration(db, 'steungezin', { gemeenteSlug: 'beekdaelen', status: 'contacted' });
    await expectError(screeningOf(elsewhere, s.id), 'access.not_found');
    await expectError(
      recordIntake(deps(), elsewhere, s.id, { number: '1', heldOn: '2026-11-01', heldBy: 'X' }),
      'access.not_found',
    );
    await screeningOf(regional, s.id);
    await expectError(
      recordIntake(deps(), regional, s.id, { number: '1', heldOn: '2026-11-01', heldBy: 'X' }),
      'access.forbidden',
    );
  });
});

describe('VOG renewal reminders', () => {
  it('mail the coordinators once per term, two months before a VOG expires, with a link and no name', async () => {
    const s = await createSteungezin(db, {
      now,
      gemeenteSlug: 'beekdaelen',
      adults: 1,
      vogReceivedOn: '2023-12-20',
      vogValidUntil: '2027-01-10',
    });
    const later = await createSteungezin(db, { now, gemeenteSlug: 'beekdaelen', adults: 1 });
    const before = await queuedEmails(db);
    expect(await queueVogReminders(db, now)).toBe(1);
    const mails = (await queuedEmails(db)).filter((m) => !before.some((b) => b.id === m.id));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.template).toBe('vog-renewal');
    expect(mail.to).toBe(coordinator.staff.email);
    expect(mail.data.path).toBe(`/inbox/${s.id}#screening`);
    expect(JSON.stringify(mail.raw)).not.toContain('Volwassene');
    expect(await queueVogReminders(db, now)).toBe(0);
    expect(later.id).not.toBe(s.id);
  });
});
