import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '~/server/db/db';
import { createOutboxRepository } from '~/server/outbox/outbox.repository';
import { createStaffRepository } from '~/server/staff/staff.repository';
import { createTestDatabase } from '~tests/support/database';
import { createKoppeling, createRegistration, createStaff } from '~tests/support/factories';
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
    const digest = await createStaff(db, {
      email: 'dag@example.nl',
      gemeenten: ['beekdaelen', 'heerenveen'],
      notificationMode: 'daily_digest',
      lastDigestAt: new Date('2026-11-22T06:00:00Z'),
    });
    await createStaff(db, { email: 'direct@example.nl', gemeenten: ['beekdaelen'] });
    for (const [gemeenteSlug, contactName, at] of [
      ['beekdaelen', 'Geheime Naam', '2026-11-22T15:00:00Z'],
      ['beekdaelen', 'Geheime Naam', '2026-11-22T18:00:00Z'],
      ['haarlem', 'Elders', '2026-11-22T18:00:00Z'],
    ] as const)
      await createRegistration(db, 'vraaggezin', { gemeenteSlug, contactName, createdAt: new Date(at) });

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
    expect((await createStaffRepository({ db }).findById(digest.id))!.lastDigestAt).toEqual(
      new Date('2026-11-23T06:05:00Z'),
    );
    // Next day without new sign-ups: no mail at all.
    expect(await queueDailyDigests(db, new Date('2026-11-24T06:10:00Z'))).toBe(0);
    expect(await digests()).toHaveLength(1);
  });

  it('counts evaluations that are due or overdue, and mails for them even without new sign-ups', async () => {
    await createStaff(db, {
      email: 'opvolging@example.nl',
      gemeenten: ['uithoorn'],
      notificationMode: 'daily_digest',
      lastDigestAt: new Date('2026-11-24T06:00:00Z'),
    });
    const now = new Date('2026-11-25T07:00:00Z');
    // Trial evaluations due 2026-11-20 (overdue), 2026-12-01 (within two weeks) and 2027-01-25 (later).
    for (const startDate of ['2026-09-20', '2026-10-01', '2026-11-25'])
      await createKoppeling(db, { gemeenteSlug: 'uithoorn', startDate, proposedOn: startDate, now });
    expect(await queueDailyDigests(db, now)).toBe(1);
    const mail = (await digests()).find((d) => d.to === 'opvolging@example.nl');
    expect(mail!.data.gemeenten).toEqual([{ name: 'Uithoorn', newRegistrations: 0, followUpsDue: 2 }]);
  });

  it('gives regional coordinators and the office the gemeenten that are theirs to pick up, nothing more', async () => {
    ({ db } = await createTestDatabase());
    const lastDigestAt = new Date('2026-11-22T06:00:00Z');
    await createStaff(db, { gemeenten: ['haarlem'] }); // Haarlem has its coordinator; Uithoorn and Heerenveen have none
    await createStaff(db, {
      role: 'regional',
      regions: ['Noord-Holland'],
      email: 'regio@example.nl',
      notificationMode: 'daily_digest',
      lastDigestAt,
    });
    await createStaff(db, {
      role: 'backoffice',
      email: 'bureau@example.nl',
      notificationMode: 'daily_digest',
      lastDigestAt,
    });
    for (const gemeenteSlug of ['haarlem', 'uithoorn', 'heerenveen', 'beekdaelen'])
      await createRegistration(db, 'vraaggezin', { gemeenteSlug, createdAt: new Date('2026-11-22T15:00:00Z') });

    expect(await queueDailyDigests(db, new Date('2026-11-23T06:05:00Z'))).toBe(2);
    const byRecipient = Object.fromEntries((await digests()).map((mail) => [mail.to, mail.data.gemeenten]));
    expect(byRecipient['regio@example.nl']).toEqual([{ name: 'Uithoorn', newRegistrations: 1, followUpsDue: 0 }]);
    // Beekdaelen (Zuid-Limburg) and Heerenveen (Noord) have no regional coordinator either.
    expect(byRecipient['bureau@example.nl']).toEqual([
      { name: 'Beekdaelen', newRegistrations: 1, followUpsDue: 0 },
      { name: 'Heerenveen', newRegistrations: 1, followUpsDue: 0 },
    ]);
  });
});
