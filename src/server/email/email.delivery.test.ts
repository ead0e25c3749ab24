/**
 * The whole mail path against real parts: queueEmail in a PostgreSQL transaction, the outbox
 * worker, nodemailer over SMTP, and a real SMTP server that reads what arrived.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isAppError } from '~/server/errors/errors';
import { createLogger } from '~/server/logger';
import { outboxMessages } from '~/server/outbox/outbox.table';
import { getOutboxHealth, listFailedOutboxMessages, retryFailedOutboxMessage } from '~/server/outbox/outbox.usecases';
import { createOutboxWorker, type OutboxWorkerOptions } from '~/server/outbox/outbox.worker';
import { findResponsible, firstContactPromise } from '~/server/responsibility/responsibility';
import { createTestDatabase } from '~tests/support/database';
import { createStaff } from '~tests/support/factories';
import { startTestSmtpServer, type TestSmtpServer } from '~tests/support/smtp-server';
import { createEmailOutboxHandler } from './email.handler';
import { queueEmail, queueEmailToCoordinators } from './email.usecases';
import { createMailTransport } from './mail-transport';

const database = await createTestDatabase();
const { db } = database;
const log = createLogger('warn', 'test');
const MAIL_FROM = 'Buurtgezinnen <noreply@buurtgezinnen.nl>';
const PUBLIC_URL = 'https://portaal.example.nl';

function workerFor(smtp: TestSmtpServer, options: Partial<OutboxWorkerOptions> = {}) {
  const transport = createMailTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent' });
  return createOutboxWorker({
    db,
    log,
    handlers: [createEmailOutboxHandler({ transport, mailFrom: MAIL_FROM, publicUrl: PUBLIC_URL })],
    retryBaseMs: 100,
    retryMaxMs: 400,
    pollIntervalMs: 100,
    ...options,
  });
}

const row = async (id: string) => (await db.select().from(outboxMessages).where(eq(outboxMessages.id, id)))[0]!;
async function until<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

let coordinatorId: string;
beforeAll(async () => {
  const coordinator = await createStaff(db, {
    email: 'mila@beekdaelen.example',
    displayName: 'Mila Janssen',
    gemeenten: ['beekdaelen'],
  });
  coordinatorId = coordinator.id;
});

describe('e-mail through the outbox and real SMTP', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(() => smtp.stop());

  it('delivers the rendered mail with stable headers, both parts and no case details', async () => {
    const familyName = 'Sanne de Vries-Lemmens'; // what a sign-up would hold; must never reach the coordinator's mail
    const { confirmation, notification } = await db.transaction(async (tx) => {
      const promise = firstContactPromise(await findResponsible(tx, 'beekdaelen'), new Date());
      const confirmation = await queueEmail(tx, {
        to: 'sanne@example.nl',
        template: 'registration-received',
        gemeente: 'beekdaelen',
        data: { kind: 'vraaggezin', firstName: 'Sanne', promise },
      });
      const { ids } = await queueEmailToCoordinators(tx, {
        template: 'registration-notification',
        gemeente: 'beekdaelen',
        data: { inboxPath: '/inbox/123' },
      });
      return { confirmation, notification: ids[0]! };
    });
    const worker = workerFor(smtp);
    expect(await worker.runOnce()).toBe(2);
    const mails = await smtp.waitForMail(2);
    const byTo = (to: string) => mails.find((m) => m.envelopeTo.includes(to))!;

    const family = byTo('sanne@example.nl').parsed;
    expect(family.from?.value).toEqual([{ name: 'Buurtgezinnen', address: 'noreply@buurtgezinnen.nl' }]);
    expect(family.to && !Array.isArray(family.to) ? family.to.text : '').toBe('sanne@example.nl');
    expect(family.subject).toBe('We hebben je aanmelding ontvangen – Buurtgezinnen Beekdaelen');
    expect(family.messageId).toBe(`<${confirmation.id}@buurtgezinnen.nl>`);
    expect(family.replyTo?.text).toBe('mila@beekdaelen.example');
    expect(family.text).toContain(
      'Mila Janssen, de coördinator van Buurtgezinnen Beekdaelen, neemt binnen 10 werkdagen contact met je op',
    );
    expect(family.text).toContain('De Oudertelefoon');
    expect(family.html).toContain('<h1');
    expect(family.html).toContain('href="https://portaal.example.nl/beekdaelen"');
    expect(family.headers.get('auto-submitted')).toBe('auto-generated');

    const staff = byTo('mila@beekdaelen.example').parsed;
    expect(staff.messageId).toBe(`<${notification}@buurtgezinnen.nl>`);
    expect(staff.subject).toBe('Nieuwe aanmelding in Beekdaelen');
    expect(staff.text).toContain('https://portaal.example.nl/inbox/123');
    expect(staff.replyTo).toBeUndefined();
    for (const part of [staff.text, staff.html, staff.subject]) {
      expect(part).not.toContain('Sanne');
      expect(part).not.toContain(familyName);
      expect(part).not.toContain('vraaggezin');
    }
    expect((await row(confirmation.id)).status).toBe('done');
    expect(await getOutboxHealth(db)).toEqual({ pending: 0, overdue: 0, failed: 0 });
  });

  it('queues nothing when the transaction rolls back, and refuses bad input with a code', async () => {
    const before = await db.$count(outboxMessages);
    await expect(
      db.transaction(async (tx) => {
        await queueEmail(tx, {
          to: 'rollback@example.nl',
          template: 'password-reset',
          data: { resetPath: '/x', expiresAt: new Date() },
        });
        throw new Error('the data write failed');
      }),
    ).rejects.toThrow('the data write failed');
    expect(await db.$count(outboxMessages)).toBe(before);

    const invalid = await queueEmail(db, {
      to: 'geen-adres',
      template: 'password-reset',
      data: { resetPath: '/x', expiresAt: new Date() },
    }).catch((e: unknown) => e);
    expect(isAppError(invalid, 'email.invalid_recipient') && invalid.status).toBe(422);
    const external = await queueEmail(db, {
      to: 'a@example.nl',
      template: 'password-reset',
      data: { resetPath: 'https://evil.example', expiresAt: new Date() },
    }).catch((e: unknown) => e);
    expect(isAppError(external, 'email.invalid_template_data')).toBe(true);
    const unknown = await queueEmail(db, {
      to: 'a@example.nl',
      template: 'registration-notification',
      gemeente: 'atlantis',
      data: { inboxPath: '/inbox' },
    }).catch((e: unknown) => e);
    expect(isAppError(unknown, 'email.unknown_gemeente')).toBe(true);
    expect(await db.$count(outboxMessages)).toBe(before);
  });

  it('keeps only one message per dedupe key', async () => {
    const data = {
      date: '2026-11-23',
      gemeenten: [{ name: 'Beekdaelen', newRegistrations: 1, followUpsDue: 0 }],
      inboxPath: '/inbox',
    };
    const first = await queueEmail(db, {
      to: 'mila@beekdaelen.example',
      template: 'notification-digest',
      data,
      dedupeKey: `digest:2026-11-23:${coordinatorId}`,
    });
    const second = await queueEmail(db, {
      to: 'mila@beekdaelen.example',
      template: 'notification-digest',
      data,
      dedupeKey: `digest:2026-11-23:${coordinatorId}`,
    });
    expect(second.id).toBe(first.id);
    await db.delete(outboxMessages).where(eq(outboxMessages.id, first.id));
  });
});

describe('TLS options in SMTP_URL', () => {
  it('delivers over smtps:// and honours tls.* query parameters', async () => {
    const smtp = await startTestSmtpServer({ secure: true });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      // The test server's certificate is self-signed: verified by default, so the first try fails …
      const strict = await queueEmail(db, {
        to: 'tls@example.nl',
        template: 'password-reset',
        data: { resetPath: '/r', expiresAt: new Date() },
      });
      await workerFor(smtp).runOnce();
      expect(await row(strict.id)).toMatchObject({ status: 'pending', attempts: 1 });
      expect((await row(strict.id)).lastError).toMatch(/certificate/i);
      // … and accepted when the URL says so (only for test servers like this one).
      await db.update(outboxMessages).set({ nextAttemptAt: sql`now()` }).where(eq(outboxMessages.id, strict.id));
      const relaxed = createMailTransport({
        smtpUrl: `${smtp.url}?tls.rejectUnauthorized=false`,
        dataDir: '/nonexistent',
      });
      const worker = createOutboxWorker({
        db,
        log,
        handlers: [createEmailOutboxHandler({ transport: relaxed, mailFrom: MAIL_FROM, publicUrl: PUBLIC_URL })],
      });
      expect(await worker.runOnce()).toBe(1);
      const [mail] = await smtp.waitForMail(1);
      expect(mail!.parsed.messageId).toBe(`<${strict.id}@buurtgezinnen.nl>`);
      expect((await row(strict.id)).status).toBe('done');
    } finally {
      await smtp.stop();
    }
  });
});

describe('waking up', () => {
  it('delivers right after the commit (NOTIFY), not at the next poll', async () => {
    const smtp = await startTestSmtpServer();
    const worker = workerFor(smtp, { listen: database.sql, pollIntervalMs: 600_000 });
    await worker.start();
    try {
      await new Promise((r) => setTimeout(r, 100)); // the first round (nothing due) is over; now it sleeps
      const { id } = await db.transaction((tx) =>
        queueEmail(tx, {
          to: 'wake@example.nl',
          template: 'password-reset',
          data: { resetPath: '/r', expiresAt: new Date() },
        }),
      );
      const [mail] = await smtp.waitForMail(1, 10_000); // far shorter than the 10-minute poll
      expect(mail!.parsed.messageId).toBe(`<${id}@buurtgezinnen.nl>`);
    } finally {
      await worker.stop();
      await smtp.stop();
    }
  });
});

describe('when SMTP fails', () => {
  it('retries with backoff while the server is down and delivers once it is back', async () => {
    const smtp = await startTestSmtpServer();
    await smtp.stop();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    // The "action": data and mail in one transaction, while SMTP is down. It must succeed.
    const { id } = await db.transaction(async (tx) => {
      await tx.execute(sql`select 1`); // stands for the domain write
      return queueEmail(tx, {
        to: 'volunteer@example.nl',
        template: 'registration-received',
        gemeente: 'beekdaelen',
        data: { kind: 'steungezin' },
      });
    });
    const worker = workerFor(smtp, { listen: database.sql });
    await worker.start();
    try {
      const failing = await until(async () => {
        const r = await row(id);
        return r.attempts >= 2 && r;
      });
      expect(failing.status).toBe('pending');
      expect(failing.lastError).toMatch(/ECONNECTION|ECONNREFUSED/);
      expect(smtp.received).toHaveLength(0);

      await smtp.start();
      const [mail] = await smtp.waitForMail(1);
      expect(mail!.parsed.messageId).toBe(`<${id}@buurtgezinnen.nl>`);
      const done = await until(async () => {
        const r = await row(id);
        return r.status === 'done' && r;
      });
      expect(done.attempts).toBeGreaterThanOrEqual(3);
      expect(done.lastError).toBeNull();
    } finally {
      await worker.stop();
      await smtp.stop();
    }
  });

  it('parks a message as failed at once when the server refuses it for good (550), without the address in the error', async () => {
    const smtp = await startTestSmtpServer({ rejectRecipient: (a) => (a === 'nobody@example.nl' ? 550 : undefined) });
    const errors = vi.mocked(console.error).mockImplementation(() => {}); // expected: a parked message is logged as an error
    const { id } = await queueEmail(db, {
      to: 'nobody@example.nl',
      template: 'staff-invitation',
      data: { invitePath: '/uitnodiging/abc', expiresAt: new Date() },
    });
    const worker = workerFor(smtp);
    await worker.runOnce();
    const parked = await row(id);
    expect(parked.status).toBe('failed');
    expect(parked.attempts).toBe(1);
    expect(parked.failedAt).not.toBeNull();
    expect(parked.lastError).toContain('550');
    expect(parked.lastError).not.toContain('nobody@example.nl');
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('geparkeerd'));
    expect(await worker.runOnce()).toBe(0); // never tried again
    expect(smtp.received).toHaveLength(0);
    expect((await getOutboxHealth(db)).failed).toBe(1);
    // Staff see it (without the payload) and can put it back once the cause is fixed.
    const failed = await listFailedOutboxMessages(db);
    expect(failed).toEqual([expect.objectContaining({ id, topic: 'email', attempts: 1 })]);
    expect(JSON.stringify(failed)).not.toContain('nobody@example.nl');
    expect(await retryFailedOutboxMessage(db, id)).toBe(true);
    expect(await retryFailedOutboxMessage(db, id)).toBe(false); // only failed messages
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 0, failedAt: null });
    await smtp.stop();
    await db.delete(outboxMessages).where(eq(outboxMessages.id, id));
  });

  it('parks a message after its last attempt', async () => {
    const smtp = await startTestSmtpServer();
    await smtp.stop();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const errors = vi.mocked(console.error).mockImplementation(() => {}); // expected: a parked message is logged as an error
    const { id } = await db.transaction(async (tx) =>
      queueEmail(tx, {
        to: 'a@example.nl',
        template: 'password-reset',
        data: { resetPath: '/r', expiresAt: new Date() },
      }),
    );
    await db.update(outboxMessages).set({ maxAttempts: 2 }).where(eq(outboxMessages.id, id));
    const worker = workerFor(smtp, { retryBaseMs: 10, retryMaxMs: 10 });
    await worker.runOnce();
    expect((await row(id)).status).toBe('pending');
    await until(async () => (await worker.runOnce()) > 0);
    const parked = await row(id);
    expect(parked).toMatchObject({ status: 'failed', attempts: 2 });
    expect(errors).toHaveBeenCalledTimes(1);
    await db.delete(outboxMessages).where(eq(outboxMessages.id, id));
  });
});

describe('retention', () => {
  it('deletes delivered mail after the retention period (addresses, one-time links), keeps recent and failed rows', async () => {
    const smtp = await startTestSmtpServer();
    const old = await queueEmail(db, {
      to: 'old@example.nl',
      template: 'password-reset',
      data: { resetPath: '/r', expiresAt: new Date() },
    });
    const recent = await queueEmail(db, {
      to: 'recent@example.nl',
      template: 'password-reset',
      data: { resetPath: '/r', expiresAt: new Date() },
    });
    const parked = await queueEmail(db, {
      to: 'parked@example.nl',
      template: 'password-reset',
      data: { resetPath: '/r', expiresAt: new Date() },
    });
    await db
      .update(outboxMessages)
      .set({ status: 'done', doneAt: sql`now() - interval '8 days'` })
      .where(eq(outboxMessages.id, old.id));
    await db
      .update(outboxMessages)
      .set({ status: 'done', doneAt: sql`now() - interval '6 days'` })
      .where(eq(outboxMessages.id, recent.id));
    await db
      .update(outboxMessages)
      .set({ status: 'failed', failedAt: sql`now() - interval '30 days'` })
      .where(eq(outboxMessages.id, parked.id));
    const worker = workerFor(smtp);
    await worker.start();
    try {
      await until(
        async () => (await db.select().from(outboxMessages).where(eq(outboxMessages.id, old.id))).length === 0,
      );
      expect((await row(recent.id)).status).toBe('done');
      expect((await row(parked.id)).status).toBe('failed');
    } finally {
      await worker.stop();
      await smtp.stop();
      await db.delete(outboxMessages).where(inArray(outboxMessages.id, [recent.id, parked.id]));
    }
  });
});

describe('several workers', () => {
  it('never send one row twice', async () => {
    const smtp = await startTestSmtpServer();
    const count = 120;
    const ids = await db.transaction(async (tx) => {
      const out: string[] = [];
      for (let i = 0; i < count; i++) {
        out.push(
          (
            await queueEmail(tx, {
              to: `person${i}@example.nl`,
              template: 'generic',
              data: { subject: `Bericht ${i}`, heading: 'Hallo', paragraphs: ['Een test.'] },
            })
          ).id,
        );
      }
      return out;
    });
    // Two workers on their own connections, started at the same moment, small batches.
    const other = await createTestDatabaseConnection();
    const a = workerFor(smtp, { batchSize: 5, workerId: 'a' });
    const b = createOutboxWorker({
      db: other.db,
      log,
      batchSize: 5,
      workerId: 'b',
      handlers: [
        createEmailOutboxHandler({
          transport: createMailTransport({ smtpUrl: smtp.url, dataDir: '/nonexistent' }),
          mailFrom: MAIL_FROM,
          publicUrl: PUBLIC_URL,
        }),
      ],
    });
    const drain = async (w: typeof a) => {
      while ((await w.runOnce()) > 0);
    };
    await Promise.all([drain(a), drain(b), drain(a), drain(b)]);
    await smtp.waitForMail(count);
    const perMessageId = new Map<string, number>();
    for (const mail of smtp.received)
      perMessageId.set(mail.parsed.messageId!, (perMessageId.get(mail.parsed.messageId!) ?? 0) + 1);
    expect(smtp.received).toHaveLength(count);
    expect([...perMessageId.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(perMessageId.keys())).toEqual(new Set(ids.map((id) => `<${id}@buurtgezinnen.nl>`)));
    const lockedBy = await db
      .select({ by: outboxMessages.lockedBy, n: sql<number>`count(*)::int` })
      .from(outboxMessages)
      .where(eq(outboxMessages.status, 'done'))
      .groupBy(outboxMessages.lockedBy);
    expect(lockedBy.map((r) => r.by).sort()).toEqual(expect.arrayContaining(['a', 'b'])); // both did work
    await smtp.stop();
  });
});

async function createTestDatabaseConnection() {
  const { connectDatabase } = await import('~/server/db/db');
  const connection = connectDatabase(database.url, { max: 3 });
  afterAll(() => connection.close());
  return connection;
}
