import { pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '~/server/db/columns.helpers';
import { staffUsers } from '~/server/staff/staff.table';

/**
 * A staff member's private iCalendar feed: the secret URL her agenda app subscribes to. Only a
 * SHA-256 hash of the secret is stored; renewing replaces it (the old URL stops working at once).
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    staffId: uuid()
      .primaryKey()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    lastFetchedAt: timestamptz('last_fetched_at'),
  },
  (t) => [uniqueIndex('calendar_feeds_token_unique').on(t.tokenHash)],
);
