import { sql } from 'drizzle-orm';
import { pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestampColumns, timestamptz } from '../db/columns.helpers';
import { municipalities } from '../municipalities/municipalities.table';

export const staffRoleEnum = pgEnum('staff_role', ['coordinator', 'regional', 'backoffice']);

/** Staff accounts (coordinators, regional coordinators, backoffice). Invite-only. */
export const staffUsers = pgTable(
  'staff_users',
  {
    id: idColumn(),
    email: text().notNull(),
    displayName: text().notNull(),
    role: staffRoleEnum().notNull(),
    /** argon2id; null until the invited person has set a password. */
    passwordHash: text(),
    disabledAt: timestamptz('disabled_at'),
    ...timestampColumns(),
  },
  (t) => [uniqueIndex('staff_users_email_unique').on(sql`lower(${t.email})`)],
);

/** The gemeenten a coordinator works in (regional staff get theirs through the region). */
export const staffMunicipalities = pgTable(
  'staff_municipalities',
  {
    staffId: uuid()
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    municipalitySlug: text()
      .notNull()
      .references(() => municipalities.slug),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.municipalitySlug] })],
);
