import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '~/server/db/db';
import { isAppError } from '~/server/errors/errors';
import { staffGemeenten, staffRegions, staffUsers } from '~/server/staff/staff.table';
import { createTestDatabase } from '~tests/support/database';
import { can, requireStaff, resolveGemeenten, type StaffContext } from './permissions';

let db: Database;
const ctxOf = async (
  role: 'coordinator' | 'regional' | 'backoffice',
  setup: (id: string) => Promise<unknown>,
): Promise<StaffContext> => {
  const [row] = await db
    .insert(staffUsers)
    .values({ email: `${role}-${Math.random()}@example.nl`, displayName: role, role })
    .returning();
  await setup(row!.id);
  const staff = { id: row!.id, email: row!.email, displayName: row!.displayName, role };
  return { staff, sessionId: 's', clientAddress: '127.0.0.1', gemeenten: await resolveGemeenten(db, staff) };
};
const code = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return isAppError(e) ? e.code : 'other';
  }
};

beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

describe('requireStaff', () => {
  it('lets a coordinator read and change records in her own gemeenten only, and hides the others (404)', async () => {
    const ctx = await ctxOf('coordinator', (id) =>
      db.insert(staffGemeenten).values({ staffId: id, gemeenteSlug: 'beekdaelen' }),
    );
    expect(code(() => requireStaff(ctx, { action: 'record.write', gemeente: 'beekdaelen' }))).toBe('ok');
    expect(code(() => requireStaff(ctx, { action: 'record.read', gemeente: 'haarlem' }))).toBe('access.not_found');
    expect(code(() => requireStaff(ctx, { action: 'staff.manage' }))).toBe('access.forbidden');
    expect(code(() => requireStaff(ctx, { action: 'audit.read' }))).toBe('access.forbidden');
  });

  it('lets a regional coordinator read and help in the gemeenten of her region, never change', async () => {
    const ctx = await ctxOf('regional', (id) =>
      db.insert(staffRegions).values({ staffId: id, region: 'Noord-Holland' }),
    );
    expect(ctx.gemeenten).toEqual(new Set(['haarlem', 'uithoorn']));
    expect(code(() => requireStaff(ctx, { action: 'record.read', gemeente: 'haarlem' }))).toBe('ok');
    expect(code(() => requireStaff(ctx, { action: 'record.help', gemeente: 'uithoorn' }))).toBe('ok');
    expect(code(() => requireStaff(ctx, { action: 'record.write', gemeente: 'haarlem' }))).toBe('access.forbidden');
    expect(code(() => requireStaff(ctx, { action: 'record.read', gemeente: 'beekdaelen' }))).toBe('access.not_found');
  });

  it('lets backoffice do everything everywhere', async () => {
    const ctx = await ctxOf('backoffice', async () => undefined);
    for (const action of ['record.read', 'record.write', 'staff.manage', 'audit.read'] as const)
      expect(can(ctx, action, 'heerenveen')).toBe(true);
  });

  it('refuses anonymous requests and staff without gemeenten', async () => {
    expect(code(() => requireStaff(null, { action: 'record.read' }))).toBe('access.not_signed_in');
    const ctx = await ctxOf('coordinator', async () => undefined);
    expect(code(() => requireStaff(ctx, { action: 'record.read', gemeente: 'beekdaelen' }))).toBe('access.not_found');
  });
});
