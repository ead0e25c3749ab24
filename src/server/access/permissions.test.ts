import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '~/server/db/db';
import { isAppError } from '~/server/errors/errors';
import { createTestDatabase } from '~tests/support/database';
import { createStaff, type StaffOptions } from '~tests/support/factories';
import { can, requireStaff, resolveGemeenten, resolveStandIn, type StaffContext } from './permissions';

let db: Database;
const ctxOf = async (options: StaffOptions): Promise<StaffContext> => {
  const { context } = await createStaff(db, options);
  return { ...context, gemeenten: await resolveGemeenten(db, context.staff) };
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
    const ctx = await ctxOf({ role: 'coordinator', gemeenten: ['beekdaelen'] });
    expect(code(() => requireStaff(ctx, { action: 'record.write', gemeente: 'beekdaelen' }))).toBe('ok');
    expect(code(() => requireStaff(ctx, { action: 'record.read', gemeente: 'haarlem' }))).toBe('access.not_found');
    expect(code(() => requireStaff(ctx, { action: 'staff.manage' }))).toBe('access.forbidden');
    expect(code(() => requireStaff(ctx, { action: 'audit.read' }))).toBe('access.forbidden');
  });

  it('lets a regional coordinator read and help in the gemeenten of her region, and change only where she stands in', async () => {
    await createStaff(db, { role: 'coordinator', gemeenten: ['haarlem'] });
    const ctx = await ctxOf({ role: 'regional', regions: ['Noord-Holland'] });
    expect(ctx.gemeenten).toEqual(new Set(['haarlem', 'uithoorn']));
    expect(code(() => requireStaff(ctx, { action: 'record.read', gemeente: 'haarlem' }))).toBe('ok');
    expect(code(() => requireStaff(ctx, { action: 'record.help', gemeente: 'uithoorn' }))).toBe('ok');
    // Haarlem has its coordinator: hers to change. Uithoorn has none: the regional coordinator is responsible.
    expect(code(() => requireStaff(ctx, { action: 'record.write', gemeente: 'haarlem' }))).toBe('access.forbidden');
    expect(code(() => requireStaff(ctx, { action: 'record.write', gemeente: 'uithoorn' }))).toBe('ok');
    expect(code(() => requireStaff(ctx, { action: 'record.write' }))).toBe('ok');
    expect(code(() => requireStaff(ctx, { action: 'staff.manage' }))).toBe('access.forbidden');
    expect(code(() => requireStaff(ctx, { action: 'record.read', gemeente: 'beekdaelen' }))).toBe('access.not_found');
  });

  it('ends the stand-in once the gemeente has a coordinator who can log in', async () => {
    const { db: own } = await createTestDatabase();
    const regional = await createStaff(own, { role: 'regional', regions: ['Noord-Holland'] });
    expect([...(await resolveStandIn(own, regional, regional.context.gemeenten))].sort()).toEqual([
      'haarlem',
      'uithoorn',
    ]);
    await createStaff(own, { gemeenten: ['uithoorn'], enrolled: false }); // invited: not yet
    expect([...(await resolveStandIn(own, regional, regional.context.gemeenten))].sort()).toEqual([
      'haarlem',
      'uithoorn',
    ]);
    await createStaff(own, { gemeenten: ['uithoorn'] });
    expect([...(await resolveStandIn(own, regional, regional.context.gemeenten))]).toEqual(['haarlem']);
  });

  it('lets backoffice do everything everywhere', async () => {
    const ctx = await ctxOf({ role: 'backoffice' });
    for (const action of ['record.read', 'record.write', 'staff.manage', 'audit.read'] as const)
      expect(can(ctx, action, 'heerenveen')).toBe(true);
  });

  it('refuses anonymous requests and staff without gemeenten', async () => {
    expect(code(() => requireStaff(null, { action: 'record.read' }))).toBe('access.not_signed_in');
    const ctx = await ctxOf({ role: 'coordinator', gemeenten: [] });
    expect(code(() => requireStaff(ctx, { action: 'record.read', gemeente: 'beekdaelen' }))).toBe('access.not_found');
  });
});
