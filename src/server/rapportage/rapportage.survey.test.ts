import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffContext } from '~/server/access/permissions';
import type { Database } from '~/server/db/db';
import { isAppError } from '~/server/errors/errors';
import { childEffects, parentEffects } from '~/server/koppelingen/koppelingen.labels';
import { closeKoppeling } from '~/server/koppelingen/koppelingen.usecases';
import { createTestDatabase } from '~tests/support/database';
import { createKoppeling, createStaff, queuedEmails } from '~tests/support/factories';
import { answerSurvey, getSurvey, sendSurveyReminders } from './rapportage.survey';
import { getReport } from './rapportage.usecases';

let db: Database;
let now = new Date('2026-11-23T10:00:00Z');
const deps = () => ({ db, clock: () => now });
let coordinator: StaffContext;
let official: StaffContext;
let tokens: string[];

const closureForm = {
  closedOn: '2026-11-23',
  reason: 'goal_reached',
  continueTogether: 'yes',
  ...Object.fromEntries([...childEffects, ...parentEffects].map((e) => [`effect_${e.value}`, 'yes'])),
  youthCareFinal: 'reduced',
  wantsAnother: 'yes',
};

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  coordinator = (await createStaff(db, { role: 'coordinator', gemeenten: ['heerenveen'] })).context;
  official = (await createStaff(db, { role: 'gemeente', gemeenten: ['heerenveen'] })).context;
  const koppeling = await createKoppeling(db, {
    gemeenteSlug: 'heerenveen',
    phase: 'active',
    startDate: '2026-01-10',
    now,
  });
  await closeKoppeling(deps(), coordinator, koppeling.id, closureForm);
  const mails = (await queuedEmails(db)).filter((mail) => mail.template === 'satisfaction-survey');
  expect(mails.map((mail) => mail.to).sort()).toEqual(
    [koppeling.vraaggezin.contactEmail, koppeling.steungezin.contactEmail].sort(),
  );
  tokens = mails.map((mail) => String(mail.data.path).replace('/enquete/', ''));
});

describe('the satisfaction survey', () => {
  it('mails both families a personal link at the afronding, with nothing but the link', async () => {
    expect(tokens).toHaveLength(2);
    const mails = (await queuedEmails(db)).filter((mail) => mail.template === 'satisfaction-survey');
    for (const mail of mails) expect(Object.keys(mail.data).sort()).toEqual(['expiresAt', 'path']);
    expect(await getSurvey(deps(), tokens[0]!)).toMatchObject({ gemeenteName: 'Heerenveen', moment: 'closure' });
  });

  it('takes an answer once, refuses a second, a wrong score and an unknown link', async () => {
    const invalid = await answerSurvey(deps(), tokens[0]!, { score_speed: '11' }).catch((e: unknown) => e);
    expect(isAppError(invalid, 'survey.invalid_input')).toBe(true);
    const empty = await answerSurvey(deps(), tokens[0]!, {}).catch((e: unknown) => e);
    expect(isAppError(empty, 'survey.invalid_input')).toBe(true);
    await answerSurvey(deps(), tokens[0]!, { score_speed: '8', score_support: '10', open: 'Fijne coördinator!' });
    const again = await answerSurvey(deps(), tokens[0]!, { score_speed: '1' }).catch((e: unknown) => e);
    expect(isAppError(again, 'survey.gone')).toBe(true);
    expect(await getSurvey(deps(), tokens[0]!)).toBeNull();
    const unknown = await answerSurvey(deps(), 'a'.repeat(43), { score_speed: '5' }).catch((e: unknown) => e);
    expect(isAppError(unknown, 'survey.gone')).toBe(true);
  });

  it('stops working after 30 days', async () => {
    const later = { db, clock: () => new Date(now.getTime() + 31 * 86_400_000) };
    expect(await getSurvey(later, tokens[1]!)).toBeNull();
    const expired = await answerSurvey(later, tokens[1]!, { score_speed: '7' }).catch((e: unknown) => e);
    expect(isAppError(expired, 'survey.gone')).toBe(true);
  });

  it('shows the response rate and the scores in the report; the open answer to the coordinator only', async () => {
    now = new Date('2026-11-29T12:00:00Z');
    const ask = { soort: 'kwartaal', jaar: '2026', deel: '4' };
    const report = await getReport(deps(), coordinator, 'heerenveen', ask);
    const table = (key: string) => report.sections.flatMap((s) => s.tables).find((t) => t.key === key)!;
    const row = (key: string, rowKey: string) => table(key).rows.find((r) => r.key === rowKey)!.cells[0]!;
    expect(row('respons', 'sent').value).toBe(2);
    expect(row('respons', 'answered').value).toBe(1);
    expect(row('respons', 'rate')).toMatchObject({ value: 50, n: 2 });
    expect(row('tevredenheid', 'speed')).toMatchObject({ value: 8, n: 1 });
    expect(report.openAnswers.map((answer) => answer.text)).toEqual(['Fijne coördinator!']);
    const hidden = await getReport(deps(), official, 'heerenveen', ask);
    expect(hidden.openAnswers).toEqual([]);
    expect(hidden.sections.flatMap((s) => s.tables).find((t) => t.key === 'respons')!.rows[1]!.cells[0]!.hidden).toBe(
      'small',
    );
  });
});

describe('the reminder', () => {
  const days = (n: number) => n * 86_400_000;

  it('goes once, after 10 days, to a family that has not answered, with a link of its own', async () => {
    const sentAt = new Date('2026-10-01T10:00:00Z');
    const at = (ms: number) => ({ db, clock: () => new Date(sentAt.getTime() + ms) });
    const koppeling = await createKoppeling(db, {
      gemeenteSlug: 'beekdaelen',
      phase: 'active',
      startDate: '2026-01-10',
      now: sentAt,
    });
    const beekdaelen = (await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] })).context;
    await closeKoppeling(at(0), beekdaelen, koppeling.id, { ...closureForm, closedOn: '2026-10-01' });
    const families = [koppeling.vraaggezin.contactEmail, koppeling.steungezin.contactEmail];
    const first = (await queuedEmails(db)).filter(
      (mail) => mail.template === 'satisfaction-survey' && families.includes(mail.to),
    );
    const tokenOf = (email: string | null) =>
      String(first.find((mail) => mail.to === email)!.data.path).replace('/enquete/', '');
    await answerSurvey(at(days(2)), tokenOf(koppeling.vraaggezin.contactEmail), { score_speed: '9' });

    expect(await sendSurveyReminders(at(days(9)))).toBe(0);
    expect(await sendSurveyReminders(at(days(10) + 3600_000))).toBe(1);
    expect(await sendSurveyReminders(at(days(11)))).toBe(0);
    const reminders = (await queuedEmails(db)).filter((mail) => mail.data.reminder === true);
    expect(reminders.map((mail) => mail.to)).toEqual([koppeling.steungezin.contactEmail]);
    const reminderToken = String(reminders[0]!.data.path).replace('/enquete/', '');
    const firstToken = tokenOf(koppeling.steungezin.contactEmail);
    expect(reminderToken).not.toBe(firstToken);
    // Both links open the same survey, once.
    expect(await getSurvey(at(days(11)), firstToken)).toMatchObject({ party: 'steungezin' });
    await answerSurvey(at(days(11)), reminderToken, { score_support: '7' });
    expect(await getSurvey(at(days(11)), firstToken)).toBeNull();
  });

  it('never goes for a link that expired', async () => {
    const sentAt = new Date('2026-06-01T10:00:00Z');
    const koppeling = await createKoppeling(db, {
      gemeenteSlug: 'haarlem',
      phase: 'active',
      startDate: '2026-01-10',
      now: sentAt,
    });
    const haarlem = (await createStaff(db, { role: 'coordinator', gemeenten: ['haarlem'] })).context;
    await closeKoppeling({ db, clock: () => sentAt }, haarlem, koppeling.id, {
      ...closureForm,
      closedOn: '2026-06-01',
    });
    expect(await sendSurveyReminders({ db, clock: () => new Date(sentAt.getTime() + days(31)) })).toBe(0);
  });
});
