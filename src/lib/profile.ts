/**
 * Recruitment profiles (wervingsprofielen), shared by the server and the live-preview island:
 * the form schema (Dutch messages), the public shape of a profile, and how to describe it.
 * Option codes are those of the sign-up forms (registration.options.ts), so a steungezin's
 * answers and a profile speak the same language.
 */
import { z } from 'zod';
import {
  ageGroupOptions,
  dayOptions,
  frequencyOptions,
  optionLabel,
  sleepoverOptions,
  supportWishOptions,
} from './registration.options';
import { BSN_MESSAGE, findBsn } from './sensitive-text';

export type ProfileChildView = { minAge: number; maxAge: number; gender: 'meisje' | 'jongen' | null };

/** What the public sees of a profile (and what the preview shows). */
export type ProfileView = {
  id: string;
  gemeenteSlug: string;
  gemeenteName: string;
  title: string;
  kern: string;
  children: ProfileChildView[];
  supportKinds: string[];
  days: string[];
  frequency: string;
  sleepovers: string;
  story: string;
  asks: string;
  offers: string;
  status: 'draft' | 'review' | 'published' | 'matched' | 'withdrawn';
  publishedAt: string | null;
};

export const MAX_CHILDREN = 4;
/** The support a profile can ask for: the sign-up wishes minus "I don't know yet". */
export const profileSupportOptions = supportWishOptions.filter((o) => o.value !== 'weet-niet');
export { ageGroupOptions, dayOptions, frequencyOptions, sleepoverOptions };

/** Age group codes (0-4, 4-12, 12-18, 18-23) a child's age range touches. */
export function ageGroupsOf(child: { minAge: number; maxAge: number }): string[] {
  return ageGroupOptions
    .map((o) => o.value)
    .filter((code) => {
      const [from, to] = code.split('-').map(Number) as [number, number];
      return child.minAge < to && child.maxAge >= from;
    });
}

function describeChild(child: ProfileChildView): string {
  const article = child.gender === 'meisje' ? 'een meisje' : child.gender === 'jongen' ? 'een jongen' : 'een kind';
  return child.minAge === child.maxAge
    ? `${article} van ${child.minAge}`
    : `${article} tussen ${child.minAge} en ${child.maxAge} jaar`;
}

export function describeChildren(children: ProfileChildView[]): string {
  const parts = children.map(describeChild);
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} en ${parts.at(-1)}`;
}

export function supportLabel(code: string): string {
  const labels: Record<string, string> = {
    'vaste-middag': 'Een vaste middag in de week',
    logeren: 'Af en toe logeren',
    weekend: 'Een dag in het weekend',
    meegaan: 'Meegaan naar activiteiten',
    'luisterend-oor': 'Een luisterend oor voor de ouder',
  };
  return labels[code] ?? optionLabel(supportWishOptions, code);
}

export function daysText(days: string[]): string {
  if (days.length === 0) return 'In overleg';
  const names = days.map((d) => optionLabel(dayOptions, d).toLocaleLowerCase('nl'));
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} of ${names.at(-1)}`;
}

export function frequencyText(code: string): string {
  return code === 'in-overleg' ? 'In overleg' : optionLabel(frequencyOptions, code);
}

export function sleepoverText(code: string): string {
  return code === 'ja'
    ? 'Ja, af en toe een nachtje logeren'
    : code === 'misschien'
      ? 'Misschien later, als het klikt'
      : 'Nee';
}

// --- the form ---------------------------------------------------------------------------------

/** The labels the profile form shows, by field name: for the form, its errors and the check's flags. */
export const PROFILE_FIELD_LABELS: Record<string, string> = {
  title: 'Titel',
  kern: 'Dorp of wijk',
  childAge1: 'Leeftijd kind 1',
  supportKinds: 'Soort steun',
  frequency: 'Hoe vaak',
  sleepovers: 'Logeren',
  story: 'Het verhaal',
  asks: 'Wat een steungezin doet',
  offers: 'Wat een steungezin ervoor terugkrijgt',
};

/** Where a flag of the identifiability check was found, in the words of the form. */
export function flagPlace(field: string): string {
  const label = PROFILE_FIELD_LABELS[field];
  return label ? `in “${label}”` : 'in het profiel als geheel';
}

export type ProfileFormValues = Record<string, string | string[]>;
export type ProfileFieldErrors = Record<string, string>;

export type ProfileInput = {
  title: string;
  kern: string;
  children: ProfileChildView[];
  supportKinds: string[];
  days: string[];
  frequency: string;
  sleepovers: string;
  story: string;
  asks: string;
  offers: string;
};

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `Vul ${label} in.` })
    .transform((s) => s.replace(/\r\n/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(min, min <= 1 ? `Vul ${label} in.` : `Schrijf bij ${label} minstens ${min} tekens.`)
        .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} mag hooguit ${max} tekens zijn.`)
        // A BSN is never stored (docs/domain.md, "Privacy rules").
        .refine((s) => findBsn(s).length === 0, BSN_MESSAGE),
    );

const codes = (options: readonly { value: string }[]) =>
  z.array(z.string()).transform((list) => [...new Set(list)].filter((v) => options.some((o) => o.value === v)));

const profileSchema = z.object({
  title: text('een titel', 5, 90),
  kern: text('het dorp of de wijk', 2, 60).refine(
    (s) => !/\d/.test(s),
    'Noem alleen het dorp of de wijk, zonder straat of nummer.',
  ),
  supportKinds: codes(profileSupportOptions).refine((l) => l.length > 0, 'Kies minstens één soort steun.'),
  days: codes(dayOptions),
  frequency: z.string().refine((v) => frequencyOptions.some((o) => o.value === v), 'Kies hoe vaak.'),
  sleepovers: z.string().refine((v) => sleepoverOptions.some((o) => o.value === v), 'Kies of logeren erbij hoort.'),
  story: text('het verhaal', 40, 1500),
  asks: text('wat een steungezin doet', 10, 800),
  offers: text('wat een steungezin ervoor terugkrijgt', 10, 800),
});

/** "7", "6-9", "6 tot 9", "6 t/m 9" -> a range; null when it is not an age. */
function parseAge(value: string): { minAge: number; maxAge: number } | null {
  const m = value.trim().match(/^(\d{1,2})(?:\s*(?:-|–|tot|t\/m|tot en met)\s*(\d{1,2}))?(?:\s*jaar)?$/i);
  if (!m) return null;
  const minAge = Number(m[1]);
  const maxAge = m[2] === undefined ? minAge : Number(m[2]);
  if (minAge > 23 || maxAge > 23 || maxAge < minAge) return null;
  return { minAge, maxAge };
}

function one(values: ProfileFormValues, name: string): string {
  const v = values[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}
function many(values: ProfileFormValues, name: string): string[] {
  const v = values[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Validates the profile form; every error at once, keyed by field name. */
export function parseProfileForm(
  values: ProfileFormValues,
): { ok: true; value: ProfileInput } | { ok: false; errors: ProfileFieldErrors } {
  const errors: ProfileFieldErrors = {};
  const children: ProfileChildView[] = [];
  for (let i = 1; i <= MAX_CHILDREN; i++) {
    const age = one(values, `childAge${i}`).trim();
    const gender = one(values, `childGender${i}`);
    if (!age) continue;
    const range = parseAge(age);
    if (!range) errors[`childAge${i}`] = 'Schrijf een leeftijd (7) of een leeftijdsgroep (6-9), tussen 0 en 23 jaar.';
    else children.push({ ...range, gender: gender === 'meisje' || gender === 'jongen' ? gender : null });
  }
  if (children.length === 0 && !errors.childAge1) errors.childAge1 = 'Noem de leeftijd van minstens één kind.';

  const result = profileSchema.safeParse({
    title: one(values, 'title'),
    kern: one(values, 'kern'),
    supportKinds: many(values, 'supportKinds'),
    days: many(values, 'days'),
    frequency: one(values, 'frequency'),
    sleepovers: one(values, 'sleepovers'),
    story: one(values, 'story'),
    asks: one(values, 'asks'),
    offers: one(values, 'offers'),
  });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? 'form');
      errors[field] ??= issue.message;
    }
  }
  if (!result.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { ...result.data, children } };
}

/** The form values of a stored profile (to fill the edit form). */
export function profileFormValues(p: ProfileInput): ProfileFormValues {
  const values: ProfileFormValues = {
    title: p.title,
    kern: p.kern,
    supportKinds: p.supportKinds,
    days: p.days,
    frequency: p.frequency,
    sleepovers: p.sleepovers,
    story: p.story,
    asks: p.asks,
    offers: p.offers,
  };
  p.children.forEach((c, i) => {
    values[`childAge${i + 1}`] = c.minAge === c.maxAge ? String(c.minAge) : `${c.minAge}-${c.maxAge}`;
    values[`childGender${i + 1}`] = c.gender ?? '';
  });
  return values;
}

/** The public address of a profile. */
export function profilePath(p: { gemeenteSlug: string; id: string }): string {
  return `/${p.gemeenteSlug}/steungezin-gezocht/${p.id}`;
}

/** The ready-to-post text for Facebook and Instagram. */
export function socialPostText(p: ProfileView, url: string): string {
  const support = p.supportKinds.map((c) => supportLabel(c).toLocaleLowerCase('nl')).join(', ');
  return [
    `💛 ${p.title}`,
    '',
    `In ${p.kern} (gemeente ${p.gemeenteName}) zoekt een gezin een steungezin. Het gaat om ${describeChildren(p.children)}.`,
    '',
    p.story,
    '',
    `Wat zou helpen: ${support}.`,
    '',
    `Denk je: daar kan ik iets betekenen? Lees meer en reageer via ${url}`,
    '',
    `#Buurtgezinnen #${p.gemeenteName.replace(/\s+/g, '')} #steungezin #opvoedendoenwesamen`,
  ].join('\n');
}

/**
 * A profile as it would look with these (possibly unfinished) form values: for the preview,
 * on the server (after "Voorbeeld bekijken") and live in the island. Never fails.
 */
export function previewFromValues(
  values: ProfileFormValues,
  base: { id: string; gemeenteSlug: string; gemeenteName: string; status?: ProfileView['status'] },
): ProfileView {
  const children: ProfileChildView[] = [];
  for (let i = 1; i <= MAX_CHILDREN; i++) {
    const range = parseAge(one(values, `childAge${i}`));
    const gender = one(values, `childGender${i}`);
    if (range) children.push({ ...range, gender: gender === 'meisje' || gender === 'jongen' ? gender : null });
  }
  const known = (list: string[], options: readonly { value: string }[]) =>
    list.filter((v) => options.some((o) => o.value === v));
  return {
    id: base.id,
    gemeenteSlug: base.gemeenteSlug,
    gemeenteName: base.gemeenteName,
    title: one(values, 'title').trim(),
    kern: one(values, 'kern').trim() || base.gemeenteName,
    children,
    supportKinds: known(many(values, 'supportKinds'), profileSupportOptions),
    days: known(many(values, 'days'), dayOptions),
    frequency: one(values, 'frequency'),
    sleepovers: one(values, 'sleepovers'),
    story: one(values, 'story').trim(),
    asks: one(values, 'asks').trim(),
    offers: one(values, 'offers').trim(),
    status: base.status ?? 'published',
    publishedAt: null,
  };
}

/** Reads a form's entries (FormData or URLSearchParams) into form values; repeated names become lists. */
export function formValuesOf(entries: Iterable<[string, FormDataEntryValue]>): ProfileFormValues {
  const out: ProfileFormValues = {};
  for (const [name, value] of entries) {
    if (typeof value !== 'string') continue;
    const existing = out[name];
    out[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  // Checkbox groups are always lists, also with one box ticked.
  for (const name of ['supportKinds', 'days']) {
    const v = out[name];
    if (typeof v === 'string') out[name] = [v];
  }
  return out;
}
