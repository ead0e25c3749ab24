import { sql } from 'drizzle-orm';
import { bigint, index, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestampColumns, timestamptz } from '~/server/db/columns.helpers';
import { gemeenten } from '~/server/gemeenten/gemeenten.table';

export const staffRoleEnum = pgEnum('staff_role', ['coordinator', 'regional', 'backoffice', 'gemeente']);
export const staffNotificationModeEnum = pgEnum('staff_notification_mode', ['immediate', 'daily_digest']);
export type StaffRole = (typeof staffRoleEnum.enumValues)[number];

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
    /** TOTP key, AES-256-GCM encrypted with a key derived from APP_SECRET (see auth/totp.ts). */
    totpKeyEncrypted: text(),
    /** Set once the person proved the authenticator works; until then they cannot log in. */
    totpEnrolledAt: timestamptz('totp_enrolled_at'),
    /** Last accepted TOTP time step: a code is accepted once (no replay within its window). */
    totpLastStep: bigint({ mode: 'number' }),
    /** New sign-ups: one mail each ('immediate') or one mail a day ('daily_digest'). */
    notificationMode: staffNotificationModeEnum().notNull().default('immediate'),
    lastDigestAt: timestamptz('last_digest_at'),
    ...timestampColumns(),
  },
  (t) => [uniqueIndex('staff_users_email_unique').on(sql`lower(${t.email})`)],
);

/** The gemeenten a coordinator works in (regional staff get theirs through the region). */
export const staffGemeenten = pgTable(
  'staff_gemeenten',
  {
    staffId: uuid()
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    gemeenteSlug: text()
      .notNull()
      .references(() => gemeenten.slug),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.gemeenteSlug] })],
);

/** The regions (gemeenten.region) a regional coordinator reads and helps in. */
export const staffRegions = pgTable(
  'staff_regions',
  {
    staffId: uuid()
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    region: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.region] }), index('staff_regions_region_idx').on(t.region)],
);
