import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamptz } from '~/server/db/columns.helpers';
import { registrations } from '~/server/registrations/registrations.table';
import { staffUsers } from '~/server/staff/staff.table';

/**
 * A hold ("bewaren tot … omdat …"): the retention job keeps this sign-up, and everything about it,
 * until `keepUntil` (inclusive) even when its term has passed, e.g. after a safety concern or while
 * a complaint runs. Placing and lifting a hold is audited. The hold goes with the sign-up.
 */
export const privacyHolds = pgTable(
  'privacy_holds',
  {
    id: idColumn(),
    registrationId: uuid()
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    keepUntil: date({ mode: 'string' }).notNull(),
    /** Why, in the coordinator's words (no more than the reason needs). */
    reason: text().notNull(),
    placedBy: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    placedAt: timestamptz('placed_at').notNull().defaultNow(),
    liftedBy: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    liftedAt: timestamptz('lifted_at'),
  },
  (t) => [index('privacy_holds_registration_idx').on(t.registrationId).where(sql`${t.liftedAt} is null`)],
);

export type PrivacyHoldRow = typeof privacyHolds.$inferSelect;

/**
 * The parents' own confirmation of a referral (a verwijzing records "the parents know" on the
 * referrer's word): given to the coordinator in person or by phone, at the first contact. No row:
 * not confirmed yet, and the record says to ask. A "no" deletes the referral instead.
 */
export const referralConsents = pgTable(
  'referral_consents',
  {
    registrationId: uuid()
      .primaryKey()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    /** 'in_person' | 'phone' */
    method: text().notNull(),
    givenOn: date({ mode: 'string' }).notNull(),
    recordedBy: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    recordedAt: timestamptz('recorded_at').notNull().defaultNow(),
  },
  (t) => [check('referral_consents_method_check', sql`${t.method} in ('in_person', 'phone')`)],
);
