/** The only code that reads or writes `app_meta` (small facts about this installation). */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from './db';
import { appMeta } from './meta.table';

export function createMetaRepository({ db }: { db: DbOrTx }) {
  return {
    async has(key: string): Promise<boolean> {
      const rows = await db.select({ key: appMeta.key }).from(appMeta).where(eq(appMeta.key, key));
      return rows.length > 0;
    },

    /** Sets `key` unless it is set; false when it was (another instance got there first). */
    async setOnce(key: string, value: unknown): Promise<boolean> {
      const inserted = await db.insert(appMeta).values({ key, value }).onConflictDoNothing().returning();
      return inserted.length > 0;
    },
  };
}
