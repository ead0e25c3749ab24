/**
 * The only code that reads or writes the links of /mijn-gegevens and the queue of requests
 * (privacy.requests.table.ts). Sign-ups and everything about them are asked from their own
 * repositories.
 */
import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import { type PrivacyRequestRow, privacyAccessLinks, privacyRequests } from './privacy.requests.table';

export type { PrivacyRequestRow };
export type RequestStatus = 'open' | 'done' | 'refused';

export function createPrivacyRequestsRepository({ db }: { db: DbOrTx }) {
  return {
    async insertLink(values: {
      tokenHash: string;
      email: string;
      phone: string | null;
      createdAt: Date;
      expiresAt: Date;
    }) {
      await db.insert(privacyAccessLinks).values(values);
    },

    /** The link with this token hash, or undefined. */
    async findLink(tokenHash: string) {
      const [row] = await db.select().from(privacyAccessLinks).where(eq(privacyAccessLinks.tokenHash, tokenHash));
      return row;
    },

    /** Expired links (the retention job's housekeeping). Returns how many. */
    async deleteExpiredLinks(now: Date) {
      const rows = await db
        .delete(privacyAccessLinks)
        .where(lt(privacyAccessLinks.expiresAt, now))
        .returning({ id: privacyAccessLinks.id });
      return rows.length;
    },

    /** A new request, unless one of this kind is open for the sign-up (then that one). */
    async openRequest(values: {
      registrationId: string;
      gemeenteSlug: string;
      kind: 'erase';
      receivedAt: Date;
      dueOn: string;
      replyTo: string;
    }): Promise<{ row: PrivacyRequestRow; created: boolean }> {
      const [created] = await db.insert(privacyRequests).values(values).onConflictDoNothing().returning();
      if (created) return { row: created, created: true };
      const [existing] = await db
        .select()
        .from(privacyRequests)
        .where(
          and(
            eq(privacyRequests.registrationId, values.registrationId),
            eq(privacyRequests.kind, values.kind),
            eq(privacyRequests.status, 'open'),
          ),
        );
      return { row: existing!, created: false };
    },

    /** Open requests of these sign-ups, by sign-up id. */
    async openOf(registrationIds: readonly string[]) {
      if (registrationIds.length === 0) return new Map<string, PrivacyRequestRow>();
      const rows = await db
        .select()
        .from(privacyRequests)
        .where(and(inArray(privacyRequests.registrationId, [...registrationIds]), eq(privacyRequests.status, 'open')));
      return new Map(rows.map((row) => [row.registrationId!, row]));
    },

    /** The queue: open requests first (earliest due first), then the most recently closed. */
    async list({ limit }: { limit: number }) {
      return db
        .select()
        .from(privacyRequests)
        .orderBy(
          sql`case when ${privacyRequests.status} = 'open' then 0 else 1 end`,
          asc(sql`case when ${privacyRequests.status} = 'open' then ${privacyRequests.dueOn} end`),
          desc(privacyRequests.decidedAt),
        )
        .limit(limit);
    },

    /** One open request, locked for the decision; undefined when it is unknown or closed. */
    async lockOpen(id: string) {
      const [row] = await db
        .select()
        .from(privacyRequests)
        .where(and(eq(privacyRequests.id, id), eq(privacyRequests.status, 'open')))
        .for('update');
      return row;
    },

    /** Closes a request; the reply address goes (the answer is queued in the same transaction). */
    async close(
      id: string,
      values: { status: 'done' | 'refused'; decidedAt: Date; decidedBy: string; refusal?: string },
    ) {
      await db
        .update(privacyRequests)
        .set({ ...values, refusal: values.refusal ?? null, replyTo: null })
        .where(eq(privacyRequests.id, id));
    },

    /** Closed requests decided before `before` (kept one year as proof of the answer). Returns how many. */
    async deleteClosedBefore(before: Date) {
      const rows = await db
        .delete(privacyRequests)
        .where(
          and(
            or(eq(privacyRequests.status, 'done'), eq(privacyRequests.status, 'refused')),
            lt(privacyRequests.decidedAt, before),
          ),
        )
        .returning({ id: privacyRequests.id });
      return rows.length;
    },
  };
}
