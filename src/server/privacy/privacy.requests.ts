/**
 * The person's own rights (AVG art. 15-17) without writing a letter: /mijn-gegevens. She gives the
 * e-mail address or phone number she used and gets a link by e-mail (24 hours); behind it she sees
 * what is stored about her, per sign-up, downloads it, asks for a correction (a note and a history
 * line on the record, the coordinators get a mail with a link) or for deletion (a request in the
 * backoffice's queue, /beheer/verzoeken, answered within 4 weeks). Decision 030.
 *
 * The request for a link answers the same whether or not anything matches, in the same time: the
 * page only stores the question in the outbox (topic `privacy.link`); the outbox worker looks for
 * sign-ups and mails the link, or does nothing.
 */
import { addDays, amsterdamDate } from '~/lib/dates';
import { cleanText, normalizePhone } from '~/lib/registration.normalize';
import { findBsn } from '~/lib/sensitive-text';
import { requireStaff, type StaffContext } from '~/server/access/permissions';
import { auditActor, recordAudit } from '~/server/audit/audit.usecases';
import { generateSecureRandomString, hashSecret } from '~/server/auth/tokens';
import type { Database, DbOrTx } from '~/server/db/db';
import { queueEmail, queueEmailToCoordinators } from '~/server/email/email.usecases';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import { KIND_LABELS } from '~/server/inbox/inbox.labels';
import { createInboxRepository } from '~/server/inbox/inbox.repository';
import { createKoppelingenRepository } from '~/server/koppelingen/koppelingen.repository';
import type { OutboxHandler } from '~/server/outbox/outbox.handlers';
import { enqueueOutboxMessage } from '~/server/outbox/outbox.usecases';
import { consumeRateLimit } from '~/server/rate-limits/rate-limits';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { type Erased, eraseMailFiles, eraseSignUp, whyKept } from './privacy.erase';
import { createPrivacyRepository } from './privacy.repository';
import { requestsError } from './privacy.requests.errors';
import { CORRECTION_MAX, EXPORT_SECTIONS, type ReadableField, readableRow } from './privacy.requests.labels';
import { createPrivacyRequestsRepository, type RequestStatus } from './privacy.requests.repository';

type Deps = { db: Database; clock: () => Date };

const LINK_HOURS = 24;
/** AVG art. 12(3): an answer within one month; we promise 4 weeks (/privacy). */
const ANSWER_DAYS = 28;
const LINK_TOPIC = 'privacy.link';
const MY_DATA_PATH = '/mijn-gegevens/';
const HOUR_MS = 3_600_000;
/** Per client address and per contact (hashed); generous for a person, tight for someone trying addresses. */
const LINK_LIMITS = { address: 10, contact: 3 } as const;
const TOKEN = /^[a-z2-9]{32}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type LinkQuestion = { email?: string; phone?: string; clientAddress: string };

function parseContact(raw: unknown): { email?: string; phone?: string } {
  const value = cleanText(typeof raw === 'string' ? raw : '').slice(0, 254);
  if (value.includes('@')) {
    const email = value.toLowerCase();
    if (EMAIL.test(email)) return { email };
  } else {
    const phone = normalizePhone(value);
    if (phone) return { phone };
  }
  throw requestsError('requests.invalid_contact');
}

/**
 * Someone asks for a link with an address or number. Checks the input and the rate limits, then
 * queues the question (nothing else: the answer and its timing do not depend on what exists).
 */
export async function requestLink(deps: Deps, input: { contact: unknown; clientAddress: string }) {
  const contact = parseContact(input.contact);
  const now = deps.clock();
  const subject = contact.email ?? contact.phone!;
  const rules = [
    { key: `privacy-link:address:${input.clientAddress}`, limit: LINK_LIMITS.address },
    { key: `privacy-link:contact:${hashSecret(subject)}`, limit: LINK_LIMITS.contact },
  ];
  await deps.db.transaction(async (tx) => {
    for (const rule of rules) {
      const result = await consumeRateLimit(tx, { ...rule, windowMs: HOUR_MS, now });
      if (!result.allowed) throw requestsError('requests.rate_limited', { retryAfterMs: result.retryAfterMs });
    }
    const question: LinkQuestion = { ...contact, clientAddress: input.clientAddress };
    await enqueueOutboxMessage(tx, { topic: LINK_TOPIC, payload: question });
  });
}

/**
 * The outbox worker's part: find the sign-ups whose own contact matches, and mail a link to each
 * of their e-mail addresses (a number without an address on file: nothing is sent).
 */
export function createPrivacyLinkHandler(deps: Deps): OutboxHandler<LinkQuestion> {
  return {
    topic: LINK_TOPIC,
    deliver: ({ messageId, payload }) =>
      deps.db.transaction(async (tx) => {
        const now = deps.clock();
        const matches = await createRegistrationsRepository({ db: tx }).withOwnContact(payload);
        const addresses = new Set(matches.flatMap((row) => (row.contactEmail ? [row.contactEmail.toLowerCase()] : [])));
        for (const email of addresses) {
          const token = generateSecureRandomString(32);
          const expiresAt = new Date(now.getTime() + LINK_HOURS * HOUR_MS);
          await createPrivacyRequestsRepository({ db: tx }).insertLink({
            tokenHash: hashSecret(token),
            email,
            phone: payload.phone ?? null,
            createdAt: now,
            expiresAt,
          });
          await queueEmail(tx, {
            to: email,
            template: 'privacy-request',
            data: { kind: 'link', path: `${MY_DATA_PATH}${token}`, expiresAt },
            dedupeKey: `privacy-link:${messageId}:${hashSecret(email)}`,
          });
        }
        for (const row of matches.filter((match) => match.contactEmail))
          await recordAudit(
            tx,
            { staffId: null, clientAddress: payload.clientAddress },
            {
              action: 'privacy.link_sent',
              recordType: 'registration',
              recordId: row.id,
              gemeenteSlug: row.gemeenteSlug,
            },
            now,
          );
      }),
  };
}

/** The link behind `token` and the sign-ups it shows; `requests.link_gone` when unknown or expired. */
async function openLink(tx: DbOrTx, token: string, now: Date) {
  const link = TOKEN.test(token)
    ? await createPrivacyRequestsRepository({ db: tx }).findLink(hashSecret(token))
    : undefined;
  if (!link || link.expiresAt <= now) throw requestsError('requests.link_gone');
  const signUps = await createRegistrationsRepository({ db: tx }).withOwnContact({
    email: link.email,
    phone: link.phone,
  });
  // An open zorg over veiligheid: the office weighs what to share first (meldcode), as in the export.
  const withheld = await createKoppelingenRepository({ db: tx }).withOpenConcern(signUps.map((row) => row.id));
  return { link, signUps, withheld };
}

type Visitor = { clientAddress: string };
const visitorActor = (visitor: Visitor) => ({ staffId: null, clientAddress: visitor.clientAddress });

export type MySignUp = {
  id: string;
  kindLabel: string;
  gemeenteName: string;
  createdAt: Date;
  withheld: boolean;
  sections: { title: string; rows: ReadableField[][] }[];
  eraseRequest: { status: RequestStatus; receivedAt: Date; dueOn: string } | null;
};

/** Everything stored about the person behind the link, per sign-up, in plain words. Each view is audited. */
export async function getMyData(deps: Deps, token: string, visitor: Visitor) {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const { link, signUps, withheld } = await openLink(tx, token, now);
    const names = await createGemeentenRepository({ db: tx }).namesBySlug([
      ...new Set(signUps.map((row) => row.gemeenteSlug)),
    ]);
    const requests = await createPrivacyRequestsRepository({ db: tx }).openOf(signUps.map((row) => row.id));
    const privacy = createPrivacyRepository({ db: tx });
    const result: MySignUp[] = [];
    for (const row of signUps) {
      const hidden = withheld.has(row.id);
      const tables = hidden ? {} : ((await privacy.exportOf(row.id)) ?? {});
      const request = requests.get(row.id);
      result.push({
        id: row.id,
        kindLabel: KIND_LABELS[row.kind],
        gemeenteName: names.get(row.gemeenteSlug) ?? row.gemeenteSlug,
        createdAt: row.createdAt,
        withheld: hidden,
        sections: toSections(tables),
        eraseRequest: request
          ? { status: request.status as RequestStatus, receivedAt: request.receivedAt, dueOn: request.dueOn }
          : null,
      });
      await recordAudit(
        tx,
        visitorActor(visitor),
        { action: 'privacy.self_view', recordType: 'registration', recordId: row.id, gemeenteSlug: row.gemeenteSlug },
        now,
      );
    }
    return { email: link.email, expiresAt: link.expiresAt, signUps: result };
  });
}

function toSections(tables: Record<string, unknown[]>) {
  const known = Object.keys(EXPORT_SECTIONS).filter((table) => tables[table]?.length);
  const others = Object.keys(tables).filter((table) => !(table in EXPORT_SECTIONS) && tables[table]?.length);
  return [...known, ...others].map((table) => ({
    title: EXPORT_SECTIONS[table] ?? table.replaceAll('_', ' '),
    rows: tables[table]!.map((row) => readableRow(row as Record<string, unknown>)),
  }));
}

/** The download (JSON): `privacy_export` of each sign-up behind the link. Audited per sign-up. */
export async function exportMyData(deps: Deps, token: string, visitor: Visitor) {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const { signUps, withheld } = await openLink(tx, token, now);
    const privacy = createPrivacyRepository({ db: tx });
    const exported = [];
    for (const row of signUps.filter((signUp) => !withheld.has(signUp.id))) {
      exported.push({ registrationId: row.id, tables: (await privacy.exportOf(row.id)) ?? {} });
      await recordAudit(
        tx,
        visitorActor(visitor),
        { action: 'privacy.self_export', recordType: 'registration', recordId: row.id, gemeenteSlug: row.gemeenteSlug },
        now,
      );
    }
    return { exportedAt: now.toISOString(), signUps: exported };
  });
}

/** One sign-up behind the link that the person may act on (not withheld), locked. */
async function mySignUp(tx: DbOrTx, token: string, registrationId: unknown, now: Date) {
  const { link, signUps, withheld } = await openLink(tx, token, now);
  const row = signUps.find((signUp) => signUp.id === registrationId);
  if (!row) throw requestsError('requests.unknown_sign_up');
  if (withheld.has(row.id)) throw requestsError('requests.withheld');
  return { link, row };
}

/**
 * "Dit klopt niet": the text becomes a note on the record (and a history line), the record moves
 * to the top of the coordinator's inbox as unread, and the coordinators get a mail with only a link.
 */
export async function askCorrection(deps: Deps, token: string, visitor: Visitor, form: Record<string, unknown>) {
  const text = cleanText(typeof form.correction === 'string' ? form.correction : '', { multiline: true });
  if (text.length < 3 || text.length > CORRECTION_MAX) throw requestsError('requests.invalid_correction');
  if (findBsn(text).length > 0) throw requestsError('requests.bsn');
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const { row } = await mySignUp(tx, token, form.registrationId, now);
    const inbox = createInboxRepository({ db: tx });
    const note = await inbox.insertNote({
      registrationId: row.id,
      authorId: null,
      body: `Verzoek om te verbeteren, van de persoon zelf (via Mijn gegevens). Antwoord uiterlijk ${amsterdamDate(new Date(now.getTime() + ANSWER_DAYS * 86_400_000))}:\n\n${text}`,
      createdAt: now,
    });
    await inbox.insertHistory({
      registrationId: row.id,
      staffId: null,
      at: now,
      change: 'correction',
      toValue: note.id,
    });
    await createRegistrationsRepository({ db: tx }).touch(row.id, now);
    await queueEmailToCoordinators(tx, {
      template: 'correction-request',
      gemeente: row.gemeenteSlug,
      data: { path: `/inbox/${row.id}` },
    });
    await recordAudit(
      tx,
      visitorActor(visitor),
      {
        action: 'privacy.correction_request',
        recordType: 'registration',
        recordId: row.id,
        gemeenteSlug: row.gemeenteSlug,
      },
      now,
    );
  });
}

/** "Verwijder alles": a request in the backoffice's queue, due in 4 weeks (one open request per sign-up). */
export async function askErasure(deps: Deps, token: string, visitor: Visitor, form: Record<string, unknown>) {
  if (form.confirm !== 'ja') throw requestsError('requests.erase_unconfirmed');
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const { link, row } = await mySignUp(tx, token, form.registrationId, now);
    const { row: request, created } = await createPrivacyRequestsRepository({ db: tx }).openRequest({
      registrationId: row.id,
      gemeenteSlug: row.gemeenteSlug,
      kind: 'erase',
      receivedAt: now,
      dueOn: addDays(amsterdamDate(now), ANSWER_DAYS),
      replyTo: link.email,
    });
    if (created)
      await recordAudit(
        tx,
        visitorActor(visitor),
        {
          action: 'privacy.request_received',
          recordType: 'registration',
          recordId: row.id,
          gemeenteSlug: row.gemeenteSlug,
          detail: { requestId: request.id, dueOn: request.dueOn },
        },
        now,
      );
  });
}

const QUEUE_LIMIT = 200;

/** The backoffice's queue of deletion requests: open ones first, by due date. The list view is audited. */
export async function listRequests(deps: Deps, ctx: StaffContext) {
  requireStaff(ctx, { action: 'privacy.erase' });
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const rows = await createPrivacyRequestsRepository({ db: tx }).list({ limit: QUEUE_LIMIT });
    const ids = rows.flatMap((row) => (row.registrationId ? [row.registrationId] : []));
    const signUps = new Map(
      (await createRegistrationsRepository({ db: tx }).listByIds(ids)).map((row) => [row.id, row]),
    );
    const names = await createGemeentenRepository({ db: tx }).namesBySlug([
      ...new Set(rows.map((row) => row.gemeenteSlug)),
    ]);
    const today = amsterdamDate(now);
    const requests = [];
    for (const row of rows) {
      const signUp = row.registrationId ? signUps.get(row.registrationId) : undefined;
      requests.push({
        id: row.id,
        status: row.status as RequestStatus,
        refusal: row.refusal,
        receivedAt: row.receivedAt,
        dueOn: row.dueOn,
        overdue: row.status === 'open' && row.dueOn < today,
        decidedAt: row.decidedAt,
        gemeenteName: names.get(row.gemeenteSlug) ?? row.gemeenteSlug,
        signUp: signUp ? { id: signUp.id, contactName: signUp.contactName, kindLabel: KIND_LABELS[signUp.kind] } : null,
        /** Another sign-up uses the same address: check with the person before deleting (decision 030). */
        sharedAddress: row.status === 'open' && signUp?.hasEmail ? await addressShared(tx, signUp.id) : false,
      });
    }
    await recordAudit(tx, auditActor(ctx), { action: 'privacy.queue_view', detail: { shown: ids } }, now);
    return { requests, today };
  });
}

async function addressShared(tx: DbOrTx, registrationId: string) {
  const registrations = createRegistrationsRepository({ db: tx });
  const email = (await registrations.getById(registrationId))?.contactEmail;
  return email ? registrations.emailUsedByOthers(email, registrationId) : false;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The backoffice confirms a deletion request: deleted with the erase code of the retention job
 * (privacy.erase.ts), or refused when a hold, an open koppeling or an open zorg over veiligheid
 * applies. Either way the request is closed and the person gets a mail without personal data.
 */
export async function confirmRequest(deps: Deps & { dataDir: string }, ctx: StaffContext, requestId: unknown) {
  requireStaff(ctx, { action: 'privacy.erase' });
  if (typeof requestId !== 'string' || !UUID.test(requestId)) throw requestsError('requests.invalid_decision');
  const now = deps.clock();
  const outcome = await deps.db.transaction(async (tx) => {
    const requests = createPrivacyRequestsRepository({ db: tx });
    const request = await requests.lockOpen(requestId);
    if (!request) throw requestsError('requests.not_open');
    const signUp = request.registrationId
      ? await createRegistrationsRepository({ db: tx }).getForStaff(ctx, request.registrationId, 'privacy.erase', {
          lock: true,
        })
      : null;
    const kept = signUp ? await whyKept(tx, signUp.id, amsterdamDate(now)) : null;
    const entry = {
      recordType: 'registration',
      recordId: request.registrationId ?? undefined,
      gemeenteSlug: request.gemeenteSlug,
    };
    let erased: Erased | null = null;
    if (kept)
      await recordAudit(
        tx,
        auditActor(ctx),
        { ...entry, action: 'privacy.request_refused', detail: { requestId: request.id, reason: kept.reason } },
        now,
      );
    else if (signUp)
      erased = await eraseSignUp(tx, signUp, {
        actor: auditActor(ctx),
        entry: { action: 'privacy.request_delete', detail: { kind: signUp.kind, requestId: request.id } },
        at: now,
      });
    // Already gone (the retention job came first): nothing left to delete.
    else
      await recordAudit(
        tx,
        auditActor(ctx),
        { ...entry, action: 'privacy.request_done', detail: { requestId: request.id } },
        now,
      );
    const status = kept ? 'refused' : 'done';
    await requests.close(request.id, { status, decidedAt: now, decidedBy: ctx.staff.id, refusal: kept?.reason });
    // After the deletion, which also deletes the outbox's mail to this address.
    if (request.replyTo)
      await queueEmail(tx, {
        to: request.replyTo,
        template: 'privacy-request',
        data: kept ? { kind: 'refused', reason: kept.reason } : { kind: 'erased' },
      });
    return { status, erased };
  });
  if (outcome.erased) await eraseMailFiles(deps.dataDir, [outcome.erased]);
  return { status: outcome.status };
}

/** The retention job's housekeeping: expired links, and closed requests after the access log's term. */
export async function pruneRequests(db: DbOrTx, now: Date, accessLogBefore: Date) {
  const requests = createPrivacyRequestsRepository({ db });
  await requests.deleteExpiredLinks(now);
  await requests.deleteClosedBefore(accessLogBefore);
}
