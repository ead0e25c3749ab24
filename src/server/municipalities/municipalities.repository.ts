import { sql } from 'drizzle-orm';
import type { Municipality } from '~/lib/municipality.schema';
import type { DbOrTx } from '~/server/db/db';
import { municipalities } from './municipalities.table';

export function createMunicipalitiesRepository({ db }: { db: DbOrTx }) {
  return {
    /** Insert new gemeenten and update changed ones; gemeenten are never deleted (records point to them). */
    async upsertAll(entries: Municipality[]) {
      if (entries.length === 0) return;
      await db
        .insert(municipalities)
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
          target: municipalities.slug,
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
      return db.select().from(municipalities).orderBy(municipalities.name);
    },
  };
}
