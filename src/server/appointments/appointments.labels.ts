/** The Dutch words of kennismaking visits: where, and how a visit reads in lists, the digest and the agenda. */
import type { AppointmentRow } from './appointments.repository';

export const PLACE_OPTIONS = [
  { value: 'home', label: 'Bij het gezin thuis' },
  { value: 'elsewhere', label: 'Ergens anders' },
] as const;

const weekdayDate = new Intl.DateTimeFormat('nl-NL', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "donderdag 3 december 2026 om 19:30". */
export function appointmentWhen(row: Pick<AppointmentRow, 'onDate' | 'startTime'>): string {
  return `${weekdayDate.format(new Date(`${row.onDate}T12:00:00Z`))} om ${row.startTime}`;
}

/** Where, for staff behind the login: "bij het gezin thuis" or the place they wrote. */
export function appointmentWhere(row: Pick<AppointmentRow, 'place' | 'placeNote'>): string {
  return row.place === 'home' ? 'bij het gezin thuis' : (row.placeNote ?? 'ergens anders');
}

/**
 * Where, for places outside the portal (an agenda app, the digest mail): never the family's
 * address or a place typed by hand, which may hold one. The link opens the record.
 */
export function appointmentWhereOutside(row: Pick<AppointmentRow, 'place'>): string {
  return row.place === 'home' ? 'Bij het gezin thuis (adres in het portaal)' : 'Ergens anders (zie het portaal)';
}
