/**
 * The only code that reads or writes the privacy domain's tables: holds ("bewaren tot … omdat …").
 * Sign-ups, their koppelingen and everything else are asked from their own repositories.
 */
import { and, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import { privacyHolds, referralConsents } from './privacy.table';

export function createPrivacyRepository({ db }: { db: DbOrTx }) {
  return {
    async insertHold(values: typeof privacyHolds.$inferInsert) {
      const [row] = await db.insert(privacyHolds).values(values).returning();
      return row!;
    },

    /** Lifts the active hold `id` of this sign-up; false when there is none. */
    async liftHold(input: { id: string; registrationId: string; staffId: string; at: Date }) {
      const rows = await db
        .update(privacyHolds)
        .set({ liftedAt: input.at, liftedBy: input.staffId })
        .where(
          and(
            eq(privacyHolds.id, input.id),
            eq(privacyHolds.registrationId, input.registrationId),
            isNull(privacyHolds.liftedAt),
          ),
        )
        .returning({ id: privacyHolds.id });
      return rows.length === 1;
    },

    /** Holds of one sign-up that are not lifted, latest end first. */
    async holdsOf(registrationId: string) {
      return db
        .select()
        .from(privacyHolds)
        .where(and(eq(privacyHolds.registrationId, registrationId), isNull(privacyHolds.liftedAt)))
        .orderBy(desc(privacyHolds.keepUntil));
    },

    /** Per sign-up among these: the last day a hold keeps it (holds not lifted that run to `today` or later). */
    async heldUntil(registrationIds: readonly string[], today: string) {
      const result = new Map<string, string>();
      if (registrationIds.length === 0) return result;
      const rows = await db
        .select({ id: privacyHolds.registrationId, until: privacyHolds.keepUntil })
        .from(privacyHolds)
        .where(
          and(
            inArray(privacyHolds.registrationId, [...registrationIds]),
            isNull(privacyHolds.liftedAt),
            gte(privacyHolds.keepUntil, today),
          ),
        );
      for (const row of rows) if ((result.get(row.id) ?? '') < row.until) result.set(row.id, row.until);
      return result;
    },

    /**
     * Everything stored about one sign-up, per table (the SQL function `privacy_export` of
     * migration 0024 reads the other domains' tables; this code may not). Null when it is gone.
     */
    async exportOf(registrationId: string): Promise<Record<string, unknown[]> | null> {
      const [row] = await db.execute<{ data: Record<string, unknown[]> | null }>(
        sql`select privacy_export(${registrationId}::uuid) as data`,
      );
      return row?.data ?? null;
    },

    /** The parents' own confirmation of a referral, or undefined (not confirmed yet). */
    async parentConsentOf(registrationId: string) {
      const [row] = await db.select().from(referralConsents).where(eq(referralConsents.registrationId, registrationId));
      return row;
    },

    /** Records (or corrects) the parents' confirmation of a referral. */
    async saveParentConsent(values: typeof referralConsents.$inferInsert) {
      await db
        .insert(referralConsents)
        .values(values)
        .onConflictDoUpdate({
          target: referralConsents.registrationId,
          set: {
            method: values.method,
            givenOn: values.givenOn,
            recordedBy: values.recordedBy,
            recordedAt: values.recordedAt,
            shareOutcome: values.shareOutcome ?? false,
          },
        });
    },
  };
}
