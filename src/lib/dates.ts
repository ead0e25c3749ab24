/**
 * Calendar dates ("2026-11-29") for the follow-up of koppelingen and the screening of
 * steungezinnen. A due date is a day in Europe/Amsterdam, not an instant: "today" is taken from
 * a clock in Amsterdam time, and months are added on the calendar (31 January + 1 month is the
 * last day of February). Shared by the server and the pages.
 */
const amsterdamDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day it is in the Netherlands at `instant` (also around midnight and daylight-saving changes). */
export function amsterdamDate(instant: Date): string {
  return amsterdamDay.format(instant);
}

/** A real calendar date written as YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function parts(isoDate: string): [number, number, number] {
  if (!isIsoDate(isoDate)) throw new Error(`not a date: ${isoDate}`);
  return isoDate.split('-').map(Number) as [number, number, number];
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `months` later on the calendar; a day that does not exist becomes the last day of that month. */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = parts(isoDate);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return format(year, month, Math.min(d, lastDay));
}

export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = parts(isoDate);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return format(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/**
 * Days since 1970-01-01 for a date known to be valid (from the database): no checks, so it is cheap
 * enough to call for thousands of rows. Use daysBetween for input from people.
 */
export function dayNumber(isoDate: string): number {
  return (
    Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / 86_400_000
  );
}

const amsterdamClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** How far Amsterdam's clock is ahead of UTC at `instant`, in milliseconds (1 or 2 hours). */
function amsterdamOffset(instant: Date): number {
  const get = (type: string, all: Intl.DateTimeFormatPart[]) => Number(all.find((p) => p.type === type)!.value);
  const all = amsterdamClock.formatToParts(instant);
  const local = Date.UTC(
    get('year', all),
    get('month', all) - 1,
    get('day', all),
    get('hour', all),
    get('minute', all),
  );
  return local - Math.floor(instant.getTime() / 60_000) * 60_000;
}

/**
 * The instant at which the clocks in the Netherlands show `time` (HH:MM) on `isoDate`: an
 * appointment at 10:00 is 09:00 UTC in winter and 08:00 UTC in summer.
 */
export function amsterdamInstant(isoDate: string, time: string): Date {
  const [y, m, d] = parts(isoDate);
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  // Take the offset at the guess, then once more at the result (right on both sides of a DST change).
  const first = wall - amsterdamOffset(new Date(wall));
  return new Date(wall - amsterdamOffset(new Date(first)));
}
