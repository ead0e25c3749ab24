import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamptz } from '~/server/db/columns.helpers';
import { registrations } from '~/server/registrations/registrations.table';
import { staffUsers } from '~/server/staff/staff.table';

/**
 * The coordinator's working state of one sign-up (1:1 with registrations, made on first use):
 * who handles it, the family a referral is about, and the reason of the last side exit.
 * The pipeline status itself is registrations.status (owned by the inbox).
 */
export const inboxItems = pgTable(
  'inbox_items',
  {
    registrationId: uuid()
      .primaryKey()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    assignedStaffId: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    /** For a verwijzing: the vraaggezin sign-up it is about. */
    familyRegistrationId: uuid().references(() => registrations.id, { onDelete: 'set null' }),
    /** Where to (doorverwezen) or why (niet passend), for the current status. */
    statusNote: text(),
    statusChangedAt: timestamptz('status_changed_at'),
  },
  (t) => [index('inbox_items_assigned_idx').on(t.assignedStaffId).where(sql`${t.assignedStaffId} is not null`)],
);

/** Timestamped notes by their author. */
export const inboxNotes = pgTable(
  'inbox_notes',
  {
    id: idColumn(),
    registrationId: uuid()
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    authorId: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    body: text().notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('inbox_notes_registration_idx').on(t.registrationId, t.createdAt)],
);

/** Contact moments: a call, a visit, a mail, on a date. */
export const inboxContacts = pgTable(
  'inbox_contacts',
  {
    id: idColumn(),
    registrationId: uuid()
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    authorId: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    /** 'call' | 'visit' | 'mail' | 'other' */
    channel: text().notNull(),
    contactedOn: date({ mode: 'string' }).notNull(),
    summary: text(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('inbox_contacts_registration_idx').on(t.registrationId, t.contactedOn)],
);

/** Every change to a sign-up, shown as its history. */
/**
 * The old per-adult VOG checklist. Unused since issue 14: the VOGs live in the screening
 * (`screening_vogs`); migration 0021 copied every row there. The table stays until a contract
 * migration drops it (expand, then contract: docs/deploy.md "Upgrades"), because an instance of
 * the previous release may still write to it during a rolling upgrade. That migration copies
 * once more (0021's statements are idempotent) and then drops it (decision 018).
 */
export const inboxVogChecks = pgTable(
  'inbox_vog_checks',
  {
    registrationId: uuid()
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    adultNumber: integer().notNull(),
    requestedOn: date({ mode: 'string' }),
    receivedOn: date({ mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.registrationId, t.adultNumber] })],
);

export const inboxHistory = pgTable(
  'inbox_history',
  {
    id: idColumn(),
    registrationId: uuid()
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    staffId: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    at: timestamptz('at').notNull().defaultNow(),
    /** 'status' | 'assignment' | 'note' | 'contact' | 'duplicate' | 'family' | 'vog' (before the screening had its own history) */
    change: text().notNull(),
    fromValue: text(),
    toValue: text(),
    detail: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [index('inbox_history_registration_idx').on(t.registrationId, t.at)],
);

/** When each staff member last opened a sign-up (unread markers). */
export const inboxReads = pgTable(
  'inbox_reads',
  {
    staffId: uuid()
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    registrationId: uuid()
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    readAt: timestamptz('read_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.registrationId, t.staffId] })],
);
