/**
 * "Who contacts you, and when" as a visitor reads it, over real HTTP against the built server:
 * the thank-you page and the confirmation mail say the same sentence, taken from one place
 * (src/server/responsibility), and a gemeente without a coordinator never promises "de coördinator".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderQueuedEmail } from '~/server/email/email.render';
import type { EmailPayload } from '~/server/email/email.usecases';
import { createOutboxRepository } from '~/server/outbox/outbox.repository';
import { issueFormToken } from '~/server/registrations/form-token';
import { TEST_APP_SECRET } from '~tests/support/app-secret';
import { createTestDatabase } from '~tests/support/database';
import { createStaff } from '~tests/support/factories';
import { type ServerProcess, startServer } from '~tests/support/server-process';

let server: ServerProcess;
let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
  await createStaff(database.db, { gemeenten: ['beekdaelen'], displayName: 'Maud Hendriks' });
  await createStaff(database.db, { role: 'regional', regions: ['Noord-Holland'], displayName: 'Rik Regio' });
  await createStaff(database.db, { role: 'backoffice', displayName: 'Bo Bureau' });
  server = await startServer({ DATABASE_URL: database.url, OUTBOX_WORKER: 'false' });
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

const thankYou = async (gemeente: string, kind: string) => {
  const response = await fetch(`${server.url}/${gemeente}/aanmelden/bedankt?soort=${kind}`);
  expect(response.status).toBe(200);
  return (await response.text()).replace(/\s+/g, ' ');
};

const MAUD = 'Maud Hendriks, de coördinator van Buurtgezinnen Beekdaelen, neemt binnen 10 werkdagen contact met je op.';
const RIK =
  'Buurtgezinnen Uithoorn heeft nog geen eigen coördinator. Daarom neemt Rik Regio, regiocoördinator in Noord-Holland, binnen 10 werkdagen contact met je op.';

describe('the thank-you page', () => {
  it('names the coordinator and the term in working days', async () => {
    for (const kind of ['vraaggezin', 'steungezin']) {
      const html = await thankYou('beekdaelen', kind);
      expect(html).toContain(MAUD);
      expect(html).not.toContain('twee weken');
    }
  });

  it('names the regional coordinator where the gemeente has no coordinator, and no "de coördinator"', async () => {
    const html = await thankYou('uithoorn', 'vraaggezin');
    expect(html).toContain(RIK);
    expect(html.toLowerCase()).not.toContain('de coördinator');
    expect(await thankYou('uithoorn', 'verwijzing')).toContain(
      'Daarom neemt Rik Regio, regiocoördinator in Noord-Holland, binnen 10 werkdagen contact op, met jou of met het gezin, zoals je hebt aangegeven.',
    );
  });
});

it('a sign-up in Uithoorn: the mail says what the page said, and the regional coordinator is told', async () => {
  const formToken = issueFormToken({ secret: TEST_APP_SECRET, kind: 'vraaggezin', now: new Date(Date.now() - 10_000) });
  const response = await fetch(`${server.url}/uithoorn/aanmelden/vraaggezin`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      formToken,
      name: 'Fenna',
      email: 'fenna@voorbeeld.nl',
      kern: 'De Kwakel',
      children: '5',
      supportWishes: 'vaste-middag',
      consent: 'ja',
    }),
  });
  expect(response.status).toBe(303);
  const page = await thankYou('uithoorn', 'vraaggezin');
  const mails = (await createOutboxRepository({ db: database.db }).listByTopic('email')).map(
    (message) => message.payload as EmailPayload,
  );
  const confirmation = mails.find((mail) => mail.to === 'fenna@voorbeeld.nl')!;
  const text = renderQueuedEmail(confirmation, { publicUrl: server.url }).text.replace(/\s+/g, ' ');
  expect(text).toContain(RIK);
  expect(page).toContain(RIK);
  const notice = mails.find((mail) => mail.template === 'registration-notification')!;
  expect(notice.to).toMatch(/^rik\.regio\./);
});
