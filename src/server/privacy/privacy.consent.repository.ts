/**
 * The privacy domain's tables for a referral the parents answer themselves (decision 031): the
 * personal link (`referral_consent_links`) and the parents' confirmation (`referral_consents`).
 * The coordinator's own recording stays in privacy.repository.ts.
 */
import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import { referralConsentLinks, referralConsents } from './privacy.table';

export type ReferralConsentRow = typeof referralConsents.$inferSelect;
type ReferralConsentLinkRow = typeof referralConsentLinks.$inferSelect;

export function createReferralConsentRepository({ db }: { db: DbOrTx }) {
  return {
    async insertLink(values: typeof referralConsentLinks.$inferInsert) {
      await db.insert(referralConsentLinks).values(values);
    },

    /** The link with this hash, locked when asked (the answer changes it once). */
    async linkByTokenHash(tokenHash: string, { lock = false } = {}) {
      const query = db.select().from(referralConsentLinks).where(eq(referralConsentLinks.tokenHash, tokenHash));
      const [row] = lock ? await query.for('update') : await query;
      return row;
    },

    /** Marks the link answered, once and only while it works: false when it was used or expired meanwhile. */
    async answerLink(registrationId: string, answer: 'confirmed' | 'declined', at: Date) {
      const rows = await db
        .update(referralConsentLinks)
        .set({ answeredAt: at, answer })
        .where(
          and(
            eq(referralConsentLinks.registrationId, registrationId),
            isNull(referralConsentLinks.answeredAt),
            gt(referralConsentLinks.expiresAt, at),
          ),
        )
        .returning({ id: referralConsentLinks.registrationId });
      return rows.length === 1;
    },

    /**
     * The parents' confirmation through their link (the coordinator's is `saveParentConsent`). When
     * the coordinator already recorded one, it stays; the parents' own wishes are added to it.
     */
    async insertConsent(values: typeof referralConsents.$inferInsert) {
      await db
        .insert(referralConsents)
        .values(values)
        .onConflictDoUpdate({
          target: referralConsents.registrationId,
          set: { contactBy: values.contactBy, contactTime: values.contactTime, shareOutcome: values.shareOutcome },
        });
    },

    /**
     * The referrals whose parents confirmed them or whose link still waits for an answer, as a
     * subquery for the inbox list ("toestemming vragen" leaves them out): one statement.
     */
    answeredOrWaiting(now: Date) {
      return db
        .select({ id: referralConsents.registrationId })
        .from(referralConsents)
        .union(
          db
            .select({ id: referralConsentLinks.registrationId })
            .from(referralConsentLinks)
            .where(and(isNull(referralConsentLinks.answeredAt), gt(referralConsentLinks.expiresAt, now))),
        );
    },

    /** Confirmations and links of these referrals, per id. */
    async ofReferrals(registrationIds: readonly string[]) {
      const consents = new Map<string, ReferralConsentRow>();
      const links = new Map<string, ReferralConsentLinkRow>();
      if (registrationIds.length === 0) return { consents, links };
      const ids = [...registrationIds];
      const [consentRows, linkRows] = await Promise.all([
        db.select().from(referralConsents).where(inArray(referralConsents.registrationId, ids)),
        db.select().from(referralConsentLinks).where(inArray(referralConsentLinks.registrationId, ids)),
      ]);
      for (const row of consentRows) consents.set(row.registrationId, row);
      for (const row of linkRows) links.set(row.registrationId, row);
      return { consents, links };
    },
  };
}
