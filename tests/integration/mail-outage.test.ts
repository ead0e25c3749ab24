/**
 * MUST SHOW: with the SMTP server down, an action that sends mail still succeeds through the
 * real HTTP server; when SMTP comes back, the mail arrives. The built server (production mode,
 * its own outbox worker) talks to a real PostgreSQL and a real SMTP server.
 */
import { afterAll, expect, it } from 'vitest';
import { createTestDatabase } from '~tests/support/database';
import { createStaff } from '~tests/support/factories';
import { monitoringHeaders, type ServerProcess, startServer } from '~tests/support/server-process';
import { startTestSmtpServer } from '~tests/support/smtp-server';

const database = await createTestDatabase();
let server: ServerProcess | undefined;
afterAll(() => server?.stop());

it('keeps every request working while SMTP is down and delivers the mail once it is back', async () => {
  await createStaff(database.db, { email: 'mila@beekdaelen.example', displayName: 'Mila Janssen' });
  const smtp = await startTestSmtpServer();
  await smtp.stop(); // down before the portal even starts
  server = await startServer({
    DATABASE_URL: database.url,
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Buurtgezinnen <noreply@buurtgezinnen.nl>',
  });

  // The action: ask for a password reset (writes a token and queues the mail in one transaction).
  const response = await fetch(`${server.url}/wachtwoord-vergeten`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
    body: new URLSearchParams({ email: 'mila@beekdaelen.example' }),
    redirect: 'manual',
  });
  expect(response.status).toBe(200);
  expect(await response.text()).toContain('Als er een account bij dit e-mailadres hoort');

  // The worker tried and failed; the portal stays healthy and shows the waiting mail.
  let health: { status: string; outbox: { pending: number } } | undefined;
  for (let i = 0; i < 50; i++) {
    const h = await fetch(`${server.url}/healthz`, { headers: monitoringHeaders });
    expect(h.status).toBe(200);
    health = (await h.json()) as typeof health;
    if (/Outbox-bezorging mislukt/.test(server.output())) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(server.output()).toMatch(/Outbox-bezorging mislukt/);
  expect(health).toMatchObject({ status: 'ok', outbox: { pending: 1, failed: 0 } });
  expect(server.output()).not.toContain('mila@beekdaelen.example'); // no addresses in logs
  expect(smtp.received).toHaveLength(0);

  await smtp.start();
  const [mail] = await smtp.waitForMail(1, 40_000); // the first retry comes after 7.5–15 s
  expect(mail!.envelopeTo).toEqual(['mila@beekdaelen.example']);
  expect(mail!.parsed.subject).toBe('Een nieuw wachtwoord kiezen');
  expect(mail!.parsed.text).toMatch(new RegExp(`${server.url}/wachtwoord-herstellen\\?code=\\S+`));
  expect(mail!.parsed.messageId).toMatch(/^<[0-9a-f-]{36}@buurtgezinnen\.nl>$/);

  for (let i = 0; i < 50; i++) {
    const h = (await (await fetch(`${server.url}/healthz`, { headers: monitoringHeaders })).json()) as {
      outbox: { pending: number };
    };
    if (h.outbox.pending === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(
    ((await (await fetch(`${server.url}/healthz`, { headers: monitoringHeaders })).json()) as { outbox: unknown })
      .outbox,
  ).toEqual({
    pending: 0,
    overdue: 0,
    failed: 0,
    oldestPendingSeconds: 0,
  });

  // The development mailbox does not exist in production.
  expect((await fetch(`${server.url}/dev/mailbox`)).status).toBe(404);
  await smtp.stop();
}, 90_000);
