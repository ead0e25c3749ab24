/**
 * The only code that reads or writes the `gemeenten` table. Other domains ask here for names,
 * regions and whether a gemeente takes sign-ups (docs/architecture.md, "Domains own their tables").
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Gemeente } from '~/lib/gemeente.schema';
import type { DbOrTx } from '~/server/db/db';
import { gemeenten } from './gemeenten.table';

/** Gemeenten that take sign-ups: active ones, and ones that are starting (they recruit first). */
const OPEN_STATUSES = ['active', 'starting'] as const;

export type GemeenteSummary = { slug: string; name: string; kernen: string[] };

export function createGemeentenRepository({ db }: { db: DbOrTx }) {
  /** Slug, name and kernen of one gemeente, or undefined. */
  async function find(slug: string) {
    const [row] = await db
      .select({
        slug: gemeenten.slug,
        name: gemeenten.name,
        kernen: gemeenten.kernen,
        region: gemeenten.region,
        status: gemeenten.status,
      })
      .from(gemeenten)
      .where(eq(gemeenten.slug, slug));
    return row;
  }

  return {
    find,

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

    /** The gemeente if it exists and takes sign-ups. */
    async findOpen(slug: string) {
      const row = await find(slug);
      return row && (OPEN_STATUSES as readonly string[]).includes(row.status) ? row : undefined;
    },

    /** Gemeenten that take sign-ups, with their kernen, by name; `slugs` null means every gemeente. */
    async listOpen(slugs: readonly string[] | null) {
      if (slugs && slugs.length === 0) return [];
      return db
        .select({ slug: gemeenten.slug, name: gemeenten.name, kernen: gemeenten.kernen })
        .from(gemeenten)
        .where(
          and(inArray(gemeenten.status, [...OPEN_STATUSES]), slugs ? inArray(gemeenten.slug, [...slugs]) : undefined),
        )
        .orderBy(asc(gemeenten.name));
    },

    /** Slug and name, by name; `slugs` null means every gemeente. */
    async listNamed(slugs: string[] | null, limit = 500) {
      if (slugs && slugs.length === 0) return [];
      return db
        .select({ slug: gemeenten.slug, name: gemeenten.name })
        .from(gemeenten)
        .where(slugs ? inArray(gemeenten.slug, slugs) : undefined)
        .orderBy(asc(gemeenten.name))
        .limit(limit);
    },

    /** slug -> name for the given gemeenten (unknown slugs are left out). */
    async namesBySlug(slugs: string[]): Promise<Map<string, string>> {
      const unique = [...new Set(slugs)];
      if (unique.length === 0) return new Map();
      const rows = await db
        .select({ slug: gemeenten.slug, name: gemeenten.name })
        .from(gemeenten)
        .where(inArray(gemeenten.slug, unique));
      return new Map(rows.map((row) => [row.slug, row.name]));
    },

    /** slug -> region for the given gemeenten (unknown slugs are left out). */
    async regionsBySlug(slugs: readonly string[]): Promise<Map<string, string>> {
      const unique = [...new Set(slugs)];
      if (unique.length === 0) return new Map();
      const rows = await db
        .select({ slug: gemeenten.slug, region: gemeenten.region })
        .from(gemeenten)
        .where(inArray(gemeenten.slug, unique));
      return new Map(rows.map((row) => [row.slug, row.region]));
    },

    /** Every gemeente with its region, by name (the invitation form). */
    async listWithRegions() {
      return db
        .select({ slug: gemeenten.slug, name: gemeenten.name, region: gemeenten.region })
        .from(gemeenten)
        .orderBy(asc(gemeenten.name));
    },

    async allSlugs(): Promise<string[]> {
      const rows = await db.select({ slug: gemeenten.slug }).from(gemeenten);
      return rows.map((row) => row.slug);
    },

    /** The gemeenten of these regions (what a regional coordinator reaches). */
    async slugsInRegions(regions: string[]): Promise<string[]> {
      if (regions.length === 0) return [];
      const rows = await db.select({ slug: gemeenten.slug }).from(gemeenten).where(inArray(gemeenten.region, regions));
      return rows.map((row) => row.slug);
    },

    /** Gemeenten where Buurtgezinnen has stopped: their profiles are no longer public. */
    async endedSlugs(): Promise<string[]> {
      const rows = await db.select({ slug: gemeenten.slug }).from(gemeenten).where(eq(gemeenten.status, 'ended'));
      return rows.map((row) => row.slug);
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
