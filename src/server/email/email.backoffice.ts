/**
 * E-mail that did not arrive, for the backoffice (/beheer/e-mail): failed and overdue mails with
 * the recipient masked, the kind of mail and the last error; send again or throw away, both in
 * the audit log. Never the content or the full address (the payload stays in the outbox).
 */
import { requireStaff, type StaffContext } from '~/server/access/permissions';
import { auditActor, recordAudit } from '~/server/audit/audit.usecases';
import type { DbOrTx } from '~/server/db/db';
import { scrubLogText } from '~/server/logger';
import { discardOutboxMessage, listStuckOutboxMessages, requeueOutboxMessage } from '~/server/outbox/outbox.usecases';
import { emailError } from './email.errors';
import { EMAIL_TEMPLATE_LABELS } from './email.labels';
import { EMAIL_TOPIC } from './email.usecases';
import { isEmailTemplateName } from './templates';

type Deps = { db: DbOrTx; clock: () => Date };

export type EmailProblem = {
  id: string;
  state: 'failed' | 'overdue';
  /** First letter and domain: enough to see a pattern (one provider refusing), not who it is. */
  recipient: string;
  template: string;
  attempts: number;
  error: string | null;
  createdAt: Date;
  since: Date;
};

export function maskEmailAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '…';
  return `${address.slice(0, 1)}…@${address.slice(at + 1)}`;
}

const payloadOf = (payload: unknown) => (payload ?? {}) as { to?: unknown; template?: unknown };
const templateName = (payload: unknown) => {
  const template = payloadOf(payload).template;
  return typeof template === 'string' ? template : 'onbekend';
};

export async function listEmailProblems(deps: Deps, ctx: StaffContext): Promise<EmailProblem[]> {
  requireStaff(ctx, { action: 'email.manage' });
  const rows = await listStuckOutboxMessages(deps.db, { topic: EMAIL_TOPIC, now: deps.clock() });
  return rows.map((row) => {
    const { to } = payloadOf(row.payload);
    const template = templateName(row.payload);
    return {
      id: row.id,
      state: row.state,
      recipient: typeof to === 'string' ? maskEmailAddress(to) : '…',
      template: isEmailTemplateName(template) ? EMAIL_TEMPLATE_LABELS[template] : template,
      attempts: row.attempts,
      error: row.lastError === null ? null : scrubLogText(row.lastError).slice(0, 300),
      createdAt: row.createdAt,
      since: row.since,
    };
  });
}

export async function retryEmail(deps: Deps, ctx: StaffContext, id: string): Promise<void> {
  requireStaff(ctx, { action: 'email.manage' });
  await deps.db.transaction(async (tx) => {
    const requeued = await requeueOutboxMessage(tx, { id, topic: EMAIL_TOPIC, now: deps.clock() });
    if (!requeued) throw emailError('email.not_stuck');
    await recordAudit(
      tx,
      auditActor(ctx),
      { action: 'email.retry', detail: { messageId: id, template: templateName(requeued.payload) } },
      deps.clock(),
    );
  });
}

export async function discardEmail(deps: Deps, ctx: StaffContext, id: string): Promise<void> {
  requireStaff(ctx, { action: 'email.manage' });
  await deps.db.transaction(async (tx) => {
    const discarded = await discardOutboxMessage(tx, { id, topic: EMAIL_TOPIC, now: deps.clock() });
    if (!discarded) throw emailError('email.not_stuck');
    await recordAudit(
      tx,
      auditActor(ctx),
      { action: 'email.discard', detail: { messageId: id, template: templateName(discarded.payload) } },
      deps.clock(),
    );
  });
}
