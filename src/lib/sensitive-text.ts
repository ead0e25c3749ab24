/**
 * Words and numbers that must not travel further than needed, shared by the server and the
 * islands: the BSN (never stored anywhere, docs/domain.md "Privacy rules"), diagnoses and health
 * (special-category data: warned about in notes, flagged in recruitment profiles), and situations
 * that stigmatise a family in a public text. Pure functions on plain text.
 */

// --- BSN ----------------------------------------------------------------------------------------

/**
 * The 11-check (elfproef) of a citizen service number: 9 digits d1..d9 with
 * 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11 (and not all zeros).
 */
export function passesElfproef(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

/**
 * A run of digits as people write numbers: "123456782", "1234.56.782", "123 456 782",
 * "12-34-56-782". Runs are taken whole, so a phone number (10 or 11 digits with +31) or an IBAN
 * never yields nine of its digits.
 */
const DIGIT_RUN = /(?<![\d+]|[\d+][ .-])\d+(?:[ .-]\d+)*(?![ .-]?\d)/g;
/**
 * "BSN 1234", "burgerservicenummer: …", "sofinummer …", "bsn van de moeder 1234…" (up to three
 * words between): someone is giving one, valid or not.
 */
const BSN_WORD =
  /(?<![A-Za-zÀ-ÿ])(?:bsn|burger\s?service\s?nummer|burgerservicenr|sofi\s?-?nummer|sofinr)(?:\s+[A-Za-zÀ-ÿ]+){0,3}?\.?\s*:?\s*(?:is\s+)?(\d[\d .-]{6,12}\d)/giu;

/**
 * Every BSN-looking number in a text: nine digits that pass the 11-check, or any number labelled
 * as one. With `labelledOnly` only the labelled ones: for a short field (a name, an organisation)
 * where a bare 9-digit number is a reference or staff number, not a BSN (form-fields.ts).
 */
export function findBsn(text: string, { labelledOnly = false } = {}): string[] {
  const found = new Set<string>();
  if (!labelledOnly)
    for (const m of text.matchAll(DIGIT_RUN)) {
      const digits = m[0].replace(/\D/g, '');
      if (passesElfproef(digits)) found.add(m[0]);
    }
  for (const m of text.matchAll(BSN_WORD)) found.add(m[1]!);
  return [...found];
}

/** The Dutch message for a field that holds a BSN. */
export const BSN_MESSAGE =
  'Hier staat een burgerservicenummer (BSN), of een nummer van 9 cijfers dat erop lijkt. Haal het weg: wij bewaren nooit een BSN. Een ander nummer van 9 cijfers hebben we hier ook niet nodig.';

// --- diagnoses, health and sensitive situations ---------------------------------------------

type SensitiveCategory = 'diagnosis' | 'health' | 'situation';

/** Medical, psychiatric and developmental diagnoses (special-category data under the AVG). */
const DIAGNOSIS_TERMS = [
  'adhd',
  'add',
  'autisme',
  'autistisch',
  'autistische',
  'ass',
  'pdd-nos',
  'asperger',
  'odd',
  'gedragsstoornis',
  'hechtingsstoornis',
  'depressie',
  'depressief',
  'depressieve',
  'burn-out',
  'burnout',
  'psychose',
  'psychotisch',
  'psychotische',
  'schizofrenie',
  'bipolair',
  'borderline',
  'ptss',
  'trauma',
  'getraumatiseerd',
  'angststoornis',
  'paniekstoornis',
  'eetstoornis',
  'anorexia',
  'boulimia',
  'ocd',
  'dwangstoornis',
  'suïcidaal',
  'suicidaal',
  'zelfmoord',
  'suïcide',
  'zelfbeschadiging',
  'automutilatie',
  'verslaving',
  'verslaafd',
  'verslaafde',
  'alcoholisme',
  'alcoholist',
  'gokverslaving',
  'ggz',
  'psychiater',
  'psychiatrisch',
  'psychiatrische',
  'verstandelijke beperking',
  'verstandelijk beperkt',
  'lvb',
  'licht verstandelijk',
  'iq',
  'kanker',
  'chemo',
  'chemotherapie',
  'hiv',
  'epilepsie',
  'ms',
  'terminaal',
  'ongeneeslijk',
  'dyslexie',
  'dyscalculie',
  'down',
  'syndroom van down',
  'fas',
  'tourette',
];

/** Health beyond a diagnosis, and a death in the family: just as sensitive, just as recognisable. */
const HEALTH_TERMS = [
  'chronisch ziek',
  'langdurig ziek',
  'ernstig ziek',
  'ziek',
  'zieke',
  'ziekte',
  'ziektes',
  'ziekten',
  'ziekenhuis',
  'ziekenhuisopname',
  'operatie',
  'geopereerd',
  'revalidatie',
  'revalideert',
  'overspannen',
  'reuma',
  'fibromyalgie',
  'long covid',
  'me/cvs',
  'cvs',
  'diabetes',
  'suikerziekte',
  'hartaanval',
  'hartfalen',
  'beroerte',
  'herseninfarct',
  'hersenbloeding',
  'hersenletsel',
  'nah',
  'dementie',
  'alzheimer',
  'parkinson',
  'leukemie',
  'dialyse',
  'transplantatie',
  'zwanger',
  'hoogzwanger',
  'miskraam',
  'doodgeboren',
  'rolstoel',
  'gehandicapt',
  'handicap',
  'lichamelijke beperking',
  'doof',
  'blind',
  'slechtziend',
  'slechthorend',
  'medicatie',
  'psycholoog',
  'overleden',
  'overleed',
  'overlijden',
  'gestorven',
  'stierf',
  'dood',
  'weduwe',
  'weduwnaar',
  'begrafenis',
  'crematie',
  'rouw',
  'rouwt',
  'rouwverwerking',
  'zelfdoding',
];

/** Situations that stigmatise or single out a family in a public text (not special-category data). */
const SITUATION_TERMS = [
  'drugs',
  'drugsgebruik',
  'schulden',
  'schuld',
  'schuldsanering',
  'schuldhulp',
  'bewindvoering',
  'bewindvoerder',
  'wsnp',
  'beslag',
  'deurwaarder',
  'uitzetting',
  'voedselbank',
  'huiselijk geweld',
  'mishandeling',
  'mishandeld',
  'kindermishandeling',
  'misbruik',
  'seksueel misbruik',
  'verkrachting',
  'veilig thuis',
  'ots',
  'ondertoezichtstelling',
  'jeugdbescherming',
  'gezinsvoogd',
  'uithuisplaatsing',
  'uit huis geplaatst',
  'pleegzorg',
  'raad voor de kinderbescherming',
  'gevangenis',
  'detentie',
  'gedetineerd',
  'strafblad',
  'politie',
  'opname',
  'opgenomen',
  'kliniek',
  'speciaal onderwijs',
  'speciaal basisonderwijs',
  'bijstand',
  'bijstandsuitkering',
  'uitkering',
  'vechtscheiding',
  'asielzoeker',
  'ongedocumenteerd',
  'zonder verblijfsvergunning',
  'azc',
];

/** Abbreviations only count in capitals ("ADD", not "add"; "MS", not "ms"; "Down" with a capital). */
const ABBREVIATIONS = new Set([
  'adhd',
  'add',
  'ass',
  'pdd-nos',
  'odd',
  'ptss',
  'ocd',
  'ots',
  'ggz',
  'lvb',
  'iq',
  'ms',
  'hiv',
  'wsnp',
  'azc',
  'cvs',
  'nah',
  'fas',
]);
/** Words that are also ordinary words in lower case: only with a capital ("syndroom van Down"). */
const CAPITALISED_ONLY = new Set(['down']);

/** Compound words Dutch builds freely: "borstkanker", "spierziekte", "slaapstoornis", "speltherapie". */
const COMPOUND_ENDINGS: { ending: string; category: SensitiveCategory }[] = [
  { ending: 'kanker', category: 'diagnosis' },
  { ending: 'stoornis', category: 'diagnosis' },
  { ending: 'verslaving', category: 'diagnosis' },
  { ending: 'tumor', category: 'health' },
  { ending: 'ziekte', category: 'health' },
  { ending: 'therapie', category: 'health' },
];

const L = 'A-Za-zÀ-ÖØ-öø-ÿ';
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const RELATIVE = '(?:man|vrouw|vader|moeder|partner|papa|mama|kind|kindje|zoon|dochter|broer|zus|opa|oma|baby)';
/** "hun vader verloren", "verloor haar man", "het verlies van hun moeder": a death, said softly. */
const BEREAVEMENT = [
  new RegExp(`(?<![${L}])${RELATIVE}\\s+(?:verloren|verloor|verliezen)(?![${L}])`, 'giu'),
  new RegExp(
    `(?<![${L}])(?:verloor|verloren|verlies\\s+van)\\s+(?:haar|zijn|hun|de|het)\\s+${RELATIVE}(?![${L}])`,
    'giu',
  ),
];

type Term = { term: string; category: SensitiveCategory; regex: RegExp };

function termRegex(term: string): RegExp {
  const body = escapeRegExp(term).replace(/\s+/g, '\\s+');
  if (ABBREVIATIONS.has(term))
    return new RegExp(`(?<![${L}0-9])${escapeRegExp(term.toUpperCase())}(?![${L}0-9])`, 'gu');
  if (CAPITALISED_ONLY.has(term))
    return new RegExp(`(?<![${L}0-9])${term[0]!.toUpperCase()}${escapeRegExp(term.slice(1))}(?![${L}0-9])`, 'gu');
  return new RegExp(`(?<![${L}0-9])${body}(?![${L}0-9])`, 'giu');
}

const TERMS: Term[] = [
  ...DIAGNOSIS_TERMS.map((term) => ({ term, category: 'diagnosis' as const, regex: termRegex(term) })),
  ...HEALTH_TERMS.map((term) => ({ term, category: 'health' as const, regex: termRegex(term) })),
  ...SITUATION_TERMS.map((term) => ({ term, category: 'situation' as const, regex: termRegex(term) })),
];

export type SensitiveWord = { match: string; index: number; category: SensitiveCategory };

/** Every diagnosis, health word and sensitive situation in a text, in the order they appear. */
export function findSensitiveWords(text: string): SensitiveWord[] {
  const out: SensitiveWord[] = [];
  for (const { regex, category } of TERMS)
    for (const m of text.matchAll(regex)) out.push({ match: m[0], index: m.index ?? 0, category });
  for (const { ending, category } of COMPOUND_ENDINGS) {
    // The compound itself ("borstkanker"); the bare word is already in the lists above.
    for (const m of text.matchAll(new RegExp(`(?<![${L}])[${L}]{2,}-?${ending}(?![${L}])`, 'giu')))
      out.push({ match: m[0], index: m.index ?? 0, category });
  }
  for (const regex of BEREAVEMENT)
    for (const m of text.matchAll(regex)) out.push({ match: m[0], index: m.index ?? 0, category: 'health' });
  // A longer phrase wins over a word inside it ("chronisch ziek" over "ziek").
  out.sort((a, b) => a.index - b.index || b.match.length - a.match.length);
  return out.filter(
    (w, i) =>
      !out.some(
        (o, j) =>
          j !== i &&
          o.index <= w.index &&
          o.index + o.match.length >= w.index + w.match.length &&
          (o.match.length > w.match.length || j < i),
      ),
  );
}

/** Diagnoses and health words only: what a note should hold only when the next step needs it. */
export function findHealthWords(text: string): string[] {
  return [
    ...new Set(
      findSensitiveWords(text)
        .filter((w) => w.category !== 'situation')
        .map((w) => w.match.toLocaleLowerCase('nl')),
    ),
  ];
}
