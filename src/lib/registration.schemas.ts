/**
 * The three sign-up forms' validation, shared by the server (the truth) and the Preact island
 * (inline hints). Each field is a small zod schema that takes the raw form value (a string, a
 * list of strings for checkbox groups, or anything at all from a hostile client), normalises it
 * and says in plain Dutch what is wrong. Rules between fields (at least one way to reach you)
 * run after the fields, always, so every problem is reported in one go.
 */
import { z } from 'zod';
import { cleanText, normalizePhone, normalizePostcode, parseChildAges } from './registration.normalize';
import {
  ageGroupOptions,
  contactTimeOptions,
  dayOptions,
  firstContactOptions,
  frequencyOptions,
  type Option,
  organisationTypeOptions,
  sleepoverOptions,
  sourceOptions,
  supportWishOptions,
  vogOptions,
} from './registration.options';
import type { ChildAge, RegistrationKind } from './registration.types';
import { BSN_MESSAGE, findBsn } from './sensitive-text';

export type FieldErrors = Record<string, string>;

/** The longest answer per text field (the forms use them as maxlength; the schemas refuse longer). */
export const REGISTRATION_LIMITS = {
  name: 100,
  email: 254,
  phone: 40,
  postcode: 10,
  kern: 80,
  childAges: 200,
  adults: 3,
  message: 2000,
  motivation: 1000,
  reason: 1000,
  organisationName: 120,
} as const;

const UNREADABLE = 'We konden dit veld niet lezen. Vul het opnieuw in.';
// Anything longer is certainly not typed by a person; refuse before doing work on it.
const HARD_LIMIT = 20_000;

function single(value: unknown): unknown {
  return Array.isArray(value) ? value.at(-1) : value;
}

/** Raw value -> trimmed text or null when empty; issues for wrong types and length. */
const text = ({ max, required, multiline = false }: { max: number; required?: string; multiline?: boolean }) =>
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
    // A BSN is never stored, in any field (docs/domain.md, "Privacy rules").
    else if (findBsn(cleaned).length > 0) ctx.addIssue(BSN_MESSAGE);
    return cleaned;
  });

const emailSchema = z.email();
const email = ({ required }: { required?: string } = {}) =>
  text({ max: REGISTRATION_LIMITS.email, required }).transform((value, ctx) => {
    if (value === null) return null;
    const lower = value.toLowerCase();
    if (/\s/.test(lower) || !emailSchema.safeParse(lower).success) {
      ctx.addIssue('Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.');
      return null;
    }
    return lower;
  });

const phone = ({ required }: { required?: string } = {}) =>
  text({ max: REGISTRATION_LIMITS.phone, required }).transform((value, ctx) => {
    if (value === null) return null;
    const normalized = normalizePhone(value);
    if (!normalized) ctx.addIssue('Vul een geldig telefoonnummer in, bijvoorbeeld 06-12345678.');
    return normalized ?? null;
  });

const postcode = () =>
  text({ max: REGISTRATION_LIMITS.postcode }).transform((value, ctx) => {
    if (value === null) return null;
    const normalized = normalizePostcode(value);
    if (!normalized) ctx.addIssue('Vul een postcode in zoals 1234 AB.');
    return normalized ?? null;
  });

function choice<const O extends readonly Option[]>(options: O, { required }: { required?: string } = {}) {
  return text({ max: 40, required }).transform((value, ctx): O[number]['value'] | null => {
    if (value === null) return null;
    if (!options.some((o) => o.value === value)) {
      ctx.addIssue('Kies een van de mogelijkheden.');
      return null;
    }
    return value as O[number]['value'];
  });
}

function choices<const O extends readonly Option[]>(options: O, { required }: { required?: string } = {}) {
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
const checkbox = ({ required }: { required?: string } = {}) =>
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

const childAges = (now: Date, { required }: { required?: string } = {}) =>
  text({ max: REGISTRATION_LIMITS.childAges, required }).transform((value, ctx): ChildAge[] => {
    if (value === null) return [];
    const children = parseChildAges(value, now.getUTCFullYear());
    if (!children) {
      ctx.addIssue('Schrijf per kind de leeftijd (0 tot en met 23) of het geboortejaar, bijvoorbeeld: 4, 7 en 2015.');
      return [];
    }
    if (required && children.length === 0)
      ctx.addIssue('Schrijf per kind de leeftijd of het geboortejaar, bijvoorbeeld: 4 en 7.');
    if (children.length > 12) ctx.addIssue('Vul hoogstens 12 kinderen in. Meer vertellen kan in het gesprek.');
    return children;
  });

const wholeNumber = ({ min, max, required }: { min: number; max: number; required: string }) =>
  text({ max: REGISTRATION_LIMITS.adults, required }).transform((value, ctx): number | null => {
    if (value === null) return null;
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!(n >= min && n <= max)) {
      ctx.addIssue(`Vul een getal in van ${min} tot en met ${max}.`);
      return null;
    }
    return n;
  });

/** A profile id from a link (?profiel=...); anything that is not a UUID is dropped quietly. */
const profileId = () =>
  z.unknown().transform((raw) => {
    const value = single(raw);
    return typeof value === 'string' &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value.trim())
      ? value.trim().toLowerCase()
      : null;
  });

const nameRequired = 'Vul je naam in. Je voornaam is genoeg.';
const consentRequired = 'Zet een vinkje als je hiermee akkoord gaat. Zonder dit kunnen we je aanmelding niet bewaren.';
const placeRequired = 'Vul je dorp, wijk of postcode in.';
const contactRequired = 'Vul een telefoonnummer of e-mailadres in, zodat de coördinator je kan bereiken.';

type Shape = Record<string, z.ZodType>;
type Output<S extends Shape> = { [K in keyof S]: z.output<S[K]> };
type CrossRule<S extends Shape> = (values: Output<S>, add: (field: keyof S & string, message: string) => void) => void;

export type ParseResult<T> = { success: true; data: T } | { success: false; errors: FieldErrors };

function parseWith<S extends Shape>(
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

const contactRules = (
  v: { email: string | null; phone: string | null; kern: string | null; postcode: string | null },
  add: (field: 'phone' | 'kern', message: string) => void,
  placeMessage = placeRequired,
) => {
  if (!v.email && !v.phone) add('phone', contactRequired);
  if (!v.kern && !v.postcode) add('kern', placeMessage);
};

const vraaggezinShape = (now: Date) => ({
  name: text({ max: REGISTRATION_LIMITS.name, required: nameRequired }),
  phone: phone(),
  email: email(),
  contactTime: choice(contactTimeOptions),
  kern: text({ max: REGISTRATION_LIMITS.kern }),
  postcode: postcode(),
  children: childAges(now, { required: 'Vul de leeftijd of het geboortejaar van je kinderen in.' }),
  supportWishes: choices(supportWishOptions, {
    required: 'Kies wat jullie zou helpen. Weet je het nog niet? Kies dan "Dat weet ik nog niet".',
  }),
  message: text({ max: REGISTRATION_LIMITS.message, multiline: true }),
  source: choice(sourceOptions),
  consent: checkbox({ required: consentRequired }),
});

const steungezinShape = (now: Date) => ({
  name: text({ max: REGISTRATION_LIMITS.name, required: nameRequired }),
  adults: wholeNumber({ min: 1, max: 9, required: 'Vul in hoeveel volwassenen er bij jullie wonen.' }),
  phone: phone(),
  email: email(),
  contactTime: choice(contactTimeOptions),
  kern: text({ max: REGISTRATION_LIMITS.kern }),
  postcode: postcode(),
  ownChildren: childAges(now),
  days: choices(dayOptions),
  frequency: choice(frequencyOptions, { required: 'Kies hoe vaak je kunt helpen.' }),
  sleepovers: choice(sleepoverOptions, { required: 'Kies of een kind bij jullie mag logeren.' }),
  ageGroups: choices(ageGroupOptions),
  motivation: text({
    max: REGISTRATION_LIMITS.motivation,
    multiline: true,
    required: 'Vertel in een paar zinnen waarom je steungezin wilt worden.',
  }),
  vog: choice(vogOptions, { required: 'Kies of iedere volwassene een VOG wil aanvragen.' }),
  source: choice(sourceOptions),
  consent: checkbox({ required: consentRequired }),
  profileId: profileId(),
});

const verwijzingShape = (now: Date) => ({
  referrerName: text({ max: REGISTRATION_LIMITS.name, required: 'Vul je naam in.' }),
  organisationType: choice(organisationTypeOptions, { required: 'Kies bij wat voor organisatie je werkt.' }),
  organisationName: text({ max: REGISTRATION_LIMITS.organisationName, required: 'Vul de naam van je organisatie in.' }),
  referrerEmail: email({ required: 'Vul je e-mailadres in. Daar sturen we de bevestiging naartoe.' }),
  referrerPhone: phone(),
  name: text({ max: REGISTRATION_LIMITS.name, required: 'Vul de naam van de ouder in. De voornaam is genoeg.' }),
  phone: phone(),
  email: email(),
  contactTime: choice(contactTimeOptions),
  kern: text({ max: REGISTRATION_LIMITS.kern }),
  postcode: postcode(),
  children: childAges(now),
  reason: text({
    max: REGISTRATION_LIMITS.reason,
    multiline: true,
    required: 'Schrijf kort waarom dit gezin steun kan gebruiken.',
  }),
  parentsAgree: checkbox({
    required: 'Je kunt een gezin alleen aanmelden als de ouders dit weten en het ermee eens zijn.',
  }),
  firstContact: choice(firstContactOptions, { required: 'Kies wie het eerste contact legt.' }),
  wantsUpdates: checkbox(),
  consent: checkbox({ required: 'Zet een vinkje als je hiermee akkoord gaat.' }),
});

export type VraaggezinForm = Output<ReturnType<typeof vraaggezinShape>>;
export type SteungezinForm = Output<ReturnType<typeof steungezinShape>>;
export type VerwijzingForm = Output<ReturnType<typeof verwijzingShape>>;
export type RegistrationForm =
  | ({ kind: 'vraaggezin' } & VraaggezinForm)
  | ({ kind: 'steungezin' } & SteungezinForm)
  | ({ kind: 'verwijzing' } & VerwijzingForm);

export function parseVraaggezinForm(raw: Record<string, unknown>, now: Date): ParseResult<VraaggezinForm> {
  return parseWith(vraaggezinShape(now), (v, add) => contactRules(v, add), raw);
}

export function parseSteungezinForm(raw: Record<string, unknown>, now: Date): ParseResult<SteungezinForm> {
  return parseWith(steungezinShape(now), (v, add) => contactRules(v, add), raw);
}

export function parseVerwijzingForm(raw: Record<string, unknown>, now: Date): ParseResult<VerwijzingForm> {
  return parseWith(
    verwijzingShape(now),
    (v, add) => {
      // The family's contact details are needed when the coordinator calls them first.
      if (v.firstContact !== 'ouders' && !v.email && !v.phone)
        add(
          'phone',
          'Vul een telefoonnummer of e-mailadres van het gezin in, zodat de coördinator contact kan opnemen.',
        );
      if (!v.kern && !v.postcode) add('kern', 'Vul het dorp, de wijk of de postcode van het gezin in.');
    },
    raw,
  );
}

export function parseRegistrationForm(
  kind: RegistrationKind,
  raw: Record<string, unknown>,
  now: Date,
): ParseResult<RegistrationForm> {
  const result =
    kind === 'vraaggezin'
      ? parseVraaggezinForm(raw, now)
      : kind === 'steungezin'
        ? parseSteungezinForm(raw, now)
        : parseVerwijzingForm(raw, now);
  return result.success ? { success: true, data: { kind, ...result.data } as RegistrationForm } : result;
}

/** The fields of each form, in order (for error summaries and tests). */
export const registrationFields: Record<RegistrationKind, string[]> = {
  vraaggezin: Object.keys(vraaggezinShape(new Date())),
  steungezin: Object.keys(steungezinShape(new Date())),
  verwijzing: Object.keys(verwijzingShape(new Date())),
};
