import { inArray, sql } from 'drizzle-orm';
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
          entries.map((g) => ({
            slug: g.slug,
            name: g.name,
            province: g.province,
            region: g.region,
            status: g.status,
            kernen: g.kernen,
            kernCoordinates: g.kernCoordinates,
            neighbours: g.neighbours,
            houseRules: g.houseRules ?? null,
            competences: g.competences ?? null,
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
            kernCoordinates: sql`excluded.kern_coordinates`,
            neighbours: sql`excluded.neighbours`,
            houseRules: sql`excluded.house_rules`,
            competences: sql`excluded.competences`,
            updatedAt: sql`now()`,
          },
        });
    },
    async list() {
      return db.select().from(gemeenten).orderBy(gemeenten.name);
    },

    /** What matching needs of some gemeenten: name, region, kernen with coordinates, neighbours, templates. */
    async matchingSettings(slugs: readonly string[]) {
      if (slugs.length === 0) return [];
      return db
        .select({
          slug: gemeenten.slug,
          name: gemeenten.name,
          region: gemeenten.region,
          kernen: gemeenten.kernen,
          kernCoordinates: gemeenten.kernCoordinates,
          neighbours: gemeenten.neighbours,
          houseRules: gemeenten.houseRules,
          competences: gemeenten.competences,
        })
        .from(gemeenten)
        .where(inArray(gemeenten.slug, [...slugs]));
    },
  };
}
