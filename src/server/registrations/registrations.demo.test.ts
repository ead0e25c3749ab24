import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createTestDatabase } from '~tests/support/database';
import { seedDemoRegistrations } from './registrations.demo';
import { registrations } from './registrations.table';

it('adds a repeat sign-up linked to the first one, and two more realistic sign-ups', async () => {
  const { db } = await createTestDatabase();
  const now = new Date('2026-11-23T12:00:00Z');
  const [original] = await db
    .insert(registrations)
    .values({
      kind: 'vraaggezin',
      gemeenteSlug: 'beekdaelen',
      kern: 'Schimmert',
      contactName: 'Sanne Bessems',
      contactEmail: 'sanne.bessems@example.nl',
      details: { kind: 'vraaggezin', children: [{ age: 6 }], supportWishes: ['meegaan'], message: null },
      consents: [],
      createdAt: new Date(now.getTime() - 5 * 3600_000),
    })
    .returning();
  await db.transaction((tx) => seedDemoRegistrations(tx, now));
  const repeats = await db.select().from(registrations).where(eq(registrations.duplicateOfId, original!.id));
  expect(repeats).toHaveLength(1);
  expect(repeats[0]!.createdAt.getTime()).toBe(original!.createdAt.getTime() + 2 * 3600_000);
  expect(await db.select().from(registrations)).toHaveLength(4);
});
