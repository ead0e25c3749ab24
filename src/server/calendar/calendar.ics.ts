/**
 * iCalendar (RFC 5545) for the private agenda feed: all-day events and events at a time on the
 * Dutch clock (written in UTC, so no VTIMEZONE is needed), text escaped, lines folded at 75
 * octets, CRLF line ends. Pure: the feed's sources (calendar.sources.ts) give the events.
 */
import { addDays, amsterdamInstant } from '~/lib/dates';

export type CalendarEvent = {
  /** Stable across refreshes, unique per event (e.g. "evaluatie-<koppeling>-2@buurtgezinnen"). */
  uid: string;
  /** The day (YYYY-MM-DD, Europe/Amsterdam): an all-day event unless `time` is given. */
  date: string;
  /** Starts at `start` (HH:MM on the Dutch clock) and lasts `minutes`. */
  time?: { start: string; minutes: number };
  summary: string;
  location?: string;
  description?: string;
  /** Absolute link to the page in the portal. */
  url?: string;
};

/** TEXT value escaping (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line into chunks of at most 75 octets, never splitting a character (RFC 5545 3.1). */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (size + bytes > limit) {
      out.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += bytes;
  }
  out.push(current);
  return out.join('\r\n ');
}

const day = (isoDate: string) => isoDate.replaceAll('-', '');
const stamp = (at: Date) =>
  `${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')}`;

function when(event: CalendarEvent): string[] {
  if (!event.time) return [`DTSTART;VALUE=DATE:${day(event.date)}`, `DTEND;VALUE=DATE:${day(addDays(event.date, 1))}`];
  const start = amsterdamInstant(event.date, event.time.start);
  const end = new Date(start.getTime() + event.time.minutes * 60_000);
  return [`DTSTART:${stamp(start)}`, `DTEND:${stamp(end)}`];
}

export function renderCalendar(input: { name: string; events: readonly CalendarEvent[]; now: Date }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Buurtgezinnen//Portaal//NL',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(input.name)}`,
    'X-WR-TIMEZONE:Europe/Amsterdam',
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];
  for (const event of input.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(event.uid)}`,
      `DTSTAMP:${stamp(input.now)}`,
      ...when(event),
      `SUMMARY:${escapeText(event.summary)}`,
      ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
      ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
      ...(event.url ? [`URL:${event.url}`] : []),
      // An appointment takes the time; a due date only reminds.
      event.time ? 'TRANSP:OPAQUE' : 'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
