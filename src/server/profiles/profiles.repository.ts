/**
 * The only code that reads or writes recruitment profiles (`profiles`). The family's sign-up,
 * the responses and the gemeente's name come from their own domains' repositories
 * (docs/architecture.md, "Domains own their tables").
 */
import { and, asc, desc, eq, inArray, notInArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import {
  type ProfileChild,
  type ProfileOverride,
  type ProfilePosting,
  type ProfileRow,
  type ProfileStatus,
  profileStatuses,
  profiles,
} from './profiles.table';

export type { ProfileChild, ProfileOverride, ProfilePosting, ProfileRow, ProfileStatus };
export { profileStatuses };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only published profiles are public: a matched family's story goes offline at once (decision 022). */
const publicCondition: SQL = sql`${profiles.status} = 'published'`;

export function createProfilesRepository({ db }: { db: DbOrTx }) {
  return {
    /** `lock` holds the row for the caller's transaction (changes to one profile happen one at a time). */
    async getById(id: string, { lock = false } = {}): Promise<ProfileRow | undefined> {
      if (!UUID.test(id)) return undefined;
      const query = db.select().from(profiles).where(eq(profiles.id, id));
      const [row] = lock ? await query.for('update') : await query;
      return row;
    },

    /** id -> title for these profiles (the audit log names them). */
    async titlesByIds(ids: readonly string[]): Promise<Map<string, string>> {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map();
      const rows = await db
        .select({ id: profiles.id, title: profiles.title })
        .from(profiles)
        .where(inArray(profiles.id, unique));
      return new Map(rows.map((row) => [row.id, row.title]));
    },

    async insert(values: typeof profiles.$inferInsert): Promise<{ id: string }> {
      const [row] = await db.insert(profiles).values(values).returning({ id: profiles.id });
      return row!;
    },

    async update(id: string, set: Partial<Omit<ProfileRow, 'id' | 'registrationId' | 'gemeenteSlug'>>) {
      await db.update(profiles).set(set).where(eq(profiles.id, id));
    },

    /** What matching needs of a family's profiles (days, sleep-overs, children, posts), oldest first. */
    async listForMatching(registrationId: string) {
      return db
        .select({
          id: profiles.id,
          status: profiles.status,
          days: profiles.days,
          sleepovers: profiles.sleepovers,
          children: profiles.children,
          postings: profiles.postings,
        })
        .from(profiles)
        .where(eq(profiles.registrationId, registrationId))
        .orderBy(asc(profiles.createdAt))
        .limit(20);
    },

    /** The family found a steungezin: its published profiles become matched. Returns them. */
    async markMatchedForRegistration(registrationId: string, at: Date) {
      return db
        .update(profiles)
        .set({ status: 'matched', matchedAt: at, updatedAt: at })
        .where(and(eq(profiles.registrationId, registrationId), eq(profiles.status, 'published')))
        .returning({ id: profiles.id, gemeenteSlug: profiles.gemeenteSlug });
    },

    /** The profiles written for one family's sign-up. */
    async listForRegistration(registrationId: string) {
      return db
        .select({ id: profiles.id, status: profiles.status, title: profiles.title })
        .from(profiles)
        .where(eq(profiles.registrationId, registrationId));
    },

    /**
     * For a sign-up's page: the profiles of a vraaggezin, or the profile a steungezin responded
     * to; newest first.
     */
    async listLinkedTo(registration: { id: string; kind: string; profileId: string | null }) {
      const where =
        registration.kind === 'vraaggezin'
          ? eq(profiles.registrationId, registration.id)
          : registration.profileId
            ? eq(profiles.id, registration.profileId)
            : undefined;
      if (!where) return [];
      return db
        .select({ id: profiles.id, title: profiles.title, status: profiles.status })
        .from(profiles)
        .where(where)
        .orderBy(desc(profiles.createdAt))
        .limit(20);
    },

    /** The coordinator's list: published first, then drafts, matched, withdrawn; recently changed first. */
    async listForStaff(filter: { gemeenten: string[] | null; status?: ProfileStatus }) {
      return db
        .select()
        .from(profiles)
        .where(
          and(
            filter.gemeenten ? inArray(profiles.gemeenteSlug, filter.gemeenten) : undefined,
            filter.status ? eq(profiles.status, filter.status) : undefined,
          ),
        )
        .orderBy(
          asc(
            sql`case ${profiles.status} when 'published' then 0 when 'draft' then 1 when 'matched' then 2 else 3 end`,
          ),
          desc(profiles.updatedAt),
        )
        .limit(500);
    },

    /**
     * What the public sees: published profiles, newest first; optionally of one gemeente, never
     * of the `excludedGemeenten`.
     */
    async listPublic(filter: { gemeente?: string; excludedGemeenten: string[] }) {
      return db
        .select()
        .from(profiles)
        .where(
          and(
            publicCondition,
            filter.gemeente ? eq(profiles.gemeenteSlug, filter.gemeente) : undefined,
            filter.excludedGemeenten.length ? notInArray(profiles.gemeenteSlug, filter.excludedGemeenten) : undefined,
          ),
        )
        .orderBy(desc(profiles.publishedAt))
        .limit(500);
    },

    /** One profile of a gemeente and whether the public may see it now. */
    async findInGemeente(id: string, gemeente: string) {
      if (!UUID.test(id)) return undefined;
      const [row] = await db
        .select({ profile: profiles, isPublic: sql<boolean>`${publicCondition}` })
        .from(profiles)
        .where(and(eq(profiles.id, id), eq(profiles.gemeenteSlug, gemeente)));
      return row;
    },
  };
}
