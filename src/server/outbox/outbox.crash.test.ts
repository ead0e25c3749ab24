/**
 * MUST SHOW: a worker killed between "sent" and "marked done" leaves the recipient with one
 * logical message. The worker is the real process (scripts/outbox-worker.ts) against a real
 * PostgreSQL and a real SMTP server; it is SIGKILLed in the same tick the SMTP server says 250.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { queueEmail } from '~/server/email/email.usecases';
import { createTestDatabase } from '~tests/support/database';
import { startTestSmtpServer } from '~tests/support/smtp-server';
import { outboxMessages } from './outbox.table';

const database = await createTestDatabase();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function startWorkerProcess(smtpUrl: string, args: string[]) {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('scripts/outbox-worker.ts'), ...args], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      SMTP_URL: smtpUrl,
      MAIL_FROM: 'Buurtgezinnen Beekdaelen <noreply@buurtgezinnen.nl>',
      PUBLIC_URL: 'https://portaal.example.nl',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  children.push(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => output };
}

const row = async (id: string) =>
  (await database.db.select().from(outboxMessages).where(eq(outboxMessages.id, id)))[0]!;

it('re-sends the same logical message (same Message-ID) after a crash between sent and marked done', async () => {
  let first: ReturnType<typeof startWorkerProcess> | undefined;
  const smtp = await startTestSmtpServer({
    afterAccept: (_mail, index) => {
      // The 250 is on its way; the worker dies before it can record "done".
      if (index === 0) first!.child.kill('SIGKILL');
    },
  });
  const { id } = await database.db.transaction((tx) =>
    queueEmail(tx, {
      to: 'sanne@example.nl',
      template: 'registration-received',
      gemeente: 'beekdaelen',
      data: { kind: 'vraaggezin' },
    }),
  );

  first = startWorkerProcess(smtp.url, ['--lease-seconds', '1']);
  expect(await first.exited, first.output()).toEqual({ code: null, signal: 'SIGKILL' });
  expect(smtp.received).toHaveLength(1);
  const afterCrash = await row(id);
  expect(afterCrash.status).toBe('pending'); // sent, but never marked done
  expect(afterCrash.attempts).toBe(1);
  expect(afterCrash.lockedBy).not.toBeNull();

  // A new worker process takes over once the dead worker's lease has run out.
  const second = startWorkerProcess(smtp.url, ['--poll-seconds', '0.2']);
  const mails = await smtp.waitForMail(2, 20_000);
  for (let i = 0; i < 50 && (await row(id)).status !== 'done'; i++) await new Promise((r) => setTimeout(r, 100));
  const done = await row(id);
  expect(done.status).toBe('done');
  expect(done.attempts).toBe(2);

  // Two copies reached the server, but they are one logical message: same Message-ID, same content.
  expect(mails).toHaveLength(2);
  const [a, b] = mails.map((m) => m.parsed);
  expect(a!.messageId).toBe(`<${id}@buurtgezinnen.nl>`);
  expect(b!.messageId).toBe(a!.messageId);
  expect(b!.date).toEqual(a!.date);
  expect(b!.subject).toBe(a!.subject);
  expect(b!.text).toBe(a!.text);
  expect(new Set(mails.map((m) => m.parsed.messageId)).size).toBe(1);

  second.child.kill('SIGTERM');
  expect((await second.exited).code, second.output()).toBe(0);
  await smtp.stop();
}, 60_000);
