/**
 * How typed text becomes search terms, shared by both adapters and the highlighter:
 * phone numbers in any format (06-12345678, +31 6 1234 5678) become national digits
 * (0612345678), postcodes with or without space become "6191ab", e-mail addresses stay whole,
 * and the rest becomes lower-case words without accents.
 */

/** Lower case without accents (Fátima -> fatima), like PostgreSQL's search_key(). */
export function foldText(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export type ParsedSearchText = {
  words: string[];
  phones: string[];
  postcodes: string[];
  emails: string[];
  /** The whole text folded and with single spaces, to compare with a full name. */
  whole: string;
};

const MAX_WORDS = 8;
const EMAIL = /[^\s@]+@[^\s@]+/g;
// A run of digits with separators; only counted as a phone number with 8+ digits.
const PHONE = /(?:\+|00)?\d[\d\s\-().]{6,}\d/g;
const POSTCODE = /\b(\d{4})\s?([a-z]{2})\b/g;

/** "+31612345678", "0031 6 ...", "06-1234 5678" -> "0612345678"; null when it is no phone number. */
export function nationalPhone(value: string): string | null {
  let digits = value.replace(/\D/g, '');
  if (value.trim().startsWith('+') || digits.startsWith('00')) {
    digits = digits.replace(/^00/, '');
    if (digits.startsWith('31')) digits = `0${digits.slice(2)}`;
  }
  return digits.length >= 8 && digits.length <= 15 ? digits : null;
}

export function parseSearchText(text: string): ParsedSearchText {
  let rest = foldText(text.slice(0, 200));
  const whole = rest.replace(/\s+/g, ' ').trim();
  const emails: string[] = [];
  rest = rest.replace(EMAIL, (m) => {
    emails.push(m.replace(/^[<("']+|[>)"'.,;]+$/g, ''));
    return ' ';
  });
  const phones: string[] = [];
  rest = rest.replace(PHONE, (m) => {
    const phone = nationalPhone(m);
    if (!phone) return m;
    phones.push(phone);
    return ' ';
  });
  const postcodes: string[] = [];
  rest = rest.replace(POSTCODE, (_m, digits: string, letters: string) => {
    postcodes.push(`${digits}${letters}`);
    return ' ';
  });
  const words = [...new Set(rest.match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, MAX_WORDS);
  return {
    words,
    phones: [...new Set(phones)],
    postcodes: [...new Set(postcodes)],
    emails: [...new Set(emails)],
    whole,
  };
}

export function isEmptySearch(parsed: ParsedSearchText): boolean {
  return parsed.words.length + parsed.phones.length + parsed.postcodes.length + parsed.emails.length === 0;
}
