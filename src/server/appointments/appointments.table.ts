import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamptz } from '~/server/db/columns.helpers';
import { gemeenten } from '~/server/gemeenten/gemeenten.table';
import { registrations } from '~/server/registrations/registrations.table';
import { staffUsers } from '~/server/staff/staff.table';

/**
 * A planned kennismaking visit with a family (docs/domain.md, steps 2-4): a day, a time on the
 * Dutch clock and a place, at the family's home or elsewhere. The staff member who goes sees it
 * in her agenda feed and her daily digest. Cancelling keeps the row (the log says who planned
 * what); it leaves the feed at its next refresh. The gemeente is the sign-up's, kept here so the
 * feed and the digest read one index.
 */
export const appointments = pgTable(
  'appointments',
  {
    id: idColumn(),
    registrationId: uuid()
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    gemeenteSlug: text()
      .notNull()
      .references(() => gemeenten.slug),
    /** Who goes (set null when the account is removed: the visit stays on the record). */
    staffId: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    onDate: date({ mode: 'string' }).notNull(),
    /** HH:MM on the Dutch clock. */
    startTime: text().notNull(),
    durationMinutes: integer().notNull().default(60),
    /** 'home' (at the family's home) | 'elsewhere' (`placeNote` says where). */
    place: text().notNull(),
    placeNote: text(),
    createdBy: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    cancelledAt: timestamptz('cancelled_at'),
    cancelledBy: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('appointments_registration_idx').on(t.registrationId, t.onDate),
    index('appointments_staff_day_idx').on(t.staffId, t.onDate).where(sql`${t.cancelledAt} is null`),
    check('appointments_place_check', sql`${t.place} in ('home', 'elsewhere')`),
    check('appointments_time_check', sql`${t.startTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
  ],
);

export type AppointmentRow = typeof appointments.$inferSelect;
export type NewAppointmentRow = typeof appointments.$inferInsert;
