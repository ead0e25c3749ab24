import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffContext } from '~/server/access/permissions';
import type { Database } from '~/server/db/db';
import { TEST_APP_SECRET } from '~tests/support/app-secret';
import { createTestDatabase } from '~tests/support/database';
import {
  createKoppeling,
  createRegistration,
  createStaff,
  createSteungezin,
  TEST_PASSWORD,
} from '~tests/support/factories';
import { calendarFeed, calendarFeedStatus, renewCalendarFeed, stopCalendarFeed } from './calendar.usecases';

let db: Database;
const now = new Date('2026-11-23T10:00:00Z');
const deps = () => ({
  db,
  clock: () => now,
  config: { publicUrl: 'https://portaal.example.nl', appSecret: TEST_APP_SECRET },
});
const itIsMe = { proof: TEST_PASSWORD };
let coordinator: StaffContext;
let elsewhere: StaffContext;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  coordinator = (await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] })).context;
  elsewhere = (await createStaff(db, { role: 'coordinator', gemeenten: ['haarlem'] })).context;
});

const tokenOf = (url: string) => /\/agenda\/([a-z2-9]{32})\.ics$/.exec(url)![1]!;
/** The feed with folded lines joined again (RFC 5545 3.1), or null. */
const feed = async (url: string) => (await calendarFeed(deps(), tokenOf(url)))?.replaceAll('\r\n ', '') ?? null;

describe('the private agenda feed', () => {
  it('lists the due evaluations of my gemeenten without names, and a renewed URL stops the old one', async () => {
    const family = await createRegistration(db, 'vraaggezin', {
      gemeenteSlug: 'beekdaelen',
      contactName: 'Sanne Bessems',
    });
    const steungezin = await createSteungezin(db, { now, gemeenteSlug: 'beekdaelen', contactName: 'Familie Dassen' });
    const { id } = await createKoppeling(db, { vraaggezin: family, steungezin, startDate: '2026-10-05', now });
    expect(await calendarFeedStatus(deps(), coordinator)).toBeNull();
    // A session alone is not enough: the link outlives it.
    await expect(renewCalendarFeed(deps(), coordinator, { proof: '' })).rejects.toMatchObject({
      code: 'auth.reauth_required',
    });
    await expect(renewCalendarFeed(deps(), coordinator, { proof: 'niet mijn wachtwoord' })).rejects.toMatchObject({
      code: 'auth.reauth_failed',
    });
    expect(await calendarFeedStatus(deps(), coordinator)).toBeNull();
    const first = await renewCalendarFeed(deps(), coordinator, itIsMe);
    expect(first.url).toMatch(/^https:\/\/portaal\.example\.nl\/agenda\/[a-z2-9]{32}\.ics$/);
    const ics = (await feed(first.url))!;
    expect(ics).toContain('DTSTART;VALUE=DATE:20261205\r\n');
    expect(ics).toContain(`Evaluatie na de proefperiode · koppeling ${id.slice(0, 4).toUpperCase()} (Beekdaelen)`);
    expect(ics).toContain(`URL:https://portaal.example.nl/inbox/koppelingen/${id}`);
    expect(ics).not.toContain('Bessems');
    expect(ics).not.toContain('Dassen');
    expect((await calendarFeedStatus(deps(), coordinator))?.lastFetchedAt).toEqual(now);

    // Another gemeente's coordinator does not see it.
    const other = await renewCalendarFeed(deps(), elsewhere, itIsMe);
    expect(await feed(other.url)).not.toContain(id);

    const second = await renewCalendarFeed(deps(), coordinator, itIsMe);
    expect(await feed(first.url)).toBeNull();
    expect(await feed(second.url)).toContain(id);
    await stopCalendarFeed(deps(), coordinator);
    expect(await feed(second.url)).toBeNull();
    expect(await calendarFeed(deps(), 'niet-een-geldige-sleutel')).toBeNull();
  });
});
