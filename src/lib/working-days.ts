/**
 * Working days as the organisation counts them when it promises contact "binnen 10 werkdagen":
 * Monday to Friday, without the Dutch public holidays on which offices close (Nieuwjaarsdag,
 * Tweede Paasdag, Koningsdag, Hemelvaartsdag, Tweede Pinksterdag, Eerste en Tweede Kerstdag).
 * Goede Vrijdag and Bevrijdingsdag are working days for most; counting them keeps the promise
 * strict rather than generous. Days are ISO dates (YYYY-MM-DD) in Europe/Amsterdam.
 */
const DAY_MS = 86_400_000;
const toDate = (isoDay: string) => new Date(`${isoDay}T12:00:00Z`);
const toIso = (date: Date) => date.toISOString().slice(0, 10);

/** Easter Sunday (Gregorian calendar, the anonymous algorithm of Meeus/Jones/Butcher). */
function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day, 12));
}

const holidayCache = new Map<number, ReadonlySet<string>>();

function holidays(year: number): ReadonlySet<string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year).getTime();
  const afterEaster = (days: number) => toIso(new Date(easter + days * DAY_MS));
  // Koningsdag moves to the 26th when the 27th is a Sunday.
  const kingsDay = toDate(`${year}-04-27`).getUTCDay() === 0 ? `${year}-04-26` : `${year}-04-27`;
  const set = new Set([
    `${year}-01-01`,
    afterEaster(1),
    kingsDay,
    afterEaster(39),
    afterEaster(50),
    `${year}-12-25`,
    `${year}-12-26`,
  ]);
  holidayCache.set(year, set);
  return set;
}

function isWorkingDay(date: Date): boolean {
  const weekday = date.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays(date.getUTCFullYear()).has(toIso(date));
}

/** The working day `count` working days after `isoDay` (the day itself does not count). */
export function addWorkingDays(isoDay: string, count: number): string {
  let date = toDate(isoDay);
  let left = count;
  while (left > 0) {
    date = new Date(date.getTime() + DAY_MS);
    if (isWorkingDay(date)) left--;
  }
  return toIso(date);
}
