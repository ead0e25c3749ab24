/**
 * The only code that reads or writes sign-ups (`registrations`). The inbox, profiles, search and
 * the digest ask here, inside their own transaction when they change something
 * (docs/architecture.md, "Domains own their tables"). The pipeline status is the inbox's to
 * decide; it is stored here and written with setStatus.
 */

import { randomUUID } from 'node:crypto';
import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  ilike,
  inArray,
  isNull,
  lte,
  ne,
  notInArray,
  or,
  type SQL,
  type SQLWrapper,
  sql,
} from 'drizzle-orm';
import type { RegistrationKind } from '~/lib/registration.types';
import { accessError } from '~/server/access/access.errors';
import { requireStaff, type StaffAction, type StaffContext } from '~/server/access/permissions';
import { anyUuid } from '~/server/db/columns.helpers';
import type { DbOrTx } from '~/server/db/db';
import { insertRows } from '~/server/db/insert-rows';
import { type NewRegistrationRow, type RegistrationRow, registrations } from './registrations.table';

export type { NewRegistrationRow, RegistrationRow };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The columns a list of other sign-ups shows (links, responses, families to choose from). */
const summary = {
  id: registrations.id,
  kind: registrations.kind,
  contactName: registrations.contactName,
  kern: registrations.kern,
  createdAt: registrations.createdAt,
  status: registrations.status,
  duplicateOfId: registrations.duplicateOfId,
};
export type RegistrationSummary = { [K in keyof typeof summary]: RegistrationRow[K] };

const LOCK_KEYS = [
  'select pg_advisory_xact_lock(hashtextextended(key, 0)) from jsonb_array_elements_text(',
  '::jsonb) with ordinality as k(key, n) order by n',
].map((text) => sql.raw(text));
/**
 * The latest earlier sign-up with the same e-mail address or phone number: one branch per contact
 * field, so each is a walk down its own partial index (gemeente, kind, contact, created_at) from
 * the newest end. Written with OR, the plan filtered every sign-up of the gemeente and kind
 * (1 ms at 3,500, growing with the table).
 */
const EARLIER = [
  '(select id, duplicate_of_id, created_at from registrations where gemeente_slug = ',
  ' and kind = ',
  ' and created_at > ',
  '::timestamptz and contact_email = ',
  ' order by created_at desc limit 1) union all (select id, duplicate_of_id, created_at from registrations where gemeente_slug = ',
  ' and kind = ',
  ' and created_at > ',
  '::timestamptz and contact_phone = ',
  ' order by created_at desc limit 1) order by created_at desc limit 1',
].map((text) => sql.raw(text));

export function createRegistrationsRepository({ db }: { db: DbOrTx }) {
  async function getById(id: string, { lock = false } = {}): Promise<RegistrationRow | undefined> {
    if (!UUID.test(id)) return undefined;
    const query = db.select().from(registrations).where(eq(registrations.id, id));
    const [row] = lock ? await query.for('update') : await query;
    return row;
  }

  return {
    getById,

    /**
     * Loads a sign-up for a staff member and checks `action` for its gemeente. An unknown id and
     * one out of reach are the same `access.not_found` (its existence is not revealed). `lock`
     * holds the row for the caller's transaction (changes to one sign-up happen one at a time).
     */
    async getForStaff(ctx: StaffContext, id: string, action: StaffAction, { lock = false } = {}) {
      const row = await getById(id, { lock });
      if (!row) throw accessError('access.not_found');
      requireStaff(ctx, { action, gemeente: row.gemeenteSlug });
      return row;
    },

    /**
     * Serialises sign-ups for the same contact (advisory locks on `lockKeys`, held until the
     * caller's transaction ends), so two simultaneous repeats cannot both miss each other, then
     * finds the original of an earlier sign-up with the same contact, gemeente and kind since
     * `since`. The two statements are sent together, the lock first (issue 18: one round trip):
     * PostgreSQL runs them one after the other on the transaction's connection, so the search
     * starts, and takes its snapshot, only once the lock is held.
     */
    async lockContactAndFindRecent(
      lockKeys: string[],
      input: {
        gemeenteSlug: string;
        kind: RegistrationKind;
        email: string | null;
        phone: string | null;
        since: Date;
      },
    ): Promise<{ originalId: string } | undefined> {
      const sorted = [...new Set(lockKeys)].sort();
      if (sorted.length === 0 || (!input.email && !input.phone)) return undefined;
      // Both statements written out once (issue 18, docs/decisions/035-prepared-statements.md):
      // the keys as one JSON parameter, in this order (PostgreSQL calls a volatile function in
      // the select list after the ORDER BY), so two sign-ups never wait for each other crosswise.
      const lock = db.execute(sql`${LOCK_KEYS[0]}${JSON.stringify(sorted)}${LOCK_KEYS[1]}`);
      // A missing e-mail address or phone number is null, and `= null` matches nothing.
      const since = input.since.toISOString();
      const earlier = db.execute<{ id: string; duplicate_of_id: string | null }>(
        sql`${EARLIER[0]}${input.gemeenteSlug}${EARLIER[1]}${input.kind}${EARLIER[2]}${since}${EARLIER[3]}${input.email}${EARLIER[4]}${input.gemeenteSlug}${EARLIER[5]}${input.kind}${EARLIER[6]}${since}${EARLIER[7]}${input.phone}${EARLIER[8]}`,
      );
      // Promise.all starts them in this order; the lock's failure fails the whole.
      const [, [row]] = await Promise.all([lock, earlier]);
      // Point every repeat at the first sign-up, not at the previous repeat.
      return row ? { originalId: row.duplicate_of_id ?? row.id } : undefined;
    },

    /** Stores one sign-up; its id is made here when not given (one statement, no read back). */
    async insert(values: NewRegistrationRow): Promise<{ id: string }> {
      const id = values.id ?? randomUUID();
      await insertRows(db, registrations, [{ ...values, id }]);
      return { id };
    },

    /** Several sign-ups by id with what lists of koppelingen show (one array parameter, also for thousands). */
    async listByIds(ids: readonly string[]) {
      if (ids.length === 0) return [];
      return db
        .select({
          id: registrations.id,
          kind: registrations.kind,
          gemeenteSlug: registrations.gemeenteSlug,
          kern: registrations.kern,
          contactName: registrations.contactName,
          status: registrations.status,
          profileId: registrations.profileId,
          createdAt: registrations.createdAt,
          /** Whether a mail can reach them (the address itself stays in the record). */
          hasEmail: sql<boolean>`${registrations.contactEmail} is not null`,
        })
        .from(registrations)
        .where(anyUuid(registrations.id, ids));
    },

    /** Vraaggezinnen per kern (as written) in some statuses: the waiting list of the progress report. */
    async countPerKern(gemeenteSlug: string, statuses: readonly string[]) {
      return db
        .select({ kern: registrations.kern, families: sql<number>`count(*)::int` })
        .from(registrations)
        .where(
          and(
            eq(registrations.gemeenteSlug, gemeenteSlug),
            eq(registrations.kind, 'vraaggezin'),
            inArray(registrations.status, [...statuses]),
            isNull(registrations.duplicateOfId),
          ),
        )
        .groupBy(registrations.kern);
    },

    /**
     * Every sign-up of a kind in a gemeente with its contact data: the import looks for likely
     * duplicates and for the families a koppeling names (src/server/import).
     */
    async listContactsOfKind(gemeenteSlug: string, kind: RegistrationKind) {
      return db
        .select({
          id: registrations.id,
          contactName: registrations.contactName,
          contactPhone: registrations.contactPhone,
          contactEmail: registrations.contactEmail,
          createdAt: registrations.createdAt,
          status: registrations.status,
        })
        .from(registrations)
        .where(and(eq(registrations.gemeenteSlug, gemeenteSlug), eq(registrations.kind, kind)));
    },

    /** The contact columns an import may change (a changed row of the coordinator's spreadsheet). */
    async updateContact(
      id: string,
      set: Pick<NewRegistrationRow, 'contactName' | 'contactPhone' | 'contactEmail' | 'kern' | 'postcode'>,
    ) {
      await db.update(registrations).set(set).where(eq(registrations.id, id));
    },

    /** Deletes sign-ups and, by cascade, everything that hangs on them (an import taken back). */
    async removeMany(ids: readonly string[]) {
      if (ids.length) await db.delete(registrations).where(anyUuid(registrations.id, ids));
    },

    /** Several at once (demo content). */
    async insertMany(rows: NewRegistrationRow[]) {
      if (rows.length) await db.insert(registrations).values(rows);
    },

    /** The pipeline status (the inbox decides which changes are allowed). */
    async setStatus(id: string, status: string) {
      await db.update(registrations).set({ status }).where(eq(registrations.id, id));
    },

    /** Marks a repeat sign-up (or clears it with null). */
    async setDuplicateOf(id: string, duplicateOfId: string | null) {
      await db.update(registrations).set({ duplicateOfId }).where(eq(registrations.id, id));
    },

    /**
     * For the retention job (privacy): sign-ups without any change since `idleBefore`, oldest
     * first, at most `limit` (the job asks the other domains about these few only).
     */
    async idleSince(idleBefore: Date, limit: number, after?: { updatedAt: Date; id: string }) {
      const next = after
        ? or(
            gt(registrations.updatedAt, after.updatedAt),
            and(eq(registrations.updatedAt, after.updatedAt), gt(registrations.id, after.id)),
          )
        : undefined;
      return db
        .select({
          id: registrations.id,
          kind: registrations.kind,
          gemeenteSlug: registrations.gemeenteSlug,
          updatedAt: registrations.updatedAt,
        })
        .from(registrations)
        .where(and(lte(registrations.updatedAt, idleBefore), next))
        .orderBy(asc(registrations.updatedAt), asc(registrations.id))
        .limit(limit);
    },

    /**
     * Locks one sign-up for deletion and returns what the deletion needs to find derived data
     * (outbox rows, mail files): undefined when it is gone or another instance holds it.
     */
    async lockForDeletion(id: string) {
      const [row] = await db
        .select({
          id: registrations.id,
          kind: registrations.kind,
          gemeenteSlug: registrations.gemeenteSlug,
          updatedAt: registrations.updatedAt,
          contactEmail: registrations.contactEmail,
          details: registrations.details,
        })
        .from(registrations)
        .where(eq(registrations.id, id))
        .for('update', { skipLocked: true });
      return row;
    },

    /** Whether another sign-up than `exceptId` uses this e-mail address (a shared family address). */
    /**
     * Sign-ups whose OWN contact address is `email` (any case) or whose own phone is `phone`
     * (normalised), oldest first: /mijn-gegevens (privacy.requests.ts). A referrer's address in
     * `details` never matches.
     */
    async withOwnContact(contact: { email?: string | null; phone?: string | null }) {
      const conditions: SQL[] = [];
      if (contact.email) conditions.push(sql`lower(${registrations.contactEmail}) = ${contact.email.toLowerCase()}`);
      if (contact.phone) conditions.push(eq(registrations.contactPhone, contact.phone));
      if (conditions.length === 0) return [];
      return db
        .select()
        .from(registrations)
        .where(and(...conditions))
        .orderBy(asc(registrations.createdAt));
    },

    async emailUsedByOthers(email: string, exceptId: string) {
      const [row] = await db
        .select({ id: registrations.id })
        .from(registrations)
        .where(and(eq(registrations.contactEmail, email), ne(registrations.id, exceptId)))
        .limit(1);
      return row !== undefined;
    },

    /**
     * Deletes the sign-up; the database cascades to everything that hangs off it (inbox, profiles,
     * screening, koppelingen, search document, holds), the search trigger queues the external
     * index's deletion. See docs/privacy/register.md.
     */
    async deleteById(id: string) {
      const deleted = await db
        .delete(registrations)
        .where(eq(registrations.id, id))
        .returning({ id: registrations.id });
      return deleted.length === 1;
    },

    /** Something about this sign-up changed (its unread markers go on for others). */
    async touch(id: string, at: Date) {
      await db.update(registrations).set({ updatedAt: at }).where(eq(registrations.id, id));
    },

    /**
     * One page of sign-ups, newest first (keyset on created_at, id). `gemeenten` null is every
     * gemeente; `ids` narrows to these sign-ups: a list, or a subquery another repository offers
     * (e.g. inbox.assignedTo(staffId): the ones assigned to me); `alsoIn` narrows further to a
     * list (e.g. the families whose evaluation is overdue).
     */
    async listPage(filter: {
      gemeenten: string[] | null;
      kind?: RegistrationKind;
      status?: string;
      ids?: string[] | SQLWrapper;
      /** Leave these gemeenten out (e.g. the ones that have a coordinator). */
      excludeGemeenten?: string[];
      alsoIn?: readonly string[];
      /** Leave these out: another domain's subquery (e.g. the referrals the parents confirmed). */
      notIn?: SQLWrapper;
      after?: { createdAt: Date; id: string };
      limit: number;
    }) {
      const conditions: (SQL | undefined)[] = [
        filter.gemeenten ? inArray(registrations.gemeenteSlug, filter.gemeenten) : undefined,
        filter.kind ? eq(registrations.kind, filter.kind) : undefined,
        filter.status ? eq(registrations.status, filter.status) : undefined,
        filter.ids
          ? Array.isArray(filter.ids)
            ? anyUuid(registrations.id, filter.ids)
            : inArray(registrations.id, filter.ids as SQLWrapper)
          : undefined,
        // One array parameter: the list can hold thousands of ids ('evaluatie te laat' for the national office).
        filter.alsoIn ? anyUuid(registrations.id, filter.alsoIn) : undefined,
        filter.notIn ? notInArray(registrations.id, filter.notIn) : undefined,
        filter.excludeGemeenten?.length ? notInArray(registrations.gemeenteSlug, filter.excludeGemeenten) : undefined,
        // Row comparison, so PostgreSQL walks the (created_at desc, id desc) index from the cursor.
        filter.after
          ? sql`(${registrations.createdAt}, ${registrations.id}) < (${filter.after.createdAt.toISOString()}::timestamptz, ${filter.after.id}::uuid)`
          : undefined,
      ];
      return db
        .select({
          id: registrations.id,
          kind: registrations.kind,
          gemeenteSlug: registrations.gemeenteSlug,
          kern: registrations.kern,
          contactName: registrations.contactName,
          // For the repeat markers only (sameContactAmong); the list does not show them.
          contactEmail: registrations.contactEmail,
          contactPhone: registrations.contactPhone,
          details: registrations.details,
          duplicateOfId: registrations.duplicateOfId,
          contactPromise: registrations.contactPromise,
          status: registrations.status,
          createdAt: registrations.createdAt,
          updatedAt: registrations.updatedAt,
          /** Came from a coordinator's spreadsheet (src/server/import records the consent purpose 'import'). */
          imported: sql<boolean>`${registrations.consents} @> '[{"purpose":"import"}]'::jsonb`,
        })
        .from(registrations)
        .where(and(...conditions))
        .orderBy(desc(registrations.createdAt), desc(registrations.id))
        .limit(filter.limit);
    },

    /**
     * For each of these sign-ups, the other sign-ups in the same gemeente with the same phone
     * number or e-mail address (any kind, any time), oldest first: repeats the 24-hour check at
     * sign-up did not catch, or a referral and the family's own sign-up.
     */
    async sameContactAmong(
      rows: readonly Pick<RegistrationRow, 'id' | 'gemeenteSlug' | 'contactEmail' | 'contactPhone'>[],
      perRow = 5,
    ): Promise<Map<string, { id: string; createdAt: Date }[]>> {
      const phones = [...new Set(rows.map((row) => row.contactPhone).filter((v): v is string => !!v))];
      const emails = [...new Set(rows.map((row) => row.contactEmail).filter((v): v is string => !!v))];
      const out = new Map<string, { id: string; createdAt: Date }[]>();
      if (phones.length === 0 && emails.length === 0) return out;
      const candidates = await db
        .select({
          id: registrations.id,
          gemeenteSlug: registrations.gemeenteSlug,
          contactEmail: registrations.contactEmail,
          contactPhone: registrations.contactPhone,
          createdAt: registrations.createdAt,
        })
        .from(registrations)
        .where(
          and(
            inArray(registrations.gemeenteSlug, [...new Set(rows.map((row) => row.gemeenteSlug))]),
            or(
              phones.length ? inArray(registrations.contactPhone, phones) : undefined,
              emails.length ? inArray(registrations.contactEmail, emails) : undefined,
            ),
          ),
        )
        .orderBy(asc(registrations.createdAt))
        .limit(rows.length * (perRow + 1) * 4);
      for (const row of rows) {
        const same = candidates.filter(
          (other) =>
            other.id !== row.id &&
            other.gemeenteSlug === row.gemeenteSlug &&
            ((!!row.contactPhone && other.contactPhone === row.contactPhone) ||
              (!!row.contactEmail && other.contactEmail === row.contactEmail)),
        );
        if (same.length)
          out.set(
            row.id,
            same.slice(0, perRow).map(({ id, createdAt }) => ({ id, createdAt })),
          );
      }
      return out;
    },

    /** Sign-ups whose contact name contains `name` (any case), newest first: the audit log's filter by person. */
    async idsMatchingName(name: string, limit: number): Promise<string[]> {
      const pattern = `%${name.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      const rows = await db
        .select({ id: registrations.id })
        .from(registrations)
        .where(ilike(registrations.contactName, pattern))
        .orderBy(desc(registrations.createdAt))
        .limit(limit);
      return rows.map((row) => row.id);
    },

    /** id -> summary for these sign-ups (ids that do not exist are left out). */
    async summariesByIds(ids: readonly string[]): Promise<Map<string, RegistrationSummary>> {
      const unique = [...new Set(ids)].filter((id) => UUID.test(id));
      if (unique.length === 0) return new Map();
      const rows = await db.select(summary).from(registrations).where(inArray(registrations.id, unique));
      return new Map(rows.map((row) => [row.id, row]));
    },

    /** referral id -> the organisation of its referrer (for referrals among these ids). */
    async referrerOrganisations(ids: readonly string[]): Promise<Map<string, string>> {
      const unique = [...new Set(ids)].filter((id) => UUID.test(id));
      if (unique.length === 0) return new Map();
      const rows = await db
        .select({
          id: registrations.id,
          organisation: sql<string>`${registrations.details}->'referrer'->>'organisationName'`,
        })
        .from(registrations)
        .where(and(inArray(registrations.id, unique), eq(registrations.kind, 'verwijzing')));
      return new Map(rows.map((row) => [row.id, row.organisation]));
    },

    async getSummary(id: string): Promise<RegistrationSummary | null> {
      const [row] = await db.select(summary).from(registrations).where(eq(registrations.id, id));
      return row ?? null;
    },

    /** Other sign-ups in the same gemeente with the same e-mail address or phone (possible repeats). */
    async listSameContact(registration: RegistrationRow, limit: number): Promise<RegistrationSummary[]> {
      const contact: SQL[] = [];
      if (registration.contactEmail) contact.push(eq(registrations.contactEmail, registration.contactEmail));
      if (registration.contactPhone) contact.push(eq(registrations.contactPhone, registration.contactPhone));
      if (contact.length === 0) return [];
      return db
        .select(summary)
        .from(registrations)
        .where(
          and(
            eq(registrations.gemeenteSlug, registration.gemeenteSlug),
            ne(registrations.id, registration.id),
            or(...contact),
          ),
        )
        .orderBy(desc(registrations.createdAt))
        .limit(limit);
    },

    /** The newest sign-ups of one kind in a gemeente. */
    async listOfKind(gemeenteSlug: string, kind: RegistrationKind, limit: number): Promise<RegistrationSummary[]> {
      return db
        .select(summary)
        .from(registrations)
        .where(and(eq(registrations.gemeenteSlug, gemeenteSlug), eq(registrations.kind, kind)))
        .orderBy(desc(registrations.createdAt))
        .limit(limit);
    },

    /** Steungezinnen who responded to a recruitment profile, newest first. */
    async listResponsesTo(profileId: string, limit: number): Promise<RegistrationSummary[]> {
      return db
        .select(summary)
        .from(registrations)
        .where(and(eq(registrations.profileId, profileId), eq(registrations.kind, 'steungezin')))
        .orderBy(desc(registrations.createdAt))
        .limit(limit);
    },

    /** profile id -> number of steungezinnen who responded to it. */
    async countResponses(profileIds: string[]): Promise<Map<string, number>> {
      if (profileIds.length === 0) return new Map();
      const rows = await db
        .select({ profileId: registrations.profileId, responses: count() })
        .from(registrations)
        .where(and(eq(registrations.kind, 'steungezin'), inArray(registrations.profileId, profileIds)))
        .groupBy(registrations.profileId);
      return new Map(rows.map((row) => [row.profileId!, row.responses]));
    },

    /** gemeente slug -> sign-ups that arrived after `since` and at or before `until`. */
    async countArrivals(gemeenten: string[], since: Date, until: Date): Promise<Map<string, number>> {
      if (gemeenten.length === 0) return new Map();
      const rows = await db
        .select({ gemeenteSlug: registrations.gemeenteSlug, arrivals: count() })
        .from(registrations)
        .where(
          and(
            inArray(registrations.gemeenteSlug, gemeenten),
            gt(registrations.createdAt, since),
            lte(registrations.createdAt, until),
          ),
        )
        .groupBy(registrations.gemeenteSlug);
      return new Map(rows.map((row) => [row.gemeenteSlug, row.arrivals]));
    },

    /** The first sign-up of a gemeente with this e-mail address (demo content builds on it). */
    async findFirstWithEmail(gemeenteSlug: string, email: string): Promise<RegistrationRow | undefined> {
      const [row] = await db
        .select()
        .from(registrations)
        .where(and(eq(registrations.gemeenteSlug, gemeenteSlug), eq(registrations.contactEmail, email)))
        .orderBy(asc(registrations.createdAt))
        .limit(1);
      return row;
    },

    /** Every id, in pages of `size` (keyset), so a full reindex keeps memory flat. */
    async *pagesOfIds(size: number): AsyncGenerator<string[]> {
      let after: string | undefined;
      for (;;) {
        const rows = await db
          .select({ id: registrations.id })
          .from(registrations)
          .where(after ? gt(registrations.id, after) : undefined)
          .orderBy(asc(registrations.id))
          .limit(size);
        if (rows.length === 0) return;
        yield rows.map((row) => row.id);
        after = rows.at(-1)!.id;
      }
    },
  };
}
