import { and, desc, eq, gt, or, type SQL, sql } from 'drizzle-orm';
import type { RegistrationKind } from '~/lib/registration.types';
import type { DbOrTx } from '~/server/db/db';
import { gemeenten } from '~/server/gemeenten/gemeenten.table';
import { type NewRegistrationRow, registrations } from './registrations.table';

/** Gemeenten that take sign-ups: active ones, and ones that are starting (they recruit first). */
const OPEN_STATUSES = ['active', 'starting'] as const;

export function createRegistrationsRepository({ db }: { db: DbOrTx }) {
  return {
    /** The gemeente if it exists and takes sign-ups. */
    async findOpenGemeente(slug: string) {
      const [row] = await db
        .select({
          slug: gemeenten.slug,
          name: gemeenten.name,
          status: gemeenten.status,
          kernen: gemeenten.kernen,
        })
        .from(gemeenten)
        .where(eq(gemeenten.slug, slug));
      return row && (OPEN_STATUSES as readonly string[]).includes(row.status) ? row : undefined;
    },

    /**
     * Serialises sign-ups for the same contact (inside the caller's transaction), so two
     * simultaneous repeats cannot both miss each other in the duplicate check.
     */
    async lockContact(keys: string[]) {
      for (const key of [...new Set(keys)].sort()) {
        await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
      }
    },

    /** The original of an earlier sign-up with the same contact, gemeente and kind since `since`. */
    async findRecentSameContact(input: {
      gemeenteSlug: string;
      kind: RegistrationKind;
      email: string | null;
      phone: string | null;
      since: Date;
    }) {
      const contact: SQL[] = [];
      if (input.email) contact.push(eq(registrations.contactEmail, input.email));
      if (input.phone) contact.push(eq(registrations.contactPhone, input.phone));
      if (contact.length === 0) return undefined;
      const [row] = await db
        .select({ id: registrations.id, duplicateOfId: registrations.duplicateOfId })
        .from(registrations)
        .where(
          and(
            eq(registrations.gemeenteSlug, input.gemeenteSlug),
            eq(registrations.kind, input.kind),
            gt(registrations.createdAt, input.since),
            or(...contact),
          ),
        )
        .orderBy(desc(registrations.createdAt))
        .limit(1);
      // Point every repeat at the first sign-up, not at the previous repeat.
      return row ? { originalId: row.duplicateOfId ?? row.id } : undefined;
    },

    async insert(values: NewRegistrationRow) {
      const [row] = await db
        .insert(registrations)
        .values(values)
        .returning({ id: registrations.id, createdAt: registrations.createdAt });
      return row!;
    },
  };
}
