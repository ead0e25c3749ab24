/**
 * The only code that reads and writes the screening tables. Every function works on the
 * database or transaction it was made with, so a caller (a use case, the importer of issue 19)
 * can do several things in one transaction: `createScreeningRepository({ db: tx })`.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import { screeningHistory, screeningIntakes, screeningVogs, steungezinScreenings } from './screening.table';

export type { CompetenceCheck } from './screening.table';
export type ScreeningRow = typeof steungezinScreenings.$inferSelect;
export type NewScreening = typeof steungezinScreenings.$inferInsert;
export type IntakeRow = typeof screeningIntakes.$inferSelect;
export type VogRow = typeof screeningVogs.$inferSelect;

export function createScreeningRepository({ db }: { db: DbOrTx }) {
  return {
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
     * Approved steungezinnen of these gemeenten that are not paused on `today`: the candidates of
     * a shortlist (the use case filters out who left the pipeline and who is full).
     */
    async approvedAvailable(gemeenteSlugs: readonly string[], today: string) {
      if (gemeenteSlugs.length === 0) return [];
      return db
        .select({
          registrationId: steungezinScreenings.registrationId,
          gemeenteSlug: steungezinScreenings.gemeenteSlug,
          days: steungezinScreenings.days,
          frequency: steungezinScreenings.frequency,
          sleepovers: steungezinScreenings.sleepovers,
          ageGroups: steungezinScreenings.ageGroups,
          capacity: steungezinScreenings.capacity,
          approvedAt: steungezinScreenings.approvedAt,
        })
        .from(steungezinScreenings)
        .where(
          and(
            inArray(steungezinScreenings.gemeenteSlug, [...gemeenteSlugs]),
            isNotNull(steungezinScreenings.approvedAt),
            or(isNull(steungezinScreenings.unavailableUntil), lte(steungezinScreenings.unavailableUntil, today)),
          ),
        );
    },

    /** Per steungezin: whether every VOG is received and valid on `today`. */
    async vogsValidFor(registrationIds: readonly string[], today: string): Promise<Map<string, boolean>> {
      if (registrationIds.length === 0) return new Map();
      const rows = await db
        .select({
          registrationId: screeningVogs.registrationId,
          valid: sql<boolean>`bool_and(${screeningVogs.receivedOn} is not null and (${screeningVogs.validUntil} is null or ${screeningVogs.validUntil} >= ${today}::date))`,
        })
        .from(screeningVogs)
        .where(inArray(screeningVogs.registrationId, [...registrationIds]))
        .groupBy(screeningVogs.registrationId);
      return new Map(rows.map((r) => [r.registrationId, r.valid]));
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

export type ScreeningRepository = ReturnType<typeof createScreeningRepository>;
