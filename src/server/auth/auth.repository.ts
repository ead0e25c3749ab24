/**
 * The only code that reads or writes sessions, e-mailed links and recovery codes
 * (`staff_sessions`, `auth_tokens`, `staff_recovery_codes`). The accounts themselves belong to
 * the staff domain (staff.repository.ts). See docs/architecture.md, "Domains own their tables".
 */
import { and, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import { authTokens, staffRecoveryCodes, staffSessions } from './auth.table';

export type StaffSession = typeof staffSessions.$inferSelect;
export type AuthTokenPurpose = (typeof authTokens.$inferSelect)['purpose'];

export function createAuthRepository({ db }: { db: DbOrTx }) {
  return {
    // ---------------------------------------------------------------- sessions

    async insertSession(values: typeof staffSessions.$inferInsert): Promise<StaffSession> {
      const [session] = await db.insert(staffSessions).values(values).returning();
      return session!;
    },

    async findSession(id: string): Promise<StaffSession | undefined> {
      const [row] = await db.select().from(staffSessions).where(eq(staffSessions.id, id));
      return row;
    },

    async deleteSession(id: string) {
      await db.delete(staffSessions).where(eq(staffSessions.id, id));
    },

    async touchSession(id: string, at: Date) {
      await db.update(staffSessions).set({ lastVerifiedAt: at }).where(eq(staffSessions.id, id));
    },

    async sessionsOf(staffId: string): Promise<StaffSession[]> {
      return db.select().from(staffSessions).where(eq(staffSessions.staffId, staffId));
    },

    async deleteSessionsOf(staffId: string) {
      await db.delete(staffSessions).where(eq(staffSessions.staffId, staffId));
    },

    /** Returns how many were ended. */
    async deleteOtherSessions(staffId: string, keepSessionId: string): Promise<number> {
      const deleted = await db
        .delete(staffSessions)
        .where(and(eq(staffSessions.staffId, staffId), ne(staffSessions.id, keepSessionId)))
        .returning({ id: staffSessions.id });
      return deleted.length;
    },

    // ---------------------------------------------------------------- links sent by e-mail

    /** A new link replaces any earlier one of the same purpose. */
    async replaceToken(values: typeof authTokens.$inferInsert) {
      await db
        .delete(authTokens)
        .where(and(eq(authTokens.staffId, values.staffId), eq(authTokens.purpose, values.purpose)));
      await db.insert(authTokens).values(values);
    },

    async findToken(id: string, purpose: AuthTokenPurpose) {
      const [row] = await db
        .select()
        .from(authTokens)
        .where(and(eq(authTokens.id, id), eq(authTokens.purpose, purpose)));
      return row;
    },

    /** Uses up a link; false when it was used already (two tabs, a replay). */
    async consumeToken(id: string, at: Date): Promise<boolean> {
      const consumed = await db
        .update(authTokens)
        .set({ usedAt: at })
        .where(and(eq(authTokens.id, id), isNull(authTokens.usedAt)))
        .returning({ id: authTokens.id });
      return consumed.length > 0;
    },

    // ---------------------------------------------------------------- recovery codes

    /** Uses up the unused code with this hash; false when there is none. */
    async useRecoveryCode(staffId: string, codeHash: string, at: Date): Promise<boolean> {
      const used = await db
        .update(staffRecoveryCodes)
        .set({ usedAt: at })
        .where(
          and(
            eq(staffRecoveryCodes.staffId, staffId),
            eq(staffRecoveryCodes.codeHash, codeHash),
            isNull(staffRecoveryCodes.usedAt),
          ),
        )
        .returning({ id: staffRecoveryCodes.id });
      return used.length > 0;
    },

    async replaceRecoveryCodes(staffId: string, codeHashes: string[]) {
      await db.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, staffId));
      await db.insert(staffRecoveryCodes).values(codeHashes.map((codeHash) => ({ staffId, codeHash })));
    },

    async countUnusedRecoveryCodes(staffId: string): Promise<number> {
      const rows = await db
        .select({ id: staffRecoveryCodes.id })
        .from(staffRecoveryCodes)
        .where(and(eq(staffRecoveryCodes.staffId, staffId), isNull(staffRecoveryCodes.usedAt)));
      return rows.length;
    },

    // ---------------------------------------------------------------- housekeeping

    /** Expired or used links, and sessions idle since `sessionsIdleSince`. */
    async prune(now: Date, sessionsIdleSince: Date) {
      await db
        .delete(authTokens)
        .where(
          or(
            lt(authTokens.expiresAt, now),
            and(gt(authTokens.createdAt, new Date(0)), sql`${authTokens.usedAt} is not null`),
          ),
        );
      await db.delete(staffSessions).where(lt(staffSessions.lastVerifiedAt, sessionsIdleSince));
    },
  };
}
