import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '~/server/db/db';
import { seedDemoContent } from '~/server/demo/demo.seed';
import { createLogger } from '~/server/logger';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { createTestDatabase } from '~tests/support/database';
import { createStaff } from '~tests/support/factories';
import { getShortlist, listKoppelingen } from './koppelingen.usecases';

let db: Database;
const now = new Date();

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-'));
  await seedDemoContent({ db, dataDir, log: createLogger('error'), appSecret: 'x'.repeat(40) });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('demo koppelingen', () => {
  it('match the public facts of Beekdaelen (9 started since October 2023) and show every phase', async () => {
    const office = await createStaff(db, { role: 'backoffice' });
    const { rows } = await listKoppelingen({ db, clock: () => now }, office.context, {});
    const beekdaelen = rows.filter((k) => k.gemeenteSlug === 'beekdaelen');
    const started = beekdaelen.filter((k) => k.startDate);
    expect(started).toHaveLength(9);
    expect(started.every((k) => k.startDate! >= '2023-10-01')).toBe(true);
    expect(new Set(rows.map((k) => k.phase))).toEqual(new Set(['proposed', 'agreed', 'active', 'closed', 'declined']));
    expect(rows.filter((k) => k.dueState === 'overdue').length).toBeGreaterThanOrEqual(2);
    expect(rows.filter((k) => k.dueState === 'due').length).toBeGreaterThanOrEqual(1);
    expect(rows.some((k) => k.openConcern)).toBe(true);
    // Each family's inbox status follows its koppeling.
    const registrations = createRegistrationsRepository({ db });
    for (const k of rows) {
      const family = await registrations.getById(k.vraaggezinId);
      const expected = { proposed: 'proposed', agreed: 'proposed', active: 'matched', closed: 'completed' }[
        k.phase as string
      ];
      if (expected) expect(family!.status, `${k.phase} ${family!.contactName}`).toBe(expected);
    }
  });

  it('leaves approved steungezinnen waiting, so a family’s shortlist is not empty', async () => {
    const coordinator = await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] });
    const family = await createRegistrationsRepository({ db }).findFirstWithEmail(
      'beekdaelen',
      'demi.lemmens@example.nl',
    );
    const list = await getShortlist({ db, clock: () => now }, coordinator.context, family!.id);
    expect(list.candidates.length).toBeGreaterThanOrEqual(2);
    expect(list.candidates.every((c) => c.criteria.length === 6)).toBe(true);
  });
});
