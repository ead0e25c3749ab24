import { beforeAll, describe, expect, it } from 'vitest';
import type { RegistrationDetails } from '~/lib/registration.types';
import type { Database } from '~/server/db/db';
import { createOutboxRepository } from '~/server/outbox/outbox.repository';
import { registrations } from '~/server/registrations/registrations.table';
import { createStaffRepository } from '~/server/staff/staff.repository';
import { staffGemeenten, staffUsers } from '~/server/staff/staff.table';
import { createTestDatabase } from '~tests/support/database';
import { queueDailyDigests } from './inbox.digest';

let db: Database;
const digests = async () =>
  (await createOutboxRepository({ db }).listByTopic('email'))
    .map(
      (m) =>
        m.payload as {
          to: string;
          template: string;
          data: { gemeenten: { name: string; newRegistrations: number }[] };
        },
    )
    .filter((p) => p.template === 'notification-digest');

beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

describe('daily digest', () => {
  it('sends once a day from 07:00 to digest readers only, with counts per gemeente and no names', async () => {
    const [digest] = await db
      .insert(staffUsers)
      .values({
        email: 'dag@example.nl',
        displayName: 'Dag',
        role: 'coordinator',
        notificationMode: 'daily_digest',
        lastDigestAt: new Date('2026-11-22T06:00:00Z'),
      })
      .returning();
    const [instant] = await db
      .insert(staffUsers)
      .values({ email: 'direct@example.nl', displayName: 'Direct', role: 'coordinator' })
      .returning();
    await db.insert(staffGemeenten).values([
      { staffId: digest!.id, gemeenteSlug: 'beekdaelen' },
      { staffId: digest!.id, gemeenteSlug: 'heerenveen' },
      { staffId: instant!.id, gemeenteSlug: 'beekdaelen' },
    ]);
    const details: RegistrationDetails = { kind: 'vraaggezin', children: [], supportWishes: [], message: null };
    await db.insert(registrations).values([
      {
        kind: 'vraaggezin' as const,
        gemeenteSlug: 'beekdaelen',
        contactName: 'Geheime Naam',
        details,
        consents: [],
        createdAt: new Date('2026-11-22T15:00:00Z'),
      },
      {
        kind: 'vraaggezin' as const,
        gemeenteSlug: 'beekdaelen',
        contactName: 'Geheime Naam',
        details,
        consents: [],
        createdAt: new Date('2026-11-22T18:00:00Z'),
      },
      {
        kind: 'vraaggezin' as const,
        gemeenteSlug: 'haarlem',
        contactName: 'Elders',
        details,
        consents: [],
        createdAt: new Date('2026-11-22T18:00:00Z'),
      },
    ]);

    expect(await queueDailyDigests(db, new Date('2026-11-23T05:30:00Z'))).toBe(0); // 06:30 in Amsterdam: too early
    expect(await queueDailyDigests(db, new Date('2026-11-23T06:05:00Z'))).toBe(1);
    const [mail] = await digests();
    expect(mail!.to).toBe('dag@example.nl');
    expect(mail!.data.gemeenten).toEqual([
      { name: 'Beekdaelen', newRegistrations: 2, followUpsDue: 0 },
      { name: 'Heerenveen', newRegistrations: 0, followUpsDue: 0 },
    ]);
    expect(JSON.stringify(mail)).not.toContain('Geheime Naam');
    expect(await queueDailyDigests(db, new Date('2026-11-23T15:00:00Z'))).toBe(0); // same day: once
    expect((await createStaffRepository({ db }).findById(digest!.id))!.lastDigestAt).toEqual(
      new Date('2026-11-23T06:05:00Z'),
    );
    // Next day without new sign-ups: no mail at all.
    expect(await queueDailyDigests(db, new Date('2026-11-24T06:10:00Z'))).toBe(0);
    expect(await digests()).toHaveLength(1);
  });
});
