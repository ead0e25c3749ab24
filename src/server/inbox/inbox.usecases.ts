/**
 * The coordinator's inbox: the list of sign-ups (keyset-paged, newest first) and one sign-up's
 * page with its pipeline, assignment, notes, contact log, links and history.
 * Every function checks access with requireStaff for the record's gemeente (404 outside it),
 * and writes an audit entry for every view and change.
 */
import { and, asc, desc, eq, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { RegistrationKind, SteungezinDetails } from '~/lib/registration.types';
import { findBsn, findHealthWords } from '~/lib/sensitive-text';
import { accessError } from '~/server/access/access.errors';
import { gemeenteScope, requireStaff, type StaffAction, type StaffContext } from '~/server/access/permissions';
import { auditActor, recordAudit } from '~/server/audit/audit.usecases';
import type { Database, DbOrTx } from '~/server/db/db';
import { isAppError } from '~/server/errors/errors';
import { gemeenten } from '~/server/gemeenten/gemeenten.table';
import { registrationKinds, registrations } from '~/server/registrations/registrations.table';
import { staffGemeenten, staffRegions, staffUsers } from '~/server/staff/staff.table';
import { inboxError } from './inbox.errors';
import { ALL_STATUSES, allowedTransitions, CONTACT_CHANNELS, EXIT_NOTE_REQUIRED } from './inbox.pipeline';
import { inboxContacts, inboxHistory, inboxItems, inboxNotes, inboxReads, inboxVogChecks } from './inbox.table';

export type InboxDeps = { db: Database; clock: () => Date };

const INBOX_PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type InboxFilter = {
  kind?: string;
  status?: string;
  gemeente?: string;
  mine?: boolean;
  /** Keyset cursor: the last row of the previous page. */
  after?: { createdAt: Date; id: string };
};

/** Parses the GET form of /inbox; unknown values are dropped, never an error. */
export function parseInboxFilter(params: URLSearchParams): InboxFilter {
  const kind = params.get('soort') ?? '';
  const status = params.get('status') ?? '';
  const gemeente = params.get('gemeente') ?? '';
  const cursor = params.get('na') ?? '';
  const [at, id] = cursor.split('_');
  const after =
    at && id && UUID.test(id) && !Number.isNaN(Date.parse(at)) ? { createdAt: new Date(at), id } : undefined;
  return {
    kind: (registrationKinds as readonly string[]).includes(kind) ? kind : undefined,
    status: ALL_STATUSES.includes(status) ? status : undefined,
    gemeente: /^[a-z0-9-]{1,60}$/.test(gemeente) ? gemeente : undefined,
    mine: params.get('mijn') === '1',
    after,
  };
}

export function cursorParam(row: { createdAt: Date; id: string }): string {
  return `${row.createdAt.toISOString()}_${row.id}`;
}

/** One page of the inbox of the gemeenten within reach, newest first. */
export async function listInbox(deps: InboxDeps, ctx: StaffContext, filter: InboxFilter) {
  requireStaff(ctx, { action: 'record.read', ...(filter.gemeente ? { gemeente: filter.gemeente } : {}) });
  const scope = gemeenteScope(ctx);
  if (scope && scope.length === 0) return { rows: [], next: null };
  const assigned = alias(staffUsers, 'assigned');
  const conditions: (SQL | undefined)[] = [
    filter.gemeente
      ? eq(registrations.gemeenteSlug, filter.gemeente)
      : scope
        ? inArray(registrations.gemeenteSlug, scope)
        : undefined,
    filter.kind ? eq(registrations.kind, filter.kind as RegistrationKind) : undefined,
    filter.status ? eq(registrations.status, filter.status) : undefined,
    filter.mine ? eq(inboxItems.assignedStaffId, ctx.staff.id) : undefined,
    // Row comparison, so PostgreSQL walks the (created_at desc, id desc) index from the cursor.
    filter.after
      ? sql`(${registrations.createdAt}, ${registrations.id}) < (${filter.after.createdAt.toISOString()}::timestamptz, ${filter.after.id}::uuid)`
      : undefined,
  ];
  const rows = await deps.db
    .select({
      id: registrations.id,
      kind: registrations.kind,
      gemeenteSlug: registrations.gemeenteSlug,
      gemeenteName: gemeenten.name,
      kern: registrations.kern,
      status: registrations.status,
      createdAt: registrations.createdAt,
      updatedAt: registrations.updatedAt,
      assignedName: assigned.displayName,
      assignedId: assigned.id,
      readAt: inboxReads.readAt,
    })
    .from(registrations)
    .innerJoin(gemeenten, eq(gemeenten.slug, registrations.gemeenteSlug))
    .leftJoin(inboxItems, eq(inboxItems.registrationId, registrations.id))
    .leftJoin(assigned, eq(assigned.id, inboxItems.assignedStaffId))
    .leftJoin(inboxReads, and(eq(inboxReads.registrationId, registrations.id), eq(inboxReads.staffId, ctx.staff.id)))
    .where(and(...conditions))
    .orderBy(desc(registrations.createdAt), desc(registrations.id))
    .limit(INBOX_PAGE_SIZE + 1);
  const page = rows
    .slice(0, INBOX_PAGE_SIZE)
    .map((r) => ({ ...r, unread: r.readAt === null || r.readAt < r.updatedAt }));
  const last = page.at(-1);
  return {
    rows: page,
    next: rows.length > INBOX_PAGE_SIZE && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

/** The gemeenten a staff member can filter on. */
export async function inboxGemeenten(deps: InboxDeps, ctx: StaffContext) {
  requireStaff(ctx, { action: 'record.read' });
  const scope = gemeenteScope(ctx);
  if (scope && scope.length === 0) return [];
  return deps.db
    .select({ slug: gemeenten.slug, name: gemeenten.name })
    .from(gemeenten)
    .where(scope ? inArray(gemeenten.slug, scope) : undefined)
    .orderBy(asc(gemeenten.name))
    .limit(500);
}

/** Loads a sign-up and checks `action` for its gemeente; unknown id and out of reach are the same 404. */
async function loadForStaff(db: DbOrTx, ctx: StaffContext, id: string, action: StaffAction, lock = false) {
  if (!UUID.test(id)) throw accessError('access.not_found');
  const query = db.select().from(registrations).where(eq(registrations.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw accessError('access.not_found');
  requireStaff(ctx, { action, gemeente: row.gemeenteSlug });
  return row;
}

async function markRead(db: DbOrTx, staffId: string, registrationId: string, at: Date) {
  await db
    .insert(inboxReads)
    .values({ staffId, registrationId, readAt: at })
    .onConflictDoUpdate({ target: [inboxReads.registrationId, inboxReads.staffId], set: { readAt: at } });
}

/** Everything the sign-up page shows. Logs the view. */
export async function getRegistrationForStaff(deps: InboxDeps, ctx: StaffContext, id: string) {
  const now = deps.clock();
  const registration = await loadForStaff(deps.db, ctx, id, 'record.read');
  await recordAudit(
    deps.db,
    auditActor(ctx),
    {
      action: 'registration.view',
      recordType: 'registration',
      recordId: id,
      gemeenteSlug: registration.gemeenteSlug,
    },
    now,
  );
  await markRead(deps.db, ctx.staff.id, id, new Date(Math.max(now.getTime(), registration.updatedAt.getTime())));
  const author = alias(staffUsers, 'author');
  const [[item], notes, contacts, history, vog, [gemeente]] = await Promise.all([
    deps.db.select().from(inboxItems).where(eq(inboxItems.registrationId, id)),
    deps.db
      .select({
        id: inboxNotes.id,
        body: inboxNotes.body,
        createdAt: inboxNotes.createdAt,
        authorName: author.displayName,
      })
      .from(inboxNotes)
      .leftJoin(author, eq(author.id, inboxNotes.authorId))
      .where(eq(inboxNotes.registrationId, id))
      .orderBy(desc(inboxNotes.createdAt)),
    deps.db
      .select({
        id: inboxContacts.id,
        channel: inboxContacts.channel,
        contactedOn: inboxContacts.contactedOn,
        summary: inboxContacts.summary,
        authorName: author.displayName,
      })
      .from(inboxContacts)
      .leftJoin(author, eq(author.id, inboxContacts.authorId))
      .where(eq(inboxContacts.registrationId, id))
      .orderBy(desc(inboxContacts.contactedOn), desc(inboxContacts.createdAt)),
    deps.db
      .select({
        id: inboxHistory.id,
        at: inboxHistory.at,
        change: inboxHistory.change,
        fromValue: inboxHistory.fromValue,
        toValue: inboxHistory.toValue,
        detail: inboxHistory.detail,
        staffName: author.displayName,
      })
      .from(inboxHistory)
      .leftJoin(author, eq(author.id, inboxHistory.staffId))
      .where(eq(inboxHistory.registrationId, id))
      .orderBy(desc(inboxHistory.at)),
    deps.db
      .select()
      .from(inboxVogChecks)
      .where(eq(inboxVogChecks.registrationId, id))
      .orderBy(asc(inboxVogChecks.adultNumber)),
    deps.db.select({ name: gemeenten.name }).from(gemeenten).where(eq(gemeenten.slug, registration.gemeenteSlug)),
  ]);
  const [assignable, related] = await Promise.all([
    assignableStaff(deps.db, registration.gemeenteSlug),
    relatedRegistrations(deps.db, registration),
  ]);
  return {
    registration,
    gemeenteName: gemeente?.name ?? registration.gemeenteSlug,
    item: item ?? null,
    notes,
    contacts,
    history,
    vog: vogChecklist(registration, vog),
    transitions: allowedTransitions(registration.kind, registration.status),
    assignable,
    related,
  };
}

function adultsOf(registration: { kind: string; details: unknown }): number {
  if (registration.kind !== 'steungezin') return 0;
  const n = (registration.details as SteungezinDetails).adultsInHousehold;
  return Number.isInteger(n) && n > 0 && n < 10 ? n : 1;
}

function vogChecklist(registration: { kind: string; details: unknown }, rows: (typeof inboxVogChecks.$inferSelect)[]) {
  return Array.from({ length: adultsOf(registration) }, (_, i) => {
    const row = rows.find((r) => r.adultNumber === i + 1);
    return { adultNumber: i + 1, requestedOn: row?.requestedOn ?? null, receivedOn: row?.receivedOn ?? null };
  });
}

/** Staff who work in this gemeente (its coordinators, regional staff of its region, backoffice), for the assignment menu. */
async function assignableStaff(db: DbOrTx, gemeente: string) {
  const coordinators = await db
    .select({ id: staffUsers.id, name: staffUsers.displayName })
    .from(staffUsers)
    .innerJoin(staffGemeenten, eq(staffGemeenten.staffId, staffUsers.id))
    .where(and(eq(staffGemeenten.gemeenteSlug, gemeente), isNull(staffUsers.disabledAt)));
  const regional = await db
    .select({ id: staffUsers.id, name: staffUsers.displayName })
    .from(staffUsers)
    .innerJoin(staffRegions, eq(staffRegions.staffId, staffUsers.id))
    .innerJoin(gemeenten, eq(gemeenten.region, staffRegions.region))
    .where(and(eq(gemeenten.slug, gemeente), isNull(staffUsers.disabledAt)));
  // The national office handles sign-ups too (docs/domain.md), so it can take one on anywhere.
  const backoffice = await db
    .select({ id: staffUsers.id, name: staffUsers.displayName })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, 'backoffice'), isNull(staffUsers.disabledAt)));
  const seen = new Map<string, string>();
  for (const s of [...coordinators, ...regional, ...backoffice]) seen.set(s.id, s.name);
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/** Other sign-ups in the same gemeente to link to: possible duplicates (same contact) and families for a referral. */
async function relatedRegistrations(db: DbOrTx, registration: typeof registrations.$inferSelect) {
  const sameContact = or(
    registration.contactEmail ? eq(registrations.contactEmail, registration.contactEmail) : sql`false`,
    registration.contactPhone ? eq(registrations.contactPhone, registration.contactPhone) : sql`false`,
  );
  const columns = {
    id: registrations.id,
    kind: registrations.kind,
    contactName: registrations.contactName,
    kern: registrations.kern,
    createdAt: registrations.createdAt,
    status: registrations.status,
  };
  const duplicates = await db
    .select(columns)
    .from(registrations)
    .where(
      and(
        eq(registrations.gemeenteSlug, registration.gemeenteSlug),
        ne(registrations.id, registration.id),
        sameContact,
      ),
    )
    .orderBy(desc(registrations.createdAt))
    .limit(20);
  const families =
    registration.kind === 'verwijzing'
      ? await db
          .select(columns)
          .from(registrations)
          .where(and(eq(registrations.gemeenteSlug, registration.gemeenteSlug), eq(registrations.kind, 'vraaggezin')))
          .orderBy(desc(registrations.createdAt))
          .limit(100)
      : [];
  const duplicateOf = registration.duplicateOfId
    ? ((await db.select(columns).from(registrations).where(eq(registrations.id, registration.duplicateOfId)))[0] ??
      null)
    : null;
  return { duplicates, families, duplicateOf };
}

// ---------------------------------------------------------------- changes

type ChangeContext = { tx: DbOrTx; registration: typeof registrations.$inferSelect; now: Date };

/** Runs one change in a transaction: load + check + change + history + audit + bump + my read marker. */
async function change<T>(
  deps: InboxDeps,
  ctx: StaffContext,
  id: string,
  action: StaffAction,
  apply: (c: ChangeContext) => Promise<{
    change: string;
    fromValue?: string | null;
    toValue?: string | null;
    detail?: Record<string, unknown>;
    result?: T;
  }>,
): Promise<T | undefined> {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const registration = await loadForStaff(tx, ctx, id, action, true);
    const done = await apply({ tx, registration, now });
    await tx.insert(inboxHistory).values({
      registrationId: id,
      staffId: ctx.staff.id,
      at: now,
      change: done.change,
      fromValue: done.fromValue ?? null,
      toValue: done.toValue ?? null,
      detail: done.detail ?? null,
    });
    await tx.update(registrations).set({ updatedAt: now }).where(eq(registrations.id, id));
    await markRead(tx, ctx.staff.id, id, now);
    await recordAudit(
      tx,
      auditActor(ctx),
      {
        action: `registration.${done.change}`,
        recordType: 'registration',
        recordId: id,
        gemeenteSlug: registration.gemeenteSlug,
        detail: { from: done.fromValue ?? null, to: done.toValue ?? null },
      },
      now,
    );
    return done.result;
  });
}

async function upsertItem(tx: DbOrTx, registrationId: string, set: Partial<typeof inboxItems.$inferInsert>) {
  await tx
    .insert(inboxItems)
    .values({ registrationId, ...set })
    .onConflictDoUpdate({ target: inboxItems.registrationId, set });
}

/**
 * Free text staff write about a family: a BSN is refused outright (never stored, docs/domain.md
 * "Privacy rules"); a diagnosis or health word needs a second "yes, the next step needs this"
 * (the note field asks for exactly that). `field` names the form field for the page.
 */
function checkStaffText(text: string, field: string, options: { healthConfirmed?: boolean; health?: boolean } = {}) {
  if (findBsn(text).length > 0) throw inboxError('inbox.bsn', { field });
  if (options.health === false || options.healthConfirmed) return;
  const words = findHealthWords(text);
  if (words.length > 0) {
    const named = words.slice(0, 3).join(', ');
    throw inboxError(
      'inbox.health_words',
      { field, words },
      `Je schrijft over een diagnose of over gezondheid (${named}). Schrijf dat alleen op als het nodig is voor de volgende stap. Is het nodig? Zet dan het vinkje en sla opnieuw op.`,
    );
  }
}

export async function changeStatus(
  deps: InboxDeps,
  ctx: StaffContext,
  id: string,
  input: { to: string; from?: string; note?: string },
) {
  await change(deps, ctx, id, 'record.write', async ({ tx, registration, now }) => {
    if (input.from && input.from !== registration.status) throw inboxError('inbox.stale_status');
    if (!allowedTransitions(registration.kind, registration.status).includes(input.to))
      throw inboxError('inbox.invalid_transition', { from: registration.status, to: input.to });
    const note = (input.note ?? '').trim().slice(0, 1000);
    // A short reason for a step ("verhuisd", "hulp via het wijkteam"): only the BSN rule applies.
    checkStaffText(note, 'statusNote', { health: false });
    if (EXIT_NOTE_REQUIRED[input.to] && !note)
      throw inboxError(
        'inbox.note_required',
        { to: input.to },
        `${EXIT_NOTE_REQUIRED[input.to]} Schrijf het kort in het veld bij deze stap.`,
      );
    if (input.to === 'approved') {
      const rows = await tx.select().from(inboxVogChecks).where(eq(inboxVogChecks.registrationId, id));
      if (vogChecklist(registration, rows).some((a) => !a.receivedOn)) throw inboxError('inbox.vog_incomplete');
    }
    await tx.update(registrations).set({ status: input.to }).where(eq(registrations.id, id));
    await upsertItem(tx, id, { statusNote: note || null, statusChangedAt: now });
    return { change: 'status', fromValue: registration.status, toValue: input.to, detail: note ? { note } : undefined };
  });
}

export async function assignRegistration(deps: InboxDeps, ctx: StaffContext, id: string, staffId: string | null) {
  await change(deps, ctx, id, 'record.write', async ({ tx, registration }) => {
    if (staffId !== null) {
      const allowed = await assignableStaff(tx, registration.gemeenteSlug);
      if (!allowed.some((s) => s.id === staffId))
        throw inboxError('inbox.invalid_input', { staffId }, 'Kies iemand die in deze gemeente werkt.');
    }
    const [item] = await tx.select().from(inboxItems).where(eq(inboxItems.registrationId, id));
    await upsertItem(tx, id, { assignedStaffId: staffId });
    return { change: 'assignment', fromValue: item?.assignedStaffId ?? null, toValue: staffId };
  });
}

export async function addNote(
  deps: InboxDeps,
  ctx: StaffContext,
  id: string,
  body: string,
  options: { healthConfirmed?: boolean } = {},
) {
  const text = body.trim();
  if (!text) throw inboxError('inbox.invalid_input', { field: 'note' }, 'Schrijf eerst iets in de notitie.');
  if (text.length > 5000)
    throw inboxError(
      'inbox.invalid_input',
      { field: 'note' },
      'Een notitie is hoogstens 5000 tekens. Maak er twee van.',
    );
  checkStaffText(text, 'note', options);
  await change(deps, ctx, id, 'record.help', async ({ tx, now }) => {
    const [note] = await tx
      .insert(inboxNotes)
      .values({ registrationId: id, authorId: ctx.staff.id, body: text, createdAt: now })
      .returning({ id: inboxNotes.id });
    return { change: 'note', toValue: note!.id };
  });
}

export async function addContact(
  deps: InboxDeps,
  ctx: StaffContext,
  id: string,
  input: { channel: string; contactedOn: string; summary?: string; healthConfirmed?: boolean },
) {
  if (!CONTACT_CHANNELS[input.channel])
    throw inboxError('inbox.invalid_input', { field: 'channel' }, 'Kies hoe je contact had.');
  const day = input.contactedOn.trim();
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T12:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day)
    throw inboxError(
      'inbox.invalid_input',
      { field: 'contactedOn' },
      'Vul een geldige datum in, bijvoorbeeld 2026-11-23.',
    );
  if (parsed.getTime() > deps.clock().getTime() + 36 * 60 * 60 * 1000)
    throw inboxError(
      'inbox.invalid_input',
      { field: 'contactedOn' },
      'De datum van een contact kan niet in de toekomst liggen.',
    );
  const summary = (input.summary ?? '').trim().slice(0, 2000) || null;
  if (summary) checkStaffText(summary, 'summary', { healthConfirmed: input.healthConfirmed });
  await change(deps, ctx, id, 'record.help', async ({ tx, now }) => {
    await tx.insert(inboxContacts).values({
      registrationId: id,
      authorId: ctx.staff.id,
      channel: input.channel,
      contactedOn: day,
      summary,
      createdAt: now,
    });
    return { change: 'contact', toValue: input.channel, detail: { on: day } };
  });
}

const PICK_FROM_LIST = 'Kies een aanmelding uit de lijst op deze pagina.';

/**
 * The other sign-up of a link. Unknown, out of reach and another gemeente all get the same 400
 * (the page itself exists; its existence is not revealed either way).
 */
async function loadOther(tx: DbOrTx, ctx: StaffContext, id: string) {
  try {
    return await loadForStaff(tx, ctx, id, 'record.read');
  } catch (error) {
    if (isAppError(error, 'access.not_found')) throw inboxError('inbox.invalid_input', {}, PICK_FROM_LIST);
    throw error;
  }
}

/** Marks this sign-up as a repeat of another in the same gemeente (or clears it with null). */
export async function markDuplicate(deps: InboxDeps, ctx: StaffContext, id: string, duplicateOfId: string | null) {
  await change(deps, ctx, id, 'record.write', async ({ tx, registration }) => {
    if (duplicateOfId !== null) {
      if (duplicateOfId === id)
        throw inboxError('inbox.invalid_input', {}, 'Een aanmelding kan geen dubbele van zichzelf zijn.');
      const other = await loadOther(tx, ctx, duplicateOfId);
      if (other.gemeenteSlug !== registration.gemeenteSlug) throw inboxError('inbox.invalid_input', {}, PICK_FROM_LIST);
    }
    await tx.update(registrations).set({ duplicateOfId }).where(eq(registrations.id, id));
    return { change: 'duplicate', fromValue: registration.duplicateOfId, toValue: duplicateOfId };
  });
}

/** Links a verwijzing to the vraaggezin sign-up it is about (same gemeente), or clears it. */
export async function linkFamily(deps: InboxDeps, ctx: StaffContext, id: string, familyId: string | null) {
  await change(deps, ctx, id, 'record.write', async ({ tx, registration }) => {
    if (registration.kind !== 'verwijzing')
      throw inboxError('inbox.invalid_input', {}, 'Alleen een verwijzing koppel je aan een gezin.');
    if (familyId !== null) {
      const family = await loadOther(tx, ctx, familyId);
      if (family.gemeenteSlug !== registration.gemeenteSlug)
        throw inboxError('inbox.invalid_input', {}, PICK_FROM_LIST);
      if (family.kind !== 'vraaggezin')
        throw inboxError('inbox.invalid_input', {}, 'Kies de aanmelding van een vraaggezin.');
    }
    const [item] = await tx.select().from(inboxItems).where(eq(inboxItems.registrationId, id));
    await upsertItem(tx, id, { familyRegistrationId: familyId });
    return { change: 'family', fromValue: item?.familyRegistrationId ?? null, toValue: familyId };
  });
}

/** The VOG checklist of a steungezin: one adult's requested/received dates. */
export async function setVogCheck(
  deps: InboxDeps,
  ctx: StaffContext,
  id: string,
  input: { adultNumber: number; requested: boolean; received: boolean },
) {
  await change(deps, ctx, id, 'record.write', async ({ tx, registration, now }) => {
    const adults = adultsOf(registration);
    if (
      registration.kind !== 'steungezin' ||
      !Number.isInteger(input.adultNumber) ||
      input.adultNumber < 1 ||
      input.adultNumber > adults
    ) {
      throw inboxError('inbox.invalid_input', {}, 'Deze VOG hoort niet bij deze aanmelding.');
    }
    const today = now.toISOString().slice(0, 10);
    const [existing] = await tx
      .select()
      .from(inboxVogChecks)
      .where(and(eq(inboxVogChecks.registrationId, id), eq(inboxVogChecks.adultNumber, input.adultNumber)));
    const requestedOn = input.requested || input.received ? (existing?.requestedOn ?? today) : null;
    const receivedOn = input.received ? (existing?.receivedOn ?? today) : null;
    await tx
      .insert(inboxVogChecks)
      .values({ registrationId: id, adultNumber: input.adultNumber, requestedOn, receivedOn })
      .onConflictDoUpdate({
        target: [inboxVogChecks.registrationId, inboxVogChecks.adultNumber],
        set: { requestedOn, receivedOn },
      });
    return {
      change: 'vog',
      toValue: receivedOn ? 'received' : requestedOn ? 'requested' : 'none',
      detail: { adult: input.adultNumber },
    };
  });
}
