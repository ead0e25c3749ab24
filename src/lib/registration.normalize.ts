/**
 * Normalisation of what people type into the sign-up forms, shared by server and browser.
 * Each function returns the clean value or `undefined` when the input cannot be understood.
 */
import type { ChildAge } from './registration.types';

/**
 * Trims, makes line ends uniform and removes control characters (PostgreSQL cannot store NUL,
 * and nobody means to type the others). Newlines and tabs are kept only in multi-line text.
 */
export function cleanText(value: string, { multiline = false } = {}): string {
  const unified = value.normalize('NFC').replace(/\r\n?/g, '\n');
  const stripped = multiline
    ? // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
      unified.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
    : // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
      unified.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  // Lone surrogates cannot be stored as UTF-8.
  const wellFormed = stripped.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
  return multiline
    ? wellFormed
        .replace(/[ \t]+\n/g, '\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim()
    : wellFormed.replace(/\s+/g, ' ').trim();
}

/**
 * A phone number as digits with country code, e.g. "+31612345678".
 * Accepts 06-12345678, 06 1234 5678, (010) 123 45 67, +31 6 12345678, +31 (0)6 12345678,
 * 0031 6 12345678, and other international numbers written with + or 00.
 */
export function normalizePhone(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (!/^[+\d\s\-()./]+$/.test(trimmed)) return undefined;
  let value = trimmed.replace(/\(0\)/g, '').replace(/[\s\-()./]/g, '');
  if (value.startsWith('00')) value = `+${value.slice(2)}`;
  if (/^0\d{9}$/.test(value)) value = `+31${value.slice(1)}`;
  if (!/^\+\d{8,15}$/.test(value)) return undefined;
  // Dutch numbers have exactly nine digits after +31 and never start with 0 there.
  if (value.startsWith('+31') && !/^\+31[1-9]\d{8}$/.test(value)) return undefined;
  return value;
}

/** Dutch postcode as "1234 AB". */
export function normalizePostcode(raw: string): string | undefined {
  const match = /^\s*([1-9]\d{3})\s*([a-zA-Z]{2})\s*$/.exec(raw);
  if (!match) return undefined;
  const letters = match[2]!.toUpperCase();
  if (['SA', 'SD', 'SS'].includes(letters)) return undefined; // never issued
  return `${match[1]} ${letters}`;
}

/**
 * Children's ages as written: "4, 7 en 11", "2015 en 2019", "3 jaar". Numbers up to 23 are ages,
 * four-digit numbers are birth years. Returns undefined when a number is neither.
 */
export function parseChildAges(raw: string, currentYear: number): ChildAge[] | undefined {
  const numbers = raw.match(/\d+/g) ?? [];
  const children: ChildAge[] = [];
  for (const text of numbers) {
    const n = Number(text);
    if (text.length <= 2 && n <= 23) children.push({ age: n });
    else if (text.length === 4 && n >= currentYear - 23 && n <= currentYear) children.push({ birthYear: n });
    else return undefined;
  }
  return children;
}
