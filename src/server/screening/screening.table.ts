import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { idColumn, timestampColumns, timestamptz } from '~/server/db/columns.helpers';
import { gemeenten } from '~/server/gemeenten/gemeenten.table';
import { registrations } from '~/server/registrations/registrations.table';
import { staffUsers } from '~/server/staff/staff.table';

/** One item of the competence checklist as it was when the coordinator ticked it. */
export type CompetenceCheck = { key: string; label: string; checked: boolean };

/**
 * The screening of a steungezin (step 4 in docs/domain.md): the competence checklist, what the
 * family can offer (availability) and the approval. 1:1 with a steungezin's sign-up, made on
 * first use. It is also the shortlist's read model: the gemeente, kern, VOG validity, open
 * koppelingen and waiting time are kept here, so ranking 2,000 steungezinnen reads one table
 * with one index. Intakes and VOGs are in their own tables.
 */
export const steungezinScreenings = pgTable(
  'steungezin_screenings',
  {
    registrationId: uuid()
      .primaryKey()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    gemeenteSlug: text()
      .notNull()
      .references(() => gemeenten.slug),
    /** The checklist of the gemeente (or the national one) at the time, with what was ticked. */
    competences: jsonb().$type<CompetenceCheck[]>().notNull().default(sql`'[]'::jsonb`),
    checklistSignedOffAt: timestamptz('checklist_signed_off_at'),
    checklistSignedOffBy: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    /** Codes of dayOptions. */
    days: text().array().notNull().default(sql`'{}'::text[]`),
    /** Code of frequencyOptions. */
    frequency: text(),
    /** Code of sleepoverOptions. */
    sleepovers: text(),
    /** Codes of ageGroupOptions. */
    ageGroups: text().array().notNull().default(sql`'{}'::text[]`),
    /** How many families at once. */
    capacity: integer().notNull().default(1),
    /** "Niet beschikbaar tot": not on any shortlist before this day. */
    unavailableUntil: date({ mode: 'string' }),
    approvedAt: timestamptz('approved_at'),
    approvedBy: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    // What the shortlist ranks on, kept here so it reads one table (see src/server/koppelingen/README.md):
    /** Approved and still taking part (inbox status approved, proposed or matched). */
    inPool: boolean().notNull().default(false),
    /** The sign-up's kern and the profile it responded to, copied when the screening is made. */
    kern: text(),
    respondedToProfileId: uuid(),
    /** The earliest "valid until" of its VOGs; null while one is missing. */
    vogsValidUntil: date({ mode: 'string' }),
    /** Koppelingen that are proposed, agreed or active (kept by the koppelingen use cases). */
    openKoppelingen: integer().notNull().default(0),
    /** Since when it waits for a (next) family: approval, or the last start or end of a koppeling. */
    waitingSince: date({ mode: 'string' }),
    ...timestampColumns(),
  },
  (t) => [index('steungezin_screenings_pool_idx').on(t.gemeenteSlug).where(sql`${t.inPool}`)],
);

/** The two intake conversations with a steungezin: when, by whom, notes. */
export const screeningIntakes = pgTable(
  'screening_intakes',
  {
    registrationId: uuid()
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    /** 1 or 2. */
    number: integer().notNull(),
    heldOn: date({ mode: 'string' }).notNull(),
    staffId: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    /** Who held it, as written (also when that person has no account). */
    heldBy: text().notNull(),
    notes: text(),
    ...timestampColumns(),
  },
  (t) => [primaryKey({ columns: [t.registrationId, t.number] })],
);

/**
 * A VOG (certificate of conduct) per adult in the household: requested, received, valid until
 * (received + the renewal term, VOG_RENEWAL_YEARS). `reminded_for` holds the valid-until date a
 * renewal reminder was sent for, so each term is reminded once.
 */
export const screeningVogs = pgTable(
  'screening_vogs',
  {
    id: idColumn(),
    registrationId: uuid()
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    adultNumber: integer().notNull(),
    /** The adult's name as on the VOG request (null until known). */
    name: text(),
    requestedOn: date({ mode: 'string' }),
    receivedOn: date({ mode: 'string' }),
    validUntil: date({ mode: 'string' }),
    remindedFor: date({ mode: 'string' }),
    ...timestampColumns(),
  },
  (t) => [
    uniqueIndex('screening_vogs_adult_unique').on(t.registrationId, t.adultNumber),
    index('screening_vogs_valid_until_idx').on(t.validUntil).where(sql`${t.validUntil} is not null`),
  ],
);

/** Every change to a screening, for the steungezin's history. */
export const screeningHistory = pgTable(
  'screening_history',
  {
    id: idColumn(),
    registrationId: uuid()
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    staffId: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    at: timestamptz('at').notNull().defaultNow(),
    /** 'intake' | 'vog' | 'checklist' | 'availability' | 'approved' | 'approval_withdrawn' | 'adult_added' | 'adult_removed' */
    change: text().notNull(),
    detail: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [index('screening_history_registration_idx').on(t.registrationId, t.at)],
);
