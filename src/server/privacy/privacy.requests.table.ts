import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamptz } from '~/server/db/columns.helpers';
import { registrations } from '~/server/registrations/registrations.table';
import { staffUsers } from '~/server/staff/staff.table';

/**
 * A link to /mijn-gegevens/<token> (privacy.requests.ts): someone asked for it with the e-mail
 * address or phone number she used, and it went to the e-mail address of the matching sign-ups.
 * It shows the sign-ups whose own contact address is `email` (and, asked by phone, whose phone is
 * `phone` too) for 24 hours. Only the SHA-256 hash of the token is stored (auth/tokens.ts).
 * Deleted once expired (retention housekeeping). Decision 030.
 */
export const privacyAccessLinks = pgTable(
  'privacy_access_links',
  {
    id: idColumn(),
    tokenHash: text().notNull().unique(),
    /** The address the link was sent to: the sign-ups with this contact address are shown. */
    email: text().notNull(),
    /** Asked by phone number: only the sign-ups with this number as well. */
    phone: text(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (t) => [index('privacy_access_links_expires_idx').on(t.expiresAt)],
);

/**
 * A person's request to delete a sign-up (AVG art. 17), made on /mijn-gegevens, answered by the
 * backoffice on /beheer/verzoeken within 4 weeks (AVG art. 12). The row stays after the deletion
 * (the sign-up's id becomes null) as the proof that it was answered; the reply address is erased
 * once the answer is queued. Closed requests go after 1 year, like the access log.
 */
export const privacyRequests = pgTable(
  'privacy_requests',
  {
    id: idColumn(),
    registrationId: uuid().references(() => registrations.id, { onDelete: 'set null' }),
    gemeenteSlug: text().notNull(),
    /** 'erase' (the only kind so far; a correction goes to the coordinator's inbox) */
    kind: text().notNull(),
    /** 'open' | 'done' | 'refused' */
    status: text().notNull().default('open'),
    receivedAt: timestamptz('received_at').notNull().defaultNow(),
    dueOn: date({ mode: 'string' }).notNull(),
    /** Where the answer goes; null once it is queued. */
    replyTo: text(),
    decidedAt: timestamptz('decided_at'),
    decidedBy: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    /** Why it was refused: 'held' | 'open_koppeling' | 'concern' */
    refusal: text(),
  },
  (t) => [
    check('privacy_requests_kind_check', sql`${t.kind} in ('erase')`),
    check('privacy_requests_status_check', sql`${t.status} in ('open', 'done', 'refused')`),
    uniqueIndex('privacy_requests_open_idx').on(t.registrationId, t.kind).where(sql`${t.status} = 'open'`),
    index('privacy_requests_queue_idx').on(t.status, t.dueOn),
  ],
);

export type PrivacyRequestRow = typeof privacyRequests.$inferSelect;
