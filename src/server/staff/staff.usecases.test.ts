import { describe, expect, it } from 'vitest';
import { createAuditRepository } from '~/server/audit/audit.repository';
import { isAppError } from '~/server/errors/errors';
import { createOutboxRepository } from '~/server/outbox/outbox.repository';
import { createTestDatabase } from '~tests/support/database';
import { createStaff } from '~tests/support/factories';
import { createStaffRepository } from './staff.repository';
import { inviteBackofficeFromCommandLine, inviteStaffMember } from './staff.usecases';

const { db } = await createTestDatabase();
const deps = {
  db,
  clock: () => new Date(),
  config: { appSecret: 'a'.repeat(40), publicUrl: 'https://portaal.example' },
};
const cliEntries = async () =>
  (await createAuditRepository({ db }).list({ limit: 500 })).filter(
    (entry) => entry.action === 'staff.invite' && entry.clientAddress === 'opdrachtregel',
  );

describe('the first backoffice account, from the command line (npm run staff:invite)', () => {
  it('creates the account, queues the invitation and logs it as done from the command line', async () => {
    const { staffId, invitationToken } = await inviteBackofficeFromCommandLine(deps, {
      email: 'eerste@buurtgezinnen.test',
      displayName: 'Eerste Beheerder',
    });
    expect(await createStaffRepository({ db }).findById(staffId)).toMatchObject({
      role: 'backoffice',
      totpEnrolledAt: null,
    });
    const mails = await createOutboxRepository({ db }).listByTopic('email');
    expect(mails.some((mail) => JSON.stringify(mail.payload).includes(invitationToken))).toBe(true);
    const entries = (await cliEntries()).filter((entry) => entry.recordId === staffId);
    expect(entries.map((entry) => [entry.staffId, entry.detail])).toEqual([[null, { role: 'backoffice', via: 'cli' }]]);
  });

  it('writes nothing, no audit entry either, when the address is taken', async () => {
    const existing = await createStaff(db, { role: 'backoffice' });
    const before = (await cliEntries()).length;
    const error = await inviteBackofficeFromCommandLine(deps, {
      email: existing.email.toUpperCase(),
      displayName: 'Dubbel',
    }).catch((failure: unknown) => failure);
    expect(isAppError(error, 'staff.email_taken')).toBe(true);
    expect((await cliEntries()).length).toBe(before);
  });
});

describe('a gemeente account (a beleidsmedewerker who reads the reports)', () => {
  it('is invited for exactly one gemeente', async () => {
    const backoffice = await createStaff(db, { role: 'backoffice' });
    const invite = (gemeenten: string[]) =>
      inviteStaffMember(deps, backoffice.context, {
        email: `beleid-${gemeenten.length}@gemeente.test`,
        displayName: 'Beleid Medewerker',
        role: 'gemeente',
        gemeenten,
        regions: ['Zuid-Limburg'],
      });
    const refused = await invite(['beekdaelen', 'haarlem']).catch((error: unknown) => error);
    expect(isAppError(refused, 'staff.invalid_input')).toBe(true);
    const { staffId } = await invite(['beekdaelen']);
    const accounts = createStaffRepository({ db });
    expect(await accounts.findById(staffId)).toMatchObject({ role: 'gemeente' });
    expect(await accounts.gemeenteSlugsOf(staffId)).toEqual(['beekdaelen']);
    expect(await accounts.regionsOf(staffId)).toEqual([]);
  });
});
