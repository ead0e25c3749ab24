/** The only code that touches calendar_feeds. */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import { calendarFeeds } from './calendar.table';

export function createCalendarRepository({ db }: { db: DbOrTx }) {
  return {
    async ofStaff(staffId: string) {
      const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.staffId, staffId));
      return row;
    },
    async byTokenHash(tokenHash: string) {
      const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.tokenHash, tokenHash));
      return row;
    },
    /** One feed per staff member: a new secret replaces the old one. */
    async save(staffId: string, tokenHash: string, at: Date) {
      await db
        .insert(calendarFeeds)
        .values({ staffId, tokenHash, createdAt: at, lastFetchedAt: null })
        .onConflictDoUpdate({ target: calendarFeeds.staffId, set: { tokenHash, createdAt: at, lastFetchedAt: null } });
    },
    async remove(staffId: string) {
      await db.delete(calendarFeeds).where(eq(calendarFeeds.staffId, staffId));
    },
    async touch(staffId: string, at: Date) {
      await db.update(calendarFeeds).set({ lastFetchedAt: at }).where(eq(calendarFeeds.staffId, staffId));
    },
  };
}
