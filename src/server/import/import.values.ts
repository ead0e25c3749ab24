/**
 * Reading one cell of a coordinator's spreadsheet: headers, dates in the ways people write them,
 * and the text that could be a formula. Pure functions, no database.
 */
import { isIsoDate } from '~/lib/dates';
import { closureReasons } from '~/server/koppelingen/koppelingen.labels';

/** "VOG ontvangen" -> "vogontvangen": lower case, no accents, letters and digits only. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** A person's name as a key: "  Familie  de Bruijn " and "familie de bruijn" are the same. */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const MONTHS: Record<string, number> = {
  jan: 1,
  januari: 1,
  feb: 2,
  februari: 2,
  mrt: 3,
  maart: 3,
  apr: 4,
  april: 4,
  mei: 5,
  jun: 6,
  juni: 6,
  jul: 7,
  juli: 7,
  aug: 8,
  augustus: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oktober: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

const iso = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** Excel counts days from 30 December 1899 (with its 1900 leap-year bug already in that origin). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A date as written in a Dutch spreadsheet: 14-03-2025, 14/3/25, 14.03.2025, 2025-03-14,
 * 14 maart 2025, or an Excel serial number (45730). Returns YYYY-MM-DD or undefined.
 */
export function parseDate(raw: string): string | undefined {
  const text = raw.trim().toLowerCase();
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ].*)?$/.exec(text);
  if (match) return valid(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(text);
  if (match) return valid(fullYear(match[3]!), Number(match[2]), Number(match[1]));
  match = /^(\d{1,2})[\s-]+([a-z]+)\.?[\s-]+(\d{2}|\d{4})$/.exec(text);
  if (match && MONTHS[match[2]!]) return valid(fullYear(match[3]!), MONTHS[match[2]!]!, Number(match[1]));
  if (/^\d{5}(\.\d+)?$/.test(text)) {
    const serial = Math.floor(Number(text));
    // 1 January 1990 .. 31 December 2099: a number outside that range is not meant as a date.
    if (serial < 32874 || serial > 73415) return undefined;
    return new Date(EXCEL_EPOCH + serial * 86_400_000).toISOString().slice(0, 10);
  }
  return undefined;
}

function fullYear(text: string): number {
  const year = Number(text);
  return text.length === 2 ? (year < 70 ? 2000 + year : 1900 + year) : year;
}

function valid(year: number, month: number, day: number): string | undefined {
  const value = iso(year, month, day);
  return isIsoDate(value) && year >= 1990 && year <= 2099 ? value : undefined;
}

/**
 * Text a spreadsheet program would run as a formula when the data is opened again (CSV
 * injection): starts with =, @, or + / - followed by something other than a number.
 * A phone number like +31 6 ... is not one.
 */
export function looksLikeFormula(value: string): boolean {
  const text = value.trimStart();
  if (/^[=@]/.test(text)) return true;
  if (/^[+-]/.test(text)) return !/^[+-][\d\s().-]*$/.test(text);
  return /^[\t\r]/.test(value);
}

/** A plain e-mail address (the form's own check is stricter; this catches typing in a list). */
export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(value) && value.length <= 254;
}

/** Words coordinators write for a reason of afronding, beside the portal's own labels. */
const REASON_WORDS: [string, (typeof closureReasons)[number]['value']][] = [
  ['doel', 'goal_reached'],
  ['klaar', 'goal_reached'],
  ['2 jaar', 'two_years'],
  ['twee jaar', 'two_years'],
  ['verhuis', 'moved'],
  ['vraaggezin', 'stopped_vraaggezin'],
  ['steungezin', 'stopped_steungezin'],
  ['vrijwilliger', 'stopped_steungezin'],
  ['doorverw', 'referred'],
  ['andere hulp', 'referred'],
];

/** The reason of an afronding as one of the portal's codes, or null when the text is not one we know. */
export function closureReasonOf(raw: string): string | null {
  const text = nameKey(raw);
  const exact = closureReasons.find((reason) => nameKey(reason.label) === text || reason.value === text);
  if (exact) return exact.value;
  return REASON_WORDS.find(([word]) => text.includes(word))?.[1] ?? null;
}
