/**
 * What appears in a staff member's agenda feed. Each domain that has dates for staff adds one
 * source here (the kennismaking visits of src/server/appointments are one): a function from the
 * reader (her id and gemeenten) and a window of days to events. A source never puts names or case details in
 * an event; the event's link opens the record behind the login.
 */
import { appointmentCalendarEvents } from '~/server/appointments/appointments.usecases';
import type { DbOrTx } from '~/server/db/db';
import { dueCalendarEvents } from '~/server/koppelingen/koppelingen.usecases';
import type { CalendarEvent } from './calendar.ics';

type CalendarWindow = {
  /** Whose feed it is (sources with personal events, e.g. the visits she goes to). */
  staffId: string;
  /** Gemeenten within the reader's reach (null: all, the national office). */
  gemeenten: readonly string[] | null;
  from: string;
  to: string;
  today: string;
  /** Absolute URL for a portal path. */
  url: (path: string) => string;
};

export type CalendarSource = { name: string; events: (db: DbOrTx, window: CalendarWindow) => Promise<CalendarEvent[]> };

export const calendarSources: readonly CalendarSource[] = [
  // Evaluations and afrondingen of active koppelingen (src/server/koppelingen).
  { name: 'koppelingen', events: dueCalendarEvents },
  // Kennismaking visits the reader goes to, at their time (src/server/appointments).
  { name: 'kennismakingen', events: appointmentCalendarEvents },
];
