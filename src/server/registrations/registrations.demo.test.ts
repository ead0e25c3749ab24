import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createTestDatabase } from '~tests/support/database';
import { createRegistration } from '~tests/support/factories';
import { seedDemoRegistrations } from './registrations.demo';
import { registrations } from './registrations.table';

it('adds a repeat sign-up linked to the first one, and two more realistic sign-ups', async () => {
  const { db } = await createTestDatabase();
  const now = new Date('2026-11-23T12:00:00Z');
  // The newest sign-up of the inbox demo (inbox.demo.ts), which this seed repeats.
  const original = await createRegistration(db, 'vraaggezin', {
    kern: 'Schimmert',
    contactName: 'Sanne Bessems',
    contactEmail: 'sanne.bessems@example.nl',
    contactPhone: null,
    createdAt: new Date(now.getTime() - 5 * 3600_000),
  });
  await db.transaction((tx) => seedDemoRegistrations(tx, now));
  const repeats = await db.select().from(registrations).where(eq(registrations.duplicateOfId, original.id));
  expect(repeats).toHaveLength(1);
  expect(repeats[0]!.createdAt.getTime()).toBe(original.createdAt.getTime() + 2 * 3600_000);
  expect(await db.select().from(registrations)).toHaveLength(4);
});
