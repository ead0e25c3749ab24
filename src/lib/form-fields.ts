/**
 * Building blocks for form validation, shared by the server (the truth) and the islands: each
 * field is a small zod schema that takes the raw form value (a string, a list of strings for
 * checkbox groups, or anything at all from a hostile client), normalises it and says in plain
 * Dutch what is wrong. `parseWith` runs a shape of fields plus rules between fields and reports
 * every problem at once, in the order of the form.
 */
import { z } from 'zod';
import { isIsoDate } from './dates';
import { cleanText } from './registration.normalize';
import type { Option } from './registration.options';
import { BSN_MESSAGE, findBsn } from './sensitive-text';

export type FieldErrors = Record<string, string>;

const UNREADABLE = 'We konden dit veld niet lezen. Vul het opnieuw in.';
// Anything longer is certainly not typed by a person; refuse before doing work on it.
const HARD_LIMIT = 20_000;

export function single(value: unknown): unknown {
  return Array.isArray(value) ? value.at(-1) : value;
}

/**
 * Raw value -> trimmed text or null when empty; issues for wrong types, length and a BSN. A BSN
 * is never stored (docs/domain.md, "Privacy rules"): every field refuses a number called one
 * ("BSN 123…"); free text (`freeText`, by default the multiline fields: a situation, a note),
 * where someone may type one without saying so, also refuses any 9 digits that pass the 11-check.
 * A short field (a name, an organisation, a place) keeps such a number: there it is a reference.
 */
export const text = ({
  max,
  required,
  multiline = false,
  freeText = multiline,
}: {
  max: number;
  required?: string;
  multiline?: boolean;
  freeText?: boolean;
}) =>
  z.unknown().transform((raw, ctx): string | null => {
    const value = single(raw);
    if (value === undefined || value === null || value === '') {
      if (required) ctx.addIssue(required);
      return null;
    }
    if (typeof value !== 'string' || value.length > HARD_LIMIT) {
      ctx.addIssue(typeof value === 'string' ? `Dit is te lang. Gebruik hoogstens ${max} tekens.` : UNREADABLE);
      return null;
    }
    const cleaned = cleanText(value, { multiline });
    if (cleaned === '') {
      if (required) ctx.addIssue(required);
      return null;
    }
    if (cleaned.length > max) ctx.addIssue(`Dit is te lang. Gebruik hoogstens ${max} tekens (nu ${cleaned.length}).`);
    else if (findBsn(cleaned, { labelledOnly: !freeText }).length > 0) ctx.addIssue(BSN_MESSAGE);
    return cleaned;
  });

export function choice<const O extends readonly Option[]>(options: O, { required }: { required?: string } = {}) {
  return text({ max: 40, required }).transform((value, ctx): O[number]['value'] | null => {
    if (value === null) return null;
    if (!options.some((o) => o.value === value)) {
      ctx.addIssue('Kies een van de mogelijkheden.');
      return null;
    }
    return value as O[number]['value'];
  });
}

export function choices<const O extends readonly Option[]>(options: O, { required }: { required?: string } = {}) {
  return z.unknown().transform((raw, ctx): O[number]['value'][] => {
    const list = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
    if (list.length > options.length * 2 || list.some((v) => typeof v !== 'string')) {
      ctx.addIssue(UNREADABLE);
      return [];
    }
    const values = [...new Set((list as string[]).map((v) => v.trim()).filter(Boolean))];
    if (values.some((v) => !options.some((o) => o.value === v))) {
      ctx.addIssue('Kies uit de mogelijkheden die je ziet.');
      return [];
    }
    if (required && values.length === 0) ctx.addIssue(required);
    // Keep the order of the form, whatever order the browser sent.
    return options.map((o) => o.value).filter((v) => values.includes(v)) as O[number]['value'][];
  });
}

/** A checkbox: ticked when the value is "ja" (what our forms send) or "on" (the browser default). */
export const checkbox = ({ required }: { required?: string } = {}) =>
  z.unknown().transform((raw, ctx): boolean => {
    const value = single(raw);
    const ticked = value === 'ja' || value === 'on';
    if (value !== undefined && value !== null && value !== '' && !ticked) {
      ctx.addIssue(UNREADABLE);
      return false;
    }
    if (required && !ticked) ctx.addIssue(required);
    return ticked;
  });

export const wholeNumber = ({ min, max, required }: { min: number; max: number; required?: string }) =>
  text({ max: 3, required }).transform((value, ctx): number | null => {
    if (value === null) return null;
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!(n >= min && n <= max)) {
      ctx.addIssue(`Vul een getal in van ${min} tot en met ${max}.`);
      return null;
    }
    return n;
  });

/**
 * A calendar date as the browser's date field sends it (2026-11-23). `notAfter` / `notBefore`
 * bound it (e.g. not in the future), with the message to show.
 */
export const isoDay = ({
  required,
  notAfter,
  notBefore,
}: {
  required?: string;
  notAfter?: { day: string; message: string };
  notBefore?: { day: string; message: string };
} = {}) =>
  text({ max: 10, required }).transform((value, ctx): string | null => {
    if (value === null) return null;
    if (!isIsoDate(value)) {
      ctx.addIssue('Vul een geldige datum in, bijvoorbeeld 2026-11-23.');
      return null;
    }
    if (notAfter && value > notAfter.day) ctx.addIssue(notAfter.message);
    if (notBefore && value < notBefore.day) ctx.addIssue(notBefore.message);
    return value;
  });

type Shape = Record<string, z.ZodType>;
export type Output<S extends Shape> = { [K in keyof S]: z.output<S[K]> };
type CrossRule<S extends Shape> = (values: Output<S>, add: (field: keyof S & string, message: string) => void) => void;

export type ParseResult<T> = { success: true; data: T } | { success: false; errors: FieldErrors };

export function parseWith<S extends Shape>(
  shape: S,
  rules: CrossRule<S>,
  raw: Record<string, unknown>,
): ParseResult<Output<S>> {
  const errors: FieldErrors = {};
  const values = {} as Output<S>;
  for (const [field, schema] of Object.entries(shape)) {
    const result = schema.safeParse(Object.hasOwn(raw, field) ? raw[field] : undefined);
    if (result.success) values[field as keyof S] = result.data as Output<S>[keyof S];
    else {
      errors[field] = result.error.issues[0]?.message ?? UNREADABLE;
      values[field as keyof S] = null as Output<S>[keyof S];
    }
  }
  rules(values, (field, message) => {
    errors[field] ??= message;
  });
  // Report errors in the order of the form.
  const ordered = Object.fromEntries(
    Object.keys(shape)
      .filter((f) => errors[f])
      .map((f) => [f, errors[f]!]),
  );
  return Object.keys(ordered).length ? { success: false, errors: ordered } : { success: true, data: values };
}
