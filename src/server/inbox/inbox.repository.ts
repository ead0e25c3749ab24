/**
 * The only code that reads or writes the coordinator's working state of a sign-up: assignment
 * and status note (`inbox_items`), notes, contact moments, VOG checks, history and read markers.
 * The sign-up itself is the registrations domain's (registrations.repository.ts); staff names
 * come from staff.repository.ts. See docs/architecture.md, "Domains own their tables".
 */
import { and, desc, eq, inArray, type SQLWrapper, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import { inboxContacts, inboxHistory, inboxItems, inboxNotes, inboxReads } from './inbox.table';

export type InboxItem = typeof inboxItems.$inferSelect;
export type HistoryChange = Omit<typeof inboxHistory.$inferInsert, 'id'>;

/**
 * Ties on the time (two entries in the same millisecond, as with a test clock) keep the order of
 * writing: these tables are append-only, so the physical row order is the insertion order.
 */
const newestWrittenFirst = sql`ctid desc`;

export function createInboxRepository({ db }: { db: DbOrTx }) {
  return {
    async getItem(registrationId: string): Promise<InboxItem | undefined> {
      const [row] = await db.select().from(inboxItems).where(eq(inboxItems.registrationId, registrationId));
      return row;
    },

    /** Creates the working state on first use, or changes the given columns. */
    async upsertItem(registrationId: string, set: Partial<Omit<InboxItem, 'registrationId'>>) {
      await db
        .insert(inboxItems)
        .values({ registrationId, ...set })
        .onConflictDoUpdate({ target: inboxItems.registrationId, set });
    },

    async itemsFor(registrationIds: string[]): Promise<Map<string, InboxItem>> {
      if (registrationIds.length === 0) return new Map();
      const rows = await db.select().from(inboxItems).where(inArray(inboxItems.registrationId, registrationIds));
      return new Map(rows.map((row) => [row.registrationId, row]));
    },

    /** family sign-up id -> the referrals linked to it (inbox_items.family_registration_id). */
    async referralsOf(familyIds: readonly string[]): Promise<Map<string, string[]>> {
      if (familyIds.length === 0) return new Map();
      const rows = await db
        .select({ referralId: inboxItems.registrationId, familyId: inboxItems.familyRegistrationId })
        .from(inboxItems)
        .where(inArray(inboxItems.familyRegistrationId, [...familyIds]));
      const out = new Map<string, string[]>();
      for (const row of rows) out.set(row.familyId!, [...(out.get(row.familyId!) ?? []), row.referralId]);
      return out;
    },

    /**
     * The sign-ups assigned to this staff member, as a subquery for another repository to filter
     * on (`id in (…)`): one statement, no list of ids in memory (a backoffice member may have
     * tens of thousands). Not awaited: it is SQL, run as part of the other query.
     */
    assignedTo(staffId: string): SQLWrapper {
      return db
        .select({ id: inboxItems.registrationId })
        .from(inboxItems)
        .where(eq(inboxItems.assignedStaffId, staffId));
    },

    /** registration id -> when this staff member last opened it. */
    async readMarkers(staffId: string, registrationIds: string[]): Promise<Map<string, Date>> {
      if (registrationIds.length === 0) return new Map();
      const rows = await db
        .select()
        .from(inboxReads)
        .where(and(eq(inboxReads.staffId, staffId), inArray(inboxReads.registrationId, registrationIds)));
      return new Map(rows.map((row) => [row.registrationId, row.readAt]));
    },

    async markRead(staffId: string, registrationId: string, at: Date) {
      await db
        .insert(inboxReads)
        .values({ staffId, registrationId, readAt: at })
        .onConflictDoUpdate({ target: [inboxReads.registrationId, inboxReads.staffId], set: { readAt: at } });
    },

    /** Newest first. */
    async listNotes(registrationId: string) {
      return db
        .select()
        .from(inboxNotes)
        .where(eq(inboxNotes.registrationId, registrationId))
        .orderBy(desc(inboxNotes.createdAt), newestWrittenFirst);
    },

    async insertNote(values: { registrationId: string; authorId: string | null; body: string; createdAt: Date }) {
      const [row] = await db.insert(inboxNotes).values(values).returning({ id: inboxNotes.id });
      return row!;
    },

    /** Newest contact date first. */
    async listContacts(registrationId: string) {
      return db
        .select()
        .from(inboxContacts)
        .where(eq(inboxContacts.registrationId, registrationId))
        .orderBy(desc(inboxContacts.contactedOn), desc(inboxContacts.createdAt));
    },

    async insertContact(values: Omit<typeof inboxContacts.$inferInsert, 'id'>) {
      await db.insert(inboxContacts).values(values);
    },

    /** Newest first. */
    async listHistory(registrationId: string) {
      return db
        .select()
        .from(inboxHistory)
        .where(eq(inboxHistory.registrationId, registrationId))
        .orderBy(desc(inboxHistory.at), newestWrittenFirst);
    },

    async insertHistory(values: HistoryChange) {
      await db.insert(inboxHistory).values(values);
    },

    /** Several history lines in one statement (an import of thousands of sign-ups). */
    async insertHistoryMany(rows: HistoryChange[]) {
      if (rows.length) await db.insert(inboxHistory).values(rows);
    },
  };
}
