/**
 * The only code that reads and writes the screening tables. Every function works on the
 * database or transaction it was made with, so a caller (a use case, the importer of issue 19)
 * can do several things in one transaction: `createScreeningRepository({ db: tx })`.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import { anyUuid } from '~/server/db/columns.helpers';
import type { DbOrTx } from '~/server/db/db';
import { screeningHistory, screeningIntakes, screeningVogs, steungezinScreenings } from './screening.table';

export type { CompetenceCheck } from './screening.table';
export type ScreeningRow = typeof steungezinScreenings.$inferSelect;
export type NewScreening = typeof steungezinScreenings.$inferInsert;
export type IntakeRow = typeof screeningIntakes.$inferSelect;
export type VogRow = typeof screeningVogs.$inferSelect;

export function createScreeningRepository({ db }: { db: DbOrTx }) {
  return {
    /** For the retention job (privacy): the last change of each steungezin's screening among these. */
    async lastChanges(registrationIds: readonly string[]) {
      if (registrationIds.length === 0) return new Map<string, Date>();
      const rows = await db
        .select({ id: steungezinScreenings.registrationId, at: steungezinScreenings.updatedAt })
        .from(steungezinScreenings)
        .where(inArray(steungezinScreenings.registrationId, [...registrationIds]));
      return new Map(rows.map((row) => [row.id, row.at]));
    },

    async find(registrationId: string, lock = false): Promise<ScreeningRow | undefined> {
      const query = db
        .select()
        .from(steungezinScreenings)
        .where(eq(steungezinScreenings.registrationId, registrationId));
      const [row] = lock ? await query.for('update') : await query;
      return row;
    },

    /** Makes the screening (with its VOG rows) unless it exists; returns the row either way. */
    async create(values: NewScreening, adults: number): Promise<ScreeningRow> {
      await db.insert(steungezinScreenings).values(values).onConflictDoNothing();
      if (adults > 0)
        await db
          .insert(screeningVogs)
          .values(
            Array.from({ length: adults }, (_, i) => ({ registrationId: values.registrationId, adultNumber: i + 1 })),
          )
          .onConflictDoNothing();
      const [row] = await db
        .select()
        .from(steungezinScreenings)
        .where(eq(steungezinScreenings.registrationId, values.registrationId))
        .for('update');
      return row!;
    },

    /** Several screenings with their VOG rows in two statements (an import of thousands of steungezinnen). */
    async createMany(values: NewScreening[], vogs: (typeof screeningVogs.$inferInsert)[]) {
      if (values.length) await db.insert(steungezinScreenings).values(values).onConflictDoNothing();
      if (vogs.length) await db.insert(screeningVogs).values(vogs).onConflictDoNothing();
    },

    async findMany(registrationIds: readonly string[]): Promise<ScreeningRow[]> {
      if (registrationIds.length === 0) return [];
      return db
        .select()
        .from(steungezinScreenings)
        .where(anyUuid(steungezinScreenings.registrationId, registrationIds));
    },

    async update(registrationId: string, set: Partial<NewScreening>) {
      await db.update(steungezinScreenings).set(set).where(eq(steungezinScreenings.registrationId, registrationId));
    },

    async intakes(registrationId: string): Promise<IntakeRow[]> {
      return db
        .select()
        .from(screeningIntakes)
        .where(eq(screeningIntakes.registrationId, registrationId))
        .orderBy(asc(screeningIntakes.number));
    },

    async saveIntake(values: typeof screeningIntakes.$inferInsert) {
      const { registrationId: _r, number: _n, ...set } = values;
      await db
        .insert(screeningIntakes)
        .values(values)
        .onConflictDoUpdate({ target: [screeningIntakes.registrationId, screeningIntakes.number], set });
    },

    async vogs(registrationId: string): Promise<VogRow[]> {
      return db
        .select()
        .from(screeningVogs)
        .where(eq(screeningVogs.registrationId, registrationId))
        .orderBy(asc(screeningVogs.adultNumber));
    },

    async saveVog(values: typeof screeningVogs.$inferInsert) {
      const { registrationId: _r, adultNumber: _a, ...set } = values;
      await db
        .insert(screeningVogs)
        .values(values)
        .onConflictDoUpdate({ target: [screeningVogs.registrationId, screeningVogs.adultNumber], set });
    },

    async removeVog(registrationId: string, adultNumber: number) {
      const rows = await db
        .delete(screeningVogs)
        .where(and(eq(screeningVogs.registrationId, registrationId), eq(screeningVogs.adultNumber, adultNumber)))
        .returning({ id: screeningVogs.id });
      return rows.length > 0;
    },

    async addHistory(values: typeof screeningHistory.$inferInsert) {
      await db.insert(screeningHistory).values(values);
    },

    async history(registrationId: string) {
      return db
        .select()
        .from(screeningHistory)
        .where(eq(screeningHistory.registrationId, registrationId))
        .orderBy(desc(screeningHistory.at))
        .limit(200);
    },

    /**
     * The shortlist's candidates: steungezinnen in the pool of these gemeenten that are not paused
     * on `today`, have room for another family and a valid VOG for every adult. One index scan.
     */
    async pool(gemeenteSlugs: readonly string[], today: string) {
      if (gemeenteSlugs.length === 0) return [];
      return db
        .select({
          registrationId: steungezinScreenings.registrationId,
          gemeenteSlug: steungezinScreenings.gemeenteSlug,
          kern: steungezinScreenings.kern,
          days: steungezinScreenings.days,
          sleepovers: steungezinScreenings.sleepovers,
          ageGroups: steungezinScreenings.ageGroups,
          capacity: steungezinScreenings.capacity,
          openKoppelingen: steungezinScreenings.openKoppelingen,
          respondedToProfileId: steungezinScreenings.respondedToProfileId,
          waitingSince: steungezinScreenings.waitingSince,
        })
        .from(steungezinScreenings)
        .where(
          and(
            inArray(steungezinScreenings.gemeenteSlug, [...gemeenteSlugs]),
            eq(steungezinScreenings.inPool, true),
            or(isNull(steungezinScreenings.unavailableUntil), lte(steungezinScreenings.unavailableUntil, today)),
            lt(steungezinScreenings.openKoppelingen, steungezinScreenings.capacity),
            gte(steungezinScreenings.vogsValidUntil, today),
          ),
        );
    },

    /** How many in the pool are left out of a shortlist, and why (full, or a VOG missing or expired). */
    async poolLeftOut(gemeenteSlugs: readonly string[], today: string) {
      if (gemeenteSlugs.length === 0) return { full: 0, vogMissing: 0 };
      const [row] = await db
        .select({
          full: sql<number>`count(*) filter (where ${steungezinScreenings.openKoppelingen} >= ${steungezinScreenings.capacity})::int`,
          vogMissing: sql<number>`count(*) filter (where ${steungezinScreenings.openKoppelingen} < ${steungezinScreenings.capacity} and (${steungezinScreenings.vogsValidUntil} is null or ${steungezinScreenings.vogsValidUntil} < ${today}::date))::int`,
        })
        .from(steungezinScreenings)
        .where(
          and(inArray(steungezinScreenings.gemeenteSlug, [...gemeenteSlugs]), eq(steungezinScreenings.inPool, true)),
        );
      return { full: row?.full ?? 0, vogMissing: row?.vogMissing ?? 0 };
    },

    /** Recomputes the earliest "valid until" of the VOGs (null while one is not received). */
    async refreshVogsValidUntil(registrationId: string) {
      await db.execute(sql`
        update steungezin_screenings set vogs_valid_until = (
          select case when count(*) > 0 and bool_and(received_on is not null) then min(coalesce(valid_until, 'infinity'::date)) end
          from screening_vogs where registration_id = ${registrationId}
        ) where registration_id = ${registrationId}`);
    },

    /** refreshVogsValidUntil for several steungezinnen in one statement. */
    async refreshVogsValidUntilMany(registrationIds: readonly string[]) {
      if (registrationIds.length === 0) return;
      await db.execute(sql`
        update steungezin_screenings s set vogs_valid_until = v.until
        from (
          select registration_id,
                 case when bool_and(received_on is not null) then min(coalesce(valid_until, 'infinity'::date)) end as until
          from screening_vogs where registration_id = any(${`{${registrationIds.join(',')}}`}::uuid[])
          group by registration_id
        ) v
        where s.registration_id = v.registration_id`);
    },

    /** setInPool for several at once. */
    async setInPoolMany(registrationIds: readonly string[], inPool: boolean) {
      if (registrationIds.length === 0) return;
      await db
        .update(steungezinScreenings)
        .set({ inPool })
        .where(anyUuid(steungezinScreenings.registrationId, registrationIds));
    },

    /** Since when several steungezinnen wait (the same day for all of them). */
    async setWaitingSinceMany(registrationIds: readonly string[], waitingSince: string) {
      if (registrationIds.length === 0) return;
      await db
        .update(steungezinScreenings)
        .set({ waitingSince })
        .where(anyUuid(steungezinScreenings.registrationId, registrationIds));
    },

    /** In or out of the shortlist pool (approved and still taking part). */
    async setInPool(registrationId: string, inPool: boolean) {
      await db
        .update(steungezinScreenings)
        .set({ inPool })
        .where(eq(steungezinScreenings.registrationId, registrationId));
    },

    /** What the koppelingen domain keeps here: open koppelingen and since when it waits. */
    async setMatchingState(registrationId: string, state: { openKoppelingen: number; waitingSince: string | null }) {
      await db.update(steungezinScreenings).set(state).where(eq(steungezinScreenings.registrationId, registrationId));
    },

    /** Whether every VOG is received and valid on `today` (one steungezin, inside a proposal). */
    async vogsValid(registrationId: string, today: string): Promise<boolean> {
      const [row] = await db
        .select({ validUntil: steungezinScreenings.vogsValidUntil })
        .from(steungezinScreenings)
        .where(eq(steungezinScreenings.registrationId, registrationId));
      return !!row?.validUntil && row.validUntil >= today;
    },

    /**
     * VOGs that expire on or before `until` and were not yet reminded for this term, with the
     * steungezin's gemeente (the reminder goes to its coordinators).
     */
    async vogsToRemind(until: string, limit = 500) {
      return db
        .select({
          id: screeningVogs.id,
          registrationId: screeningVogs.registrationId,
          validUntil: screeningVogs.validUntil,
          gemeenteSlug: steungezinScreenings.gemeenteSlug,
        })
        .from(screeningVogs)
        .innerJoin(steungezinScreenings, eq(steungezinScreenings.registrationId, screeningVogs.registrationId))
        .where(
          and(
            isNotNull(screeningVogs.validUntil),
            lte(screeningVogs.validUntil, until),
            or(isNull(screeningVogs.remindedFor), ne(screeningVogs.remindedFor, screeningVogs.validUntil)),
            isNotNull(steungezinScreenings.approvedAt),
          ),
        )
        .orderBy(asc(screeningVogs.validUntil))
        .limit(limit)
        .for('update', { skipLocked: true, of: screeningVogs });
    },

    async markReminded(ids: readonly string[]) {
      if (ids.length === 0) return;
      await db
        .update(screeningVogs)
        .set({ remindedFor: sql`${screeningVogs.validUntil}` })
        .where(inArray(screeningVogs.id, [...ids]));
    },

    /** VOGs that expire before `until` in these gemeenten (for the overview and the digest). */
    async expiringCounts(gemeenteSlugs: readonly string[], until: string) {
      if (gemeenteSlugs.length === 0) return new Map<string, number>();
      const rows = await db
        .select({ gemeenteSlug: steungezinScreenings.gemeenteSlug, n: sql<number>`count(*)::int` })
        .from(screeningVogs)
        .innerJoin(steungezinScreenings, eq(steungezinScreenings.registrationId, screeningVogs.registrationId))
        .where(
          and(
            inArray(steungezinScreenings.gemeenteSlug, [...gemeenteSlugs]),
            isNotNull(steungezinScreenings.approvedAt),
            lte(screeningVogs.validUntil, until),
          ),
        )
        .groupBy(steungezinScreenings.gemeenteSlug);
      return new Map(rows.map((r) => [r.gemeenteSlug, r.n]));
    },
  };
}
