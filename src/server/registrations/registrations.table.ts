import { sql } from 'drizzle-orm';
import { type AnyPgColumn, index, jsonb, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { type ConsentRecord, type RegistrationDetails, registrationKinds } from '~/lib/registration.types';
import { idColumn, timestampColumns } from '~/server/db/columns.helpers';
import { gemeenten } from '~/server/gemeenten/gemeenten.table';
import { profiles } from '~/server/profiles/profiles.table';
import type { FirstContactPromise } from '~/server/responsibility/responsibility';

export const registrationKindEnum = pgEnum('registration_kind', registrationKinds);

/**
 * Every sign-up: a family asking for support (vraaggezin), a volunteer family (steungezin) or a
 * professional's referral (verwijzing). One table for the three kinds so the coordinator has one
 * inbox; the kind-specific answers live in `details` (see src/lib/registration.types.ts).
 *
 * The contact columns are the person the coordinator contacts about this sign-up: the parent,
 * the volunteer, or for a referral the referred family (the referrer is in `details.referrer`).
 * They are normalised (e-mail lower-cased, phone as +31612345678) so repeat sign-ups and
 * requests to see or delete one's data can be matched.
 *
 * Minimal data by design (docs/domain.md, "Privacy rules"): no BSN, no children's names, no diagnoses.
 */
export const registrations = pgTable(
  'registrations',
  {
    id: idColumn(),
    kind: registrationKindEnum().notNull(),
    gemeenteSlug: text()
      .notNull()
      .references(() => gemeenten.slug),
    /** Village, kern or wijk as the person wrote or chose it. */
    kern: text(),
    /** NL postcode "1234 AB", optional. */
    postcode: text(),
    contactName: text().notNull(),
    /** Lower-cased. */
    contactEmail: text(),
    /** Digits with country code, e.g. +31612345678. */
    contactPhone: text(),
    /** Free text such as "'s ochtends" or "na 19 uur". */
    preferredContactTime: text(),
    details: jsonb().$type<RegistrationDetails>().notNull(),
    /** How they heard of Buurtgezinnen (one of the fixed choices, see registration.schemas). */
    source: text(),
    /** What was agreed and when. */
    consents: jsonb().$type<ConsentRecord[]>().notNull(),
    /**
     * Who the person was told would contact them, and by when (responsibility.ts), as it was
     * said at sign-up; null for sign-ups from before this was recorded.
     */
    contactPromise: jsonb().$type<FirstContactPromise>(),
    /** Pipeline state, owned by the inbox ('new' on arrival). */
    status: text().notNull().default('new'),
    /** A repeat sign-up (same contact, gemeente and kind within 24 hours) points to the earlier one. */
    duplicateOfId: uuid().references((): AnyPgColumn => registrations.id, { onDelete: 'set null' }),
    /** A steungezin responding to a published recruitment profile (kept when the profile goes). */
    profileId: uuid().references((): AnyPgColumn => profiles.id, { onDelete: 'set null' }),
    ...timestampColumns(),
  },
  (t) => [
    index('registrations_inbox_idx').on(t.gemeenteSlug, t.createdAt.desc()),
    index('registrations_inbox_status_idx').on(t.gemeenteSlug, t.kind, t.status),
    index('registrations_email_idx')
      .on(t.gemeenteSlug, t.kind, t.contactEmail, t.createdAt)
      .where(sql`${t.contactEmail} is not null`),
    index('registrations_phone_idx')
      .on(t.gemeenteSlug, t.kind, t.contactPhone, t.createdAt)
      .where(sql`${t.contactPhone} is not null`),
    index('registrations_duplicate_of_idx').on(t.duplicateOfId).where(sql`${t.duplicateOfId} is not null`),
  ],
);

export type RegistrationRow = typeof registrations.$inferSelect;
export type NewRegistrationRow = typeof registrations.$inferInsert;
