/**
 * Sending e-mail = queueing it in the outbox, inside the caller's transaction:
 *
 *   await db.transaction(async (tx) => {
 *     const registration = await insertRegistration(tx, …);
 *     await queueEmail(tx, { to: registration.email, template: 'registration-received',
 *       gemeente: 'beekdaelen', data: { kind: 'vraaggezin', firstName: 'Sanne' } });
 *   });
 *
 * Nothing is sent if the transaction rolls back; after commit the outbox worker delivers it,
 * retrying while SMTP is down. A request never waits for SMTP.
 */
import { PgTransaction } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { DbOrTx } from '~/server/db/db';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import {
  type EnqueueOutboxMessage,
  enqueueOutboxMessage,
  enqueueOutboxMessages,
} from '~/server/outbox/outbox.usecases';
import { findResponsible, type Responsible } from '~/server/responsibility/responsibility';
import { createStaffRepository } from '~/server/staff/staff.repository';
import { emailError } from './email.errors';
import type { EmailSenderContext } from './email.layout';
import {
  type EmailTemplateData,
  type EmailTemplateName,
  emailTemplates,
  type TemplateNeedsGemeente,
} from './templates';

/** The outbox topic of e-mail. */
export const EMAIL_TOPIC = 'email';

export type QueueEmail<N extends EmailTemplateName> = {
  /** One recipient address. */
  to: string;
  template: N;
  data: EmailTemplateData<N>;
  /** Same key twice (per topic) queues only one mail, e.g. `digest:${day}:${staffId}`. */
  dedupeKey?: string;
  /** Send no earlier than this. */
  notBefore?: Date;
} & (TemplateNeedsGemeente<N> extends true
  ? { /** Slug of the gemeente the mail is about: its name and coordinator appear as sender. */ gemeente: string }
  : { gemeente?: string });

/** What the outbox stores for one e-mail; rendered by the worker at delivery. */
export type EmailPayload = {
  to: string;
  template: EmailTemplateName;
  /** Validated template data (JSON). */
  data: unknown;
  context: EmailSenderContext;
};

const recipientSchema = z.email().max(254);

/** Queues one e-mail in the outbox, in `tx`. Returns the outbox id (the mail's stable Message-ID is derived from it). */
export async function queueEmail<N extends EmailTemplateName>(
  tx: DbOrTx,
  email: QueueEmail<N>,
): Promise<{ id: string }> {
  return enqueueOutboxMessage(tx, await outboxMessageOf(tx, email));
}

/**
 * Queues several e-mails in the outbox, in `tx`, in one round trip (a sign-up's confirmation and
 * its notices). Pass `responsible` when the caller has just looked up who is responsible for the
 * mails' gemeente (responsibility.ts): it is their sender, and is not read again.
 */
export async function queueEmails(
  tx: DbOrTx,
  emails: QueueEmail<EmailTemplateName>[],
  { responsible }: { responsible?: Responsible } = {},
): Promise<void> {
  if (emails.length === 0) return;
  // A later mail in this transaction (a referral's request to the parent) uses it too.
  if (responsible && tx instanceof PgTransaction)
    contextsOf(tx).set(responsible.gemeente.slug, Promise.resolve(senderOf(responsible)));
  const messages = await Promise.all(emails.map((email) => outboxMessageOf(tx, email, responsible)));
  await enqueueOutboxMessages(tx, messages);
}

async function outboxMessageOf<N extends EmailTemplateName>(
  tx: DbOrTx,
  email: QueueEmail<N>,
  responsible?: Responsible,
): Promise<EnqueueOutboxMessage> {
  const to = recipientSchema.safeParse(email.to.trim());
  if (!to.success) throw emailError('email.invalid_recipient');
  const template = emailTemplates[email.template];
  const parsed = template.data.safeParse(email.data);
  if (!parsed.success)
    throw emailError('email.invalid_template_data', {
      template: email.template,
      issues: parsed.error.issues.map((i) => i.path.join('.')),
    });
  if (template.needsGemeente && !email.gemeente)
    throw emailError('email.unknown_gemeente', { template: email.template });
  const context =
    responsible && email.gemeente === responsible.gemeente.slug
      ? senderOf(responsible)
      : await senderContext(tx, email.gemeente);
  const payload: EmailPayload = { to: to.data, template: email.template, data: parsed.data, context };
  return { topic: EMAIL_TOPIC, payload, dedupeKey: email.dedupeKey, notBefore: email.notBefore };
}

/**
 * Queues the same mail to every active coordinator of a gemeente (e.g. 'registration-notification').
 * `notificationMode` limits it to coordinators who chose that mode. Returns the outbox ids.
 */
export async function queueEmailToCoordinators<N extends EmailTemplateName>(
  tx: DbOrTx,
  email: Omit<QueueEmail<N>, 'to' | 'dedupeKey'> & {
    gemeente: string;
    notificationMode?: 'immediate' | 'daily_digest';
  },
): Promise<{ ids: string[] }> {
  const coordinators = await createStaffRepository({ db: tx }).activeCoordinatorsOf(
    email.gemeente,
    email.notificationMode,
  );
  const ids: string[] = [];
  for (const coordinator of coordinators) {
    const { notificationMode: _mode, ...rest } = email;
    const { id } = await queueEmail(tx, { ...rest, to: coordinator.email } as QueueEmail<N>);
    ids.push(id);
  }
  return { ids };
}

/**
 * Sender contexts already looked up in a transaction: a sign-up mails the family and every
 * person responsible with the same one, so it is read once per transaction, not once per mail
 * (issue 18: fewer round trips while the sign-up's transaction is open).
 */
const contextsOfTransaction = new WeakMap<object, Map<string, Promise<EmailSenderContext>>>();

/**
 * The gemeente's name and the person responsible for it (responsibility.ts: its longest-serving
 * coordinator, else the regional coordinator standing in; the office signs as the team), as the
 * mail's sender context. Replies to a public mail go to that person.
 */
function senderContext(tx: DbOrTx, slug: string | undefined): Promise<EmailSenderContext> {
  if (!slug) return Promise.resolve({ gemeente: null, coordinator: null });
  // Outside a transaction nothing is kept: the next call may be much later.
  if (!(tx instanceof PgTransaction)) return loadSenderContext(tx, slug);
  const known = contextsOf(tx);
  let context = known.get(slug);
  if (!context) {
    context = loadSenderContext(tx, slug);
    known.set(slug, context);
  }
  return context;
}

function contextsOf(tx: object): Map<string, Promise<EmailSenderContext>> {
  let known = contextsOfTransaction.get(tx);
  if (!known) {
    known = new Map();
    contextsOfTransaction.set(tx, known);
  }
  return known;
}

async function loadSenderContext(tx: DbOrTx, slug: string): Promise<EmailSenderContext> {
  const found = await createGemeentenRepository({ db: tx }).find(slug);
  if (!found) throw emailError('email.unknown_gemeente', { gemeente: slug });
  return senderOf(await findResponsible(tx, found));
}

/** The mail's sender context from who is responsible for its gemeente. */
function senderOf(responsible: Responsible): EmailSenderContext {
  const [first] = responsible.people;
  const { gemeente } = responsible;
  const signer =
    !first || responsible.level === 'backoffice'
      ? null
      : responsible.level === 'regional'
        ? { name: first.name, email: first.email, title: `regiocoördinator Buurtgezinnen ${gemeente.region}` }
        : { name: first.name, email: first.email };
  return { gemeente: { slug: gemeente.slug, name: gemeente.name }, coordinator: signer };
}
