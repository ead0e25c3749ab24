import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffContext } from '~/server/access/permissions';
import type { Database } from '~/server/db/db';
import { isAppError } from '~/server/errors/errors';
import { createTestDatabase } from '~tests/support/database';
import { createRegistration, createStaff, createSteungezin, queuedEmails } from '~tests/support/factories';
import { concernsAbout, getConcern, raiseConcern, recordConcernStep, resolveConcern } from './koppelingen.safety';
import { getKoppeling, proposeSteungezin } from './koppelingen.usecases';

let db: Database;
const now = new Date('2026-11-23T10:00:00Z');
const deps = () => ({ db, clock: () => now });
let coordinator: StaffContext;
let otherCoordinator: StaffContext;
let regional: StaffContext;
let regionalElsewhere: StaffContext;
let backoffice: StaffContext;
let elsewhere: StaffContext;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  coordinator = (await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] })).context;
  otherCoordinator = (await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] })).context;
  regional = (await createStaff(db, { role: 'regional', regions: ['Zuid-Limburg'] })).context;
  regionalElsewhere = (await createStaff(db, { role: 'regional', regions: ['Noord'] })).context;
  backoffice = (await createStaff(db, { role: 'backoffice' })).context;
  elsewhere = (await createStaff(db, { role: 'coordinator', gemeenten: ['haarlem'] })).context;
});

async function expectError(promise: Promise<unknown>, code: string) {
  const error = await promise.catch((e: unknown) => e);
  expect(isAppError(error, code), String(error)).toBe(true);
}

describe('zorg over veiligheid', () => {
  it('alerts the region, the national office and the other coordinators at once, with a link and no details', async () => {
    const family = await createRegistration(db, 'vraaggezin', { gemeenteSlug: 'beekdaelen' });
    const steungezin = await createSteungezin(db, { now, gemeenteSlug: 'beekdaelen' });
    const koppelingId = await proposeSteungezin(deps(), coordinator, family.id, {
      steungezinId: steungezin.id,
      proposedOn: '2026-11-23',
    });
    const summary = 'Het kind vertelde dat het thuis vaak alleen is en honger heeft.';
    const before = (await queuedEmails(db)).map((m) => m.id);
    const id = await raiseConcern(deps(), coordinator, steungezin.id, { raisedOn: '2026-11-23', summary, koppelingId });
    const mails = (await queuedEmails(db)).filter((m) => !before.includes(m.id));
    const to = mails.map((m) => m.to).sort();
    expect(to).toEqual([backoffice.staff.email, otherCoordinator.staff.email, regional.staff.email].sort());
    for (const mail of mails) {
      expect(mail.template).toBe('safety-concern');
      expect(mail.data).toEqual({ path: `/inbox/zorgen/${id}` });
      expect(JSON.stringify(mail.raw)).not.toContain('honger');
    }
    // The concern is about the vraaggezin of the koppeling; the records show it until resolved.
    const { concern } = await getConcern(deps(), regional, id);
    expect(concern.registrationId).toBe(family.id);
    expect((await getKoppeling(deps(), coordinator, koppelingId)).concerns).toEqual([
      { id, raisedOn: '2026-11-23', open: true },
    ]);
    expect(await concernsAbout(deps(), coordinator, { registrationIds: [family.id], koppelingIds: [] })).toHaveLength(
      1,
    );

    // The meldcode steps; closing needs the decision first.
    await recordConcernStep(deps(), regional, id, {
      step: 'consulted',
      on: '2026-11-23',
      note: 'Met de regio besproken',
    });
    await expectError(
      resolveConcern(deps(), coordinator, id, { note: 'Gaat beter', confirm: 'ja' }),
      'koppeling.concern_not_decided',
    );
    await expectError(
      recordConcernStep(deps(), coordinator, id, { step: 'decided', on: '2026-11-23' }),
      'koppeling.invalid_input',
    );
    await recordConcernStep(deps(), coordinator, id, { step: 'decided', on: '2026-11-23', decision: 'help' });
    await expectError(resolveConcern(deps(), regional, id, { note: 'Gaat beter', confirm: 'ja' }), 'access.forbidden');
    await resolveConcern(deps(), coordinator, id, { note: 'Wijkteam is betrokken', confirm: 'ja' });
    const after = await getConcern(deps(), coordinator, id);
    expect(after.concern.steps.map((s) => s.step)).toEqual(['consulted', 'decided']);
    expect(after.concern.decision).toBe('help');
    expect(after.concern.resolvedAt).toEqual(now);
    expect((await getKoppeling(deps(), coordinator, koppelingId)).concerns[0]!.open).toBe(false);
  });

  it('can be raised on a family without a koppeling, also by a regional coordinator; other gemeenten get a 404', async () => {
    const family = await createRegistration(db, 'vraaggezin', { gemeenteSlug: 'beekdaelen' });
    const id = await raiseConcern(deps(), regional, family.id, {
      raisedOn: '2026-11-22',
      summary: 'Blauwe plekken gezien bij het oudste kind.',
    });
    const mails = (await queuedEmails(db)).filter((m) => m.data.path === `/inbox/zorgen/${id}`);
    // Both coordinators of the gemeente and the office; not the regional coordinator who raised it.
    expect(mails.map((m) => m.to).sort()).toEqual(
      [backoffice.staff.email, coordinator.staff.email, otherCoordinator.staff.email].sort(),
    );
    await expectError(getConcern(deps(), elsewhere, id), 'access.not_found');
    await expectError(getConcern(deps(), regionalElsewhere, id), 'access.not_found');
    await expectError(
      raiseConcern(deps(), elsewhere, family.id, { raisedOn: '2026-11-22', summary: 'Iets gezien bij het kind.' }),
      'access.not_found',
    );
    await expectError(
      raiseConcern(deps(), coordinator, family.id, { raisedOn: '2026-11-22', summary: '' }),
      'koppeling.invalid_input',
    );
  });
});
