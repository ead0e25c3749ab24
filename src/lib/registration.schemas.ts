/**
 * The three sign-up forms' validation, shared by the server (the truth) and the Preact island
 * (inline hints). Each field is a small zod schema that takes the raw form value (a string, a
 * list of strings for checkbox groups, or anything at all from a hostile client), normalises it
 * and says in plain Dutch what is wrong. Rules between fields (at least one way to reach you)
 * run after the fields, always, so every problem is reported in one go.
 */
import { z } from 'zod';
import {
  checkbox,
  choice,
  choices,
  type Output,
  type ParseResult,
  parseWith,
  single,
  text,
  wholeNumber,
} from './form-fields';
import { normalizePhone, normalizePostcode, parseChildAges } from './registration.normalize';

import {
  ageGroupOptions,
  contactTimeOptions,
  dayOptions,
  firstContactOptions,
  frequencyOptions,
  organisationTypeOptions,
  sleepoverOptions,
  sourceOptions,
  supportWishOptions,
  vogOptions,
} from './registration.options';
import type { ChildAge, RegistrationKind } from './registration.types';

export type { FieldErrors } from './form-fields';

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

/**
 * A form's fields depend on `now` only through its year (child ages as birth years), so each
 * shape is made once per year rather than on every request: making one costs about as much as
 * checking a form with it (issue 18).
 */
function perYear<S>(make: (now: Date) => S): (now: Date) => S {
  let year: number | undefined;
  let made: S | undefined;
  return (now) => {
    if (made === undefined || now.getUTCFullYear() !== year) {
      made = make(now);
      year = now.getUTCFullYear();
    }
    return made;
  };
}
const vraaggezinFields = perYear(vraaggezinShape);
const steungezinFields = perYear(steungezinShape);
const verwijzingFields = perYear(verwijzingShape);

export function parseVraaggezinForm(raw: Record<string, unknown>, now: Date): ParseResult<VraaggezinForm> {
  return parseWith(vraaggezinFields(now), (v, add) => contactRules(v, add), raw);
}

export function parseSteungezinForm(raw: Record<string, unknown>, now: Date): ParseResult<SteungezinForm> {
  return parseWith(steungezinFields(now), (v, add) => contactRules(v, add), raw);
}

export function parseVerwijzingForm(raw: Record<string, unknown>, now: Date): ParseResult<VerwijzingForm> {
  return parseWith(
    verwijzingFields(now),
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
