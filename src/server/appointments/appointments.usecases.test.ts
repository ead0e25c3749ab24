import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffContext } from '~/server/access/permissions';
import { listAuditLog } from '~/server/audit/audit.usecases';
import { calendarFeed, renewCalendarFeed } from '~/server/calendar/calendar.usecases';
import type { Database } from '~/server/db/db';
import { queueDailyDigests } from '~/server/inbox/inbox.digest';
import { getRegistrationForStaff } from '~/server/inbox/inbox.usecases';
import { createOutboxRepository } from '~/server/outbox/outbox.repository';
import { TEST_APP_SECRET } from '~tests/support/app-secret';
import { createTestDatabase } from '~tests/support/database';
import { createRegistration, createStaff, TEST_PASSWORD } from '~tests/support/factories';
import { cancelAppointment, planAppointment } from './appointments.usecases';

let db: Database;
// Monday 23 November 2026, 11:00 in the Netherlands.
const now = new Date('2026-11-23T10:00:00Z');
const deps = () => ({ db, clock: () => now });
let maud: StaffContext;
let sietske: StaffContext;
let office: StaffContext;
let familyId: string;

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code?: string; details?: { fields?: Record<string, string> } }) =>
      error.details?.fields ? `${error.code} ${Object.keys(error.details.fields).join(',')}` : error.code,
  );

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  maud = (
    await createStaff(db, {
      gemeenten: ['beekdaelen'],
      displayName: 'Maud Hendriks',
      email: 'maud@example.nl',
      notificationMode: 'daily_digest',
      lastDigestAt: new Date('2026-11-22T06:00:00Z'),
    })
  ).context;
  sietske = (await createStaff(db, { gemeenten: ['heerenveen'], displayName: 'Sietske de Vries' })).context;
  office = (await createStaff(db, { role: 'backoffice', displayName: 'Bo Bureau' })).context;
  familyId = (await createRegistration(db, 'vraaggezin', { gemeenteSlug: 'beekdaelen', contactName: 'Sanne Bessems' }))
    .id;
});

describe('kennismaking visits', () => {
  it('refuses a day that has passed, a time that is no time, elsewhere without a place, and someone from elsewhere', async () => {
    const visit = { onDate: '2026-12-03', startTime: '19:30', place: 'home' };
    expect(await codeOf(planAppointment(deps(), maud, familyId, { ...visit, onDate: '2026-11-22' }))).toBe(
      'appointment.invalid_input onDate',
    );
    expect(await codeOf(planAppointment(deps(), maud, familyId, { ...visit, startTime: '25:00' }))).toBe(
      'appointment.invalid_input startTime',
    );
    expect(await codeOf(planAppointment(deps(), maud, familyId, { ...visit, place: 'elsewhere' }))).toBe(
      'appointment.invalid_input placeNote',
    );
    expect(await codeOf(planAppointment(deps(), maud, familyId, { ...visit, staffId: sietske.staff.id }))).toBe(
      'appointment.invalid_input staffId',
    );
    // Outside her gemeenten the sign-up does not exist for her.
    expect(await codeOf(planAppointment(deps(), sietske, familyId, visit))).toBe('access.not_found');
    const referral = await createRegistration(db, 'verwijzing', { gemeenteSlug: 'beekdaelen' });
    expect(await codeOf(planAppointment(deps(), maud, referral.id, visit))).toBe('appointment.not_a_family');
    expect((await getRegistrationForStaff(deps(), maud, familyId)).appointments).toEqual([]);
  });

  it('shows a planned visit on the record, in the feed of who goes (at its time, without names) and in her digest', async () => {
    await planAppointment(deps(), maud, familyId, { onDate: '2026-11-25', startTime: '9.30', place: 'home' });
    await planAppointment(deps(), office, familyId, {
      onDate: '2026-12-03',
      startTime: '19:30',
      place: 'elsewhere',
      placeNote: 'Bibliotheek Schinnen, Markt 2',
      staffId: maud.staff.id,
    });
    const page = await getRegistrationForStaff(deps(), maud, familyId);
    expect(page.appointments.map((a) => [a.onDate, a.startTime, a.place, a.placeNote, a.staffName])).toEqual([
      ['2026-11-25', '09:30', 'home', null, 'Maud Hendriks'],
      ['2026-12-03', '19:30', 'elsewhere', 'Bibliotheek Schinnen, Markt 2', 'Maud Hendriks'],
    ]);

    const config = { publicUrl: 'https://portaal.example.nl', appSecret: TEST_APP_SECRET };
    const { url } = await renewCalendarFeed({ ...deps(), config }, maud, { proof: TEST_PASSWORD });
    const token = /\/agenda\/([a-z2-9]{32})\.ics$/.exec(url)![1]!;
    const ics = (await calendarFeed({ ...deps(), config }, token))!.replaceAll('\r\n ', '');
    expect(ics).toContain('DTSTART:20261125T083000Z\r\nDTEND:20261125T093000Z\r\n');
    expect(ics).toContain('DTSTART:20261203T183000Z\r\n');
    expect(ics).toContain('SUMMARY:Kennismaking (Beekdaelen)');
    expect(ics).toContain('LOCATION:Bij het gezin thuis (adres in het portaal)');
    expect(ics).toContain(`URL:https://portaal.example.nl/inbox/${familyId}`);
    for (const secret of ['Bessems', 'Bibliotheek', 'Markt']) expect(ics).not.toContain(secret);
    // The office planned the second one, but Maud goes: it is not in the office's own feed.
    const officeFeed = await renewCalendarFeed({ ...deps(), config }, office, { proof: TEST_PASSWORD });
    const officeIcs = await calendarFeed(
      { ...deps(), config },
      /\/agenda\/([a-z2-9]{32})\.ics$/.exec(officeFeed.url)![1]!,
    );
    expect(officeIcs).not.toContain('Kennismaking');

    expect(await queueDailyDigests(db, new Date('2026-11-24T06:05:00Z'))).toBe(1);
    const [digest] = (await createOutboxRepository({ db }).listByTopic('email'))
      .map((m) => m.payload as { to: string; template: string; data: { appointments: unknown[] } })
      .filter((p) => p.template === 'notification-digest');
    expect(digest!.to).toBe('maud@example.nl');
    // Within the coming week: only the visit of Wednesday 25 November.
    expect(digest!.data.appointments).toEqual([
      {
        onDate: '2026-11-25',
        startTime: '09:30',
        what: 'Kennismaking (Beekdaelen)',
        where: 'Bij het gezin thuis (adres in het portaal)',
        path: `/inbox/${familyId}`,
      },
    ]);
    expect(JSON.stringify(digest)).not.toContain('Bessems');
  });

  it('cancels a visit: off the record and out of the feed, and the log says who planned and cancelled what', async () => {
    const before = await getRegistrationForStaff(deps(), maud, familyId);
    const visit = before.appointments.find((a) => a.onDate === '2026-12-03')!;
    expect(await codeOf(cancelAppointment(deps(), sietske, familyId, visit.id))).toBe('access.not_found');
    expect(await codeOf(cancelAppointment(deps(), maud, familyId, 'geen-id'))).toBe('appointment.not_found');
    await cancelAppointment(deps(), maud, familyId, visit.id);
    expect(await codeOf(cancelAppointment(deps(), maud, familyId, visit.id))).toBe('appointment.not_found');
    const after = await getRegistrationForStaff(deps(), maud, familyId);
    expect(after.appointments.map((a) => a.onDate)).toEqual(['2026-11-25']);
    // The record's history keeps both, with who did it.
    expect(after.history.map((h) => `${h.staffName}: ${h.text}`)).toEqual(
      expect.arrayContaining([
        'Bo Bureau: Kennismaking gepland op 3 dec 2026 om 19:30 (gaat: Maud Hendriks)',
        'Maud Hendriks: Kennismaking van 3 dec 2026 om 19:30 afgezegd',
      ]),
    );
    const log = await listAuditLog({ db }, office, { recordId: familyId });
    const sentences = log.entries.map((entry) => `${entry.staffName}: ${entry.text}`);
    expect(sentences).toContain('Bo Bureau: Plande een kennismaking op 3 dec 2026 om 19:30 (gaat: Maud Hendriks)');
    expect(sentences).toContain('Maud Hendriks: Zegde de kennismaking van 3 dec 2026 om 19:30 af');
  });
});
