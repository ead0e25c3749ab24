import { index, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamptz } from '~/server/db/columns.helpers';
import { staffUsers } from '~/server/staff/staff.table';

/**
 * Staff sessions (Lucia guide): the cookie holds `id.secret`; only SHA-256(secret) is stored.
 * A session is "pending" until the second factor was given (two_factor_verified_at null).
 */
export const staffSessions = pgTable(
  'staff_sessions',
  {
    id: text().primaryKey(),
    secretHash: text().notNull(),
    staffId: uuid()
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    createdAt: timestamptz('created_at').notNull(),
    lastVerifiedAt: timestamptz('last_verified_at').notNull(),
    twoFactorVerifiedAt: timestamptz('two_factor_verified_at'),
    clientAddress: text(),
    userAgent: text(),
  },
  (t) => [index('staff_sessions_staff_idx').on(t.staffId)],
);

export const authTokenPurposeEnum = pgEnum('auth_token_purpose', ['invitation', 'password_reset']);

/** Single-use, expiring links sent by e-mail (invitation, password reset). Hash only. */
export const authTokens = pgTable(
  'auth_tokens',
  {
    id: text().primaryKey(),
    secretHash: text().notNull(),
    purpose: authTokenPurposeEnum().notNull(),
    staffId: uuid()
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    createdAt: timestamptz('created_at').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    usedAt: timestamptz('used_at'),
  },
  (t) => [index('auth_tokens_staff_idx').on(t.staffId, t.purpose)],
);

/** One-time recovery codes for a lost authenticator; SHA-256 hashes (the codes carry 60 bits). */
export const staffRecoveryCodes = pgTable(
  'staff_recovery_codes',
  {
    id: idColumn(),
    staffId: uuid()
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    codeHash: text().notNull(),
    usedAt: timestamptz('used_at'),
  },
  (t) => [index('staff_recovery_codes_staff_idx').on(t.staffId)],
);
