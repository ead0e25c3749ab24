import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    /** 'in_person' | 'phone' (heard by the coordinator) | 'link' (the parent's own answer to the mail, decision 031) */
    method: text().notNull(),
    givenOn: date({ mode: 'string' }).notNull(),
    recordedBy: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    recordedAt: timestamptz('recorded_at').notNull().defaultNow(),
    /** How the parent wants to be contacted, when she said so: 'phone' | 'email'. */
    contactBy: text(),
    /** When it suits her: a code of contactTimeOptions ('ochtend', 'middag', 'avond', 'maakt-niet-uit'). */
    contactTime: text(),
    /** The parents agree that the referrer hears when support starts and ends (only asked when the referrer wants it). */
    shareOutcome: boolean().notNull().default(false),
  },
  (t) => [
    check('referral_consents_method_check', sql`${t.method} in ('in_person', 'phone', 'link')`),
    check('referral_consents_contact_by_check', sql`${t.contactBy} in ('phone', 'email')`),
  ],
);

/**
 * The personal link a parent got by e-mail to answer a referral herself (decision 031): only the
 * hash of its secret, when it was sent and stops working, and when and how it was answered. A row
 * without an answer: "waiting". A "no" deletes the referral and this row with it; only when a hold
 * keeps the referral does the row stay with the answer 'declined'.
 */
export const referralConsentLinks = pgTable(
  'referral_consent_links',
  {
    registrationId: uuid()
      .primaryKey()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull(),
    sentAt: timestamptz('sent_at').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    answeredAt: timestamptz('answered_at'),
    /** 'confirmed' | 'declined' */
    answer: text(),
  },
  (t) => [
    uniqueIndex('referral_consent_links_token_unique').on(t.tokenHash),
    check('referral_consent_links_answer_check', sql`${t.answer} in ('confirmed', 'declined')`),
  ],
);
