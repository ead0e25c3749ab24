import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffContext } from '~/server/access/permissions';
import { createAuditRepository } from '~/server/audit/audit.repository';
import { isAppError } from '~/server/errors/errors';
import { createOutboxRepository } from '~/server/outbox/outbox.repository';
import { enqueueOutboxMessage } from '~/server/outbox/outbox.usecases';
import { createTestDatabase } from '~tests/support/database';
import { createOutboxEmail, createStaff } from '~tests/support/factories';
import { discardEmail, listEmailProblems, maskEmailAddress, retryEmail } from './email.backoffice';

const { db } = await createTestDatabase();
const now = new Date();
const clock = () => now;
let office: StaffContext;
let coordinator: StaffContext;

/** The queued mail with this id as stored now (undefined when it is gone). */
const storedMail = async (id: string) =>
  (await createOutboxRepository({ db }).listByTopic('email')).find((message) => message.id === id);

const stuckMail = async (to: string, status: 'failed' | 'overdue' | 'pending') =>
  (await createOutboxEmail(db, { to, status, now })).id;

beforeAll(async () => {
  office = (await createStaff(db, { role: 'backoffice' })).context;
  coordinator = (await createStaff(db, { role: 'coordinator' })).context;
});

describe('e-mail that did not arrive (backoffice)', () => {
  it('masks addresses: first letter and the domain', () => {
    expect(maskEmailAddress('jan.jansen@example.nl')).toBe('j…@example.nl');
    expect(maskEmailAddress('x@y.nl')).toBe('x…@y.nl');
    expect(maskEmailAddress('geen adres')).toBe('…');
  });

  it('lists failed and overdue mails with a masked recipient, the kind of mail and the error; never the content', async () => {
    const failed = await stuckMail('jan.jansen@example.nl', 'failed');
    const overdue = await stuckMail('piet@voorbeeld.nl', 'overdue');
    await stuckMail('wacht@voorbeeld.nl', 'pending');
    await db.transaction((tx) => enqueueOutboxMessage(tx, { topic: 'search.index', payload: { id: 'x' } }));
    const problems = await listEmailProblems({ db, clock }, office);
    expect(problems.map((p) => [p.id, p.state, p.recipient, p.template])).toEqual(
      expect.arrayContaining([
        [failed, 'failed', 'j…@example.nl', 'Wachtwoord herstellen'],
        [overdue, 'overdue', 'p…@voorbeeld.nl', 'Wachtwoord herstellen'],
      ]),
    );
    expect(problems).toHaveLength(2);
    const text = JSON.stringify(problems);
    expect(text).not.toContain('jan.jansen');
    expect(text).not.toContain('wachtwoord-herstellen?code');
    expect(problems.find((p) => p.id === failed)!.error).toBe(
      'Error: 550 5.1.1 <j…@example.nl>: Recipient address rejected',
    );
  });

  it('is for backoffice only', async () => {
    const error = await listEmailProblems({ db, clock }, coordinator).catch((e: unknown) => e);
    expect(isAppError(error, 'access.forbidden')).toBe(true);
    const retry = await retryEmail({ db, clock }, coordinator, await stuckMail('a@example.nl', 'failed')).catch(
      (e: unknown) => e,
    );
    expect(isAppError(retry, 'access.forbidden')).toBe(true);
  });

  it('retries a failed or overdue mail now, and discards one; both audited', async () => {
    const failed = await stuckMail('retry@example.nl', 'failed');
    const overdue = await stuckMail('retry2@example.nl', 'overdue');
    const gone = await stuckMail('weg@example.nl', 'failed');
    await retryEmail({ db, clock }, office, failed);
    await retryEmail({ db, clock }, office, overdue);
    await discardEmail({ db, clock }, office, gone);
    expect(await storedMail(failed)).toMatchObject({ status: 'pending', attempts: 0, failedAt: null });
    const requeued = await storedMail(overdue);
    expect(requeued!.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(requeued!.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime() - 60_000);
    expect(await storedMail(gone)).toBeUndefined();
    const audit = await createAuditRepository({ db }).list({ staffId: office.staff.id, limit: 50 });
    expect(audit.map((a) => [a.action, a.detail])).toEqual(
      expect.arrayContaining([
        ['email.retry', { messageId: failed, template: 'password-reset' }],
        ['email.retry', { messageId: overdue, template: 'password-reset' }],
        ['email.discard', { messageId: gone, template: 'password-reset' }],
      ]),
    );
  });

  it('says "no longer in the list" for a mail that is gone or not stuck', async () => {
    const waiting = await stuckMail('later@example.nl', 'pending');
    for (const id of [waiting, '00000000-0000-4000-8000-000000000000', 'geen-id']) {
      for (const action of [retryEmail, discardEmail]) {
        const error = await action({ db, clock }, office, id).catch((e: unknown) => e);
        expect(isAppError(error, 'email.not_stuck'), `${action.name} ${id}`).toBe(true);
      }
    }
  });
});
