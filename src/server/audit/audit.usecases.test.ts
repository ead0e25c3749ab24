import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffContext } from '~/server/access/permissions';
import type { Database } from '~/server/db/db';
import { changeStatus, getRegistrationForStaff, listInbox } from '~/server/inbox/inbox.usecases';
import { listStaffAccounts } from '~/server/staff/staff.usecases';
import { createTestDatabase } from '~tests/support/database';
import { createRegistration, createStaff } from '~tests/support/factories';
import { listAuditLog } from './audit.usecases';

let db: Database;
let maud: StaffContext;
let office: StaffContext;
let sanneId: string;
let kimId: string;
const monday = new Date('2026-11-23T10:00:00Z');
const tuesday = new Date('2026-11-24T10:00:00Z');

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  maud = (await createStaff(db, { gemeenten: ['beekdaelen', 'heerenveen'], displayName: 'Maud Hendriks' })).context;
  office = (await createStaff(db, { role: 'backoffice', displayName: 'Bo Bureau' })).context;
  sanneId = (await createRegistration(db, 'vraaggezin', { contactName: 'Sanne Bessems' })).id;
  kimId = (await createRegistration(db, 'steungezin', { contactName: 'Familie Hermans', gemeenteSlug: 'heerenveen' }))
    .id;
  await listInbox({ db, clock: () => monday }, maud, {});
  await getRegistrationForStaff({ db, clock: () => new Date(monday.getTime() + 60_000) }, maud, sanneId);
  await changeStatus({ db, clock: () => tuesday }, maud, sanneId, { to: 'contacted', from: 'new' });
  await getRegistrationForStaff({ db, clock: () => tuesday }, office, kimId);
});

describe('the audit log for the office', () => {
  it('says in Dutch who did what to whom, with names instead of codes and ids', async () => {
    const { entries } = await listAuditLog({ db }, office, {});
    const sentences = entries.map((entry) => [
      entry.staffName,
      entry.text,
      entry.subject?.label ?? null,
      entry.gemeenteName,
    ]);
    expect(sentences).toContainEqual([
      'Maud Hendriks',
      'Zette de status van Nieuw naar Contact gelegd',
      'Sanne Bessems (vraaggezin)',
      'Beekdaelen',
    ]);
    expect(sentences).toContainEqual([
      'Maud Hendriks',
      'Bekeek de aanmelding',
      'Sanne Bessems (vraaggezin)',
      'Beekdaelen',
    ]);
    expect(sentences).toContainEqual(['Maud Hendriks', 'Bekeek de inbox: 2 aanmeldingen in beeld', null, null]);
    expect(sentences).toContainEqual([
      'Bo Bureau',
      'Bekeek de aanmelding',
      'Familie Hermans (steungezin)',
      'Heerenveen',
    ]);
    for (const entry of entries) expect(entry.text).not.toMatch(/registration\.|inbox\.|\{"/);
  });

  it('filters by person, by record (views in the list included) and by date', async () => {
    const byMaud = await listAuditLog({ db }, office, { staffId: maud.staff.id });
    expect(new Set(byMaud.entries.map((entry) => entry.staffName))).toEqual(new Set(['Maud Hendriks']));
    const aboutSanne = await listAuditLog({ db }, office, { recordId: sanneId });
    expect(aboutSanne.entries.map((entry) => entry.text)).toEqual([
      'Zette de status van Nieuw naar Contact gelegd',
      'Bekeek de aanmelding',
      'Bekeek de inbox: 2 aanmeldingen in beeld',
    ]);
    const mondayOnly = await listAuditLog({ db }, office, { from: '2026-11-23', to: '2026-11-23' });
    expect(mondayOnly.entries.map((entry) => entry.text).sort()).toEqual([
      'Bekeek de aanmelding',
      'Bekeek de inbox: 2 aanmeldingen in beeld',
    ]);
    const byName = await listAuditLog({ db }, office, { name: 'hermans' });
    // Entries of the same moment come in any order.
    expect(byName.entries.map((entry) => [entry.staffName, entry.text, entry.subject?.label]).sort()).toEqual([
      // A steungezin's page shows its screening too (issue 14): one view, one entry.
      ['Bo Bureau', 'Bekeek de aanmelding', 'Familie Hermans (steungezin)'],
      // Her inbox list showed the family too.
      ['Maud Hendriks', 'Bekeek de inbox: 2 aanmeldingen in beeld', undefined],
    ]);
  });
});

describe('staff accounts for the office', () => {
  it('shows where someone works by gemeente name, not by slug', async () => {
    const accounts = await listStaffAccounts({ db }, office);
    expect(accounts.find((account) => account.displayName === 'Maud Hendriks')!.workArea).toBe(
      'Beekdaelen en Heerenveen',
    );
  });
});
