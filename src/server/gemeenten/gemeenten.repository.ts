import { sql } from 'drizzle-orm';
import type { Gemeente } from '~/lib/gemeente.schema';
import type { DbOrTx } from '~/server/db/db';
import { gemeenten } from './gemeenten.table';

export function createGemeentenRepository({ db }: { db: DbOrTx }) {
  return {
    /** Insert new gemeenten and update changed ones; gemeenten are never deleted (records point to them). */
    async upsertAll(entries: Gemeente[]) {
      if (entries.length === 0) return;
      await db
        .insert(gemeenten)
        .values(
          entries.map(({ slug, name, province, region, status, kernen }) => ({
            slug,
            name,
            province,
            region,
            status,
            kernen,
          })),
        )
        .onConflictDoUpdate({
          target: gemeenten.slug,
          set: {
            name: sql`excluded.name`,
            province: sql`excluded.province`,
            region: sql`excluded.region`,
            status: sql`excluded.status`,
            kernen: sql`excluded.kernen`,
            updatedAt: sql`now()`,
          },
        });
    },
    async list() {
      return db.select().from(gemeenten).orderBy(gemeenten.name);
    },
  };
}
