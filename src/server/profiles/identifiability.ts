/**
 * The identifiability check for a recruitment profile (wervingsprofiel). A pure function: it gets
 * the text the public will read and what we know about the family, and returns every passage
 * that could point to this family. Publishing is blocked until each flag is fixed in the text or
 * overridden with a reason (profiles.usecases.ts logs the reason in the audit log).
 *
 * It is a safety net for a careful coordinator, not a guarantee: it works on patterns and word
 * lists, so it misses what it cannot recognise and sometimes flags a harmless word, which she can
 * override with one sentence. Known, on realistic texts (see the tests):
 *  - misses: employers and clubs ("bij de Jumbo", "RKVV Hulsberg", "DSM"), a day and month
 *    without a year written as digits ("op 3-3 jarig"), rare situations that identify in a small
 *    village ("een tweeling", a nationality: "Een Poolse moeder"), names written in lower case
 *    that are not in the record or the first-name list, a school named without "school"
 *    ("De Regenboog" is flagged, but as a possible name);
 *  - false positives: capitalised words mid-sentence that are places or organisations outside
 *    the gemeente ("Syrië", "Zuyderland", "Dorpshuis"), pets ("hond Max"), "de Voedselbank"
 *    (also a name with a particle, besides the sensitive word).
 */

export type FlagKind =
  | 'family-name'
  | 'personal-name'
  | 'phone'
  | 'email'
  | 'address'
  | 'postcode'
  | 'school'
  | 'birth-date'
  | 'sensitive'
  | 'combination';

export type IdentifiabilityFlag = {
  /** Stable for the same finding in the same field: overrides are stored per key. */
  key: string;
  kind: FlagKind;
  /** Which part of the profile: 'title', 'story', ... or 'profiel' for combinations. */
  field: string;
  /** The passage as written. */
  match: string;
  /** Dutch, says what to do. */
  message: string;
};

export type ProfileTextForCheck = {
  /** Free-text fields by name (title, story, ...). */
  fields: Record<string, string>;
  kern: string;
  /** Children as published: exact age when min === max. */
  children: { minAge: number; maxAge: number }[];
};

export type FamilyContext = {
  /** Names from the record: the parent who signed up, children if the record holds them. */
  names: string[];
  /** The gemeente's own name: its main place is not "small". */
  gemeenteName: string;
  /** All kernen of the gemeente (place names are not personal names). */
  kernen: string[];
};

const KIND_MESSAGES: Record<FlagKind, string> = {
  'family-name': 'Dit is een naam uit de aanmelding van het gezin. Haal hem weg.',
  'personal-name': 'Dit lijkt een naam. Schrijf liever "de moeder", "een meisje van 7" of "de buurvrouw".',
  phone: 'Een telefoonnummer hoort niet in een profiel. Mensen reageren via het formulier.',
  email: 'Een e-mailadres hoort niet in een profiel. Mensen reageren via het formulier.',
  address: 'Dit lijkt een adres. Noem alleen het dorp of de wijk.',
  postcode: 'Een postcode maakt het gezin vindbaar. Noem alleen het dorp of de wijk.',
  school: 'Een schoolnaam maakt het gezin herkenbaar. Schrijf "de basisschool in het dorp" of laat het weg.',
  'birth-date': 'Een geboortedatum is te precies. Noem een leeftijd of een leeftijdsgroep.',
  sensitive:
    'Dit is een diagnose of een gevoelig onderwerp. Beschrijf wat het gezin nodig heeft, niet wat er aan de hand is.',
  combination:
    'Een klein dorp samen met precieze leeftijden wijst snel naar één gezin. Gebruik leeftijdsgroepen (bijvoorbeeld "tussen 6 en 9") of noem de gemeente in plaats van het dorp.',
};

// --- word lists -------------------------------------------------------------------------------

/**
 * Diagnoses and sensitive situations (special-category data under the AVG, or stigmatising).
 * Matched as whole words or word stems, case-insensitive.
 */
const SENSITIVE_TERMS = [
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
  'drugs',
  'drugsgebruik',
  'gokverslaving',
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
  'ggz',
  'psychiater',
  'psychiatrisch',
  'psychiatrische',
  'opname',
  'opgenomen',
  'kliniek',
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

/** Abbreviations only count in capitals ("ADD", not "add"; "MS", not "ms"). */
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
]);

/** Street-name endings (a word ending in these, followed by a number, is an address). */
const STREET_SUFFIXES = [
  'straat',
  'laan',
  'weg',
  'plein',
  'dreef',
  'singel',
  'gracht',
  'kade',
  'hof',
  'steeg',
  'pad',
  'dijk',
  'baan',
  'park',
  'plantsoen',
  'markt',
  'wal',
  'veld',
  'hoek',
  'erf',
  'ring',
  'allee',
  'boulevard',
  'dam',
  'straatweg',
  'kamp',
  'akker',
  'berg',
  'haven',
];

/** School words: "basisschool De Regenboog", "OBS Klimop", "het Stella Maris College". */
const SCHOOL_WORDS = [
  'basisschool',
  'school',
  'obs',
  'cbs',
  'rkbs',
  'pcbs',
  'ikc',
  'kindcentrum',
  'college',
  'lyceum',
  'gymnasium',
  'atheneum',
  'scholengemeenschap',
  'montessorischool',
  'daltonschool',
  'jenaplanschool',
  'vrije school',
  'speciaal onderwijs',
  'sbo',
  'so',
  'vso',
  'mavo',
  'peuterspeelzaal',
  'kinderdagverblijf',
  'bso',
];

/** Particles in Dutch surnames. */
const PARTICLES = [
  'van',
  'de',
  'der',
  'den',
  'het',
  "'t",
  'ter',
  'ten',
  'te',
  'van der',
  'van den',
  'van de',
  'in het',
  'in t',
  'op de',
  'la',
  'le',
  'du',
  'el',
  'al',
];

/**
 * Common first names in the Netherlands (and among families who often sign up), used to catch
 * names at the start of a sentence, where capitalisation does not tell. Not complete by design:
 * a name mid-sentence is caught by capitalisation anyway.
 */
const FIRST_NAMES = new Set(
  `emma julia mila tess sophie zoë zoe sara sarah nora yara eva liv lotte saar noor lieke fenna evi anna lisa fleur sanne femke iris isa roos
  fien julie vera nina elin olivia maud lauren lynn anouk esmee esmée demi britt kim romy amy lina hanna hannah ella luna nova lara linda
  marieke marloes mirjam monique petra sandra anja ingrid karin kees jan piet klaas henk gerrit willem wim johan hans peter paul mark
  daan sem noah liam lucas levi finn luuk milan jesse bram thijs lars ruben tim thomas max mees sven stijn gijs jens siem julian adam
  mohammed mohamed ahmed ali omar yusuf youssef ibrahim hamza ayoub bilal mehmet mustafa fatima aisha ayla amira yasmina yasmine sara
  nour malak hiba salma meryem elif zeynep ayşe ayse emir ömer omer kerem can ahmet hüseyin huseyin rayan ilyas adem
  anne annemiek annelies marianne maria marie mia milou jasmijn merel floor fay fay lotte jet jip janne jolien jolijn kyra tamara
  daniël daniel david dirk erik frank gert hendrik joost jeroen koen maarten martijn niels pieter rob robert sander tom vincent wouter
  bas bart dennis jeroen joris kevin michiel nick patrick rick roy sjoerd tijn teun tygo dex boaz jayden jay owen luca mats morris
  olaf otis pim quinn rens ryan sam siebe sil stan sven ties vince wessel xavi job joep hugo guus floris fedde dylan`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Capitalised words that are not personal names: days, months, holidays, places, organisations
 * and words that are capitalised in Dutch. Mid-sentence capitals outside this list are flagged.
 */
const NOT_NAMES = new Set(
  `maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei juni juli augustus september oktober november december
  buurtgezinnen buurtgezin oudertelefoon facebook instagram whatsapp linkedin youtube tiktok google netflix
  nederland nederlands nederlandse nederlander limburg limburgs limburgse friesland fries friese fryslân holland hollands utrecht amsterdam rotterdam den haag
  haarlem uithoorn nieuwegein heerenveen beekdaelen maastricht heerlen sittard geleen groningen eindhoven zwolle leeuwarden arnhem nijmegen
  sinterklaas sint kerst kerstmis pasen pinksteren koningsdag ramadan suikerfeest offerfeest carnaval oud nieuw hemelvaart
  engels engelse frans franse duits duitse arabisch arabische turks turkse pools poolse marokkaans marokkaanse syrisch syrische
  jeugdfonds sport cultuur stichting vergeten kind lego playmobil minecraft efteling ikea albert heijn jumbo hema action
  ik je jij u wij we zij ze hij het een de dit dat die deze er hun haar zijn ons onze mijn jouw uw
  god allah jezus`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words a Dutch sentence often starts with that are never names (keeps sentence starts quiet). */
const COMMON_SENTENCE_STARTS = new Set(
  `de het een ze zij hij ik je jij we wij u wie wat waar wanneer hoe waarom welke als omdat want maar en of dus toen nu dan daar hier
  er ook graag samen soms vaak elke iedere iedereen niemand alle allebei beide moeder vader mama papa oma opa zus broer kinderen kind
  het gezin dit dat die deze zo na voor tijdens bij met zonder in op onder over naast tussen door tot vanaf sinds`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words people put around a name in a sign-up ("Familie Dassen", "Mo en Fatima"): not names themselves. */
const NAME_FILLERS = new Set([
  'familie',
  'fam',
  'fam.',
  'gezin',
  'het',
  'en',
  '&',
  'mevrouw',
  'mevr',
  'mevr.',
  'mw',
  'mw.',
  'meneer',
  'dhr',
  'dhr.',
  'de',
  'moeder',
  'vader',
  'ouders',
  'mama',
  'papa',
]);

// --- helpers ----------------------------------------------------------------------------------

type Finding = { kind: FlagKind; field: string; match: string; index: number };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Word boundary that treats Dutch letters with accents as letters. */
const L = 'A-Za-zÀ-ÖØ-öø-ÿ';
function wordRegex(phrase: string, flags = 'giu'): RegExp {
  return new RegExp(`(?<![${L}0-9])${escapeRegExp(phrase).replace(/\s+/g, '\\s+')}(?![${L}0-9])`, flags);
}

/** "van der" -> "[Vv]an [Dd]er": case-insensitive first letters inside a case-sensitive pattern. */
function anyCaseStart(phrase: string): string {
  return phrase
    .split(' ')
    .map((w) => {
      const e = escapeRegExp(w);
      const c = w[0]!;
      return /[a-z]/i.test(c) ? `[${c.toUpperCase()}${c.toLowerCase()}]${e.slice(1)}` : e;
    })
    .join('\\s+');
}

function normalise(text: string): string {
  return text.toLocaleLowerCase('nl').normalize('NFC').replace(/\s+/g, ' ').trim();
}

function keyOf(kind: FlagKind, field: string, match: string): string {
  return `${kind}:${field}:${normalise(match)}`;
}

const MONTHS =
  'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec';

const PATTERNS: { kind: FlagKind; regex: RegExp }[] = [
  { kind: 'email', regex: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g },
  // 06-12345678, 06 1234 5678, +31 6 12345678, 0031612345678, 020-1234567, 045 123 45 67
  { kind: 'phone', regex: /(?<![\d])(?:(?:\+|00)\s?31[\s-]?(?:\(0\))?[\s-]?\d|0\d)(?:[\s-]?\d){7,8}(?![\d])/g },
  // 1234 AB / 1234AB (not "1234 ab" lower-case words like "2024 en")
  { kind: 'postcode', regex: /(?<![\d])[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?![A-Za-z])/g },
  // 12-03-2017, 12/3/17, 3 maart 2017, 3 maart (day + month without year is still a birthday)
  {
    kind: 'birth-date',
    regex: new RegExp(
      `(?<![\\d])(?:[0-3]?\\d[-/.][01]?\\d[-/.](?:19|20)?\\d{2}|[0-3]?\\d\\s+(?:${MONTHS})(?:\\s+(?:19|20)\\d{2})?)(?![\\d${L}])`,
      'giu',
    ),
  },
  // Kerkstraat 12, Burg. de Withstraat 4a, Laan van Meerdervoort 120
  {
    kind: 'address',
    regex: new RegExp(
      `(?<![${L}])(?:[A-ZÀ-Ö][${L}'.-]*\\s+){0,3}[${L}'-]*(?:${STREET_SUFFIXES.join('|')})\\s+\\d{1,4}\\s?[a-zA-Z]?(?![\\d${L}])`,
      'gu',
    ),
  },
  {
    kind: 'address',
    regex: new RegExp(
      `(?<![${L}])(?:Laan|Plein|Hof|Park|Kade|Dreef)\\s+(?:van\\s+|de\\s+|der\\s+|den\\s+)*[A-ZÀ-Ö][${L}'-]+\\s+\\d{1,4}\\s?[a-zA-Z]?(?![\\d${L}])`,
      'gu',
    ),
  },
];

function patternFindings(field: string, text: string): Finding[] {
  const out: Finding[] = [];
  for (const { kind, regex } of PATTERNS) {
    for (const m of text.matchAll(regex)) {
      // A date-looking phone is already caught; a year range "2016-2020" is no date.
      out.push({ kind, field, match: m[0].trim(), index: m.index ?? 0 });
    }
  }
  return out;
}

function schoolFindings(field: string, text: string): Finding[] {
  const out: Finding[] = [];
  const words = SCHOOL_WORDS.flatMap((w) => [anyCaseStart(w), escapeRegExp(w.toUpperCase())]).join('|');
  // "basisschool De Regenboog", "OBS Klimop", "school 't Kompas", "de Regenboogschool", "Stella Maris College"
  const named = new RegExp(
    `(?<![${L}])(?:(?:${words})\\s+(?:(?:de|het|'t|den|der|van)\\s+)*[A-ZÀ-Ö][${L}'-]+(?:\\s+[A-ZÀ-Ö][${L}'-]+)*|[A-ZÀ-Ö][${L}'-]*(?:school|college|lyceum|kindcentrum)|(?:[A-ZÀ-Ö][${L}'-]+\\s+){1,3}(?:College|Lyceum|Gymnasium|Scholengemeenschap))(?![${L}])`,
    'gu',
  );
  for (const m of text.matchAll(named)) {
    const match = m[0].trim();
    // "school" alone, or "Basisschool" at the start of a sentence without a name, is fine.
    if (/^(basisschool|school|college)$/i.test(match)) continue;
    out.push({ kind: 'school', field, match, index: m.index ?? 0 });
  }
  return out;
}

function sensitiveFindings(field: string, text: string): Finding[] {
  const out: Finding[] = [];
  for (const term of SENSITIVE_TERMS) {
    // Short abbreviations only when written in capitals (ADD, ASS, OTS, MS, IQ), so "ass" in
    // another word or "ms" as an abbreviation of something else in lower case does not trip.
    const regex = ABBREVIATIONS.has(term) ? wordRegex(term.toUpperCase(), 'gu') : wordRegex(term);
    for (const m of text.matchAll(regex)) out.push({ kind: 'sensitive', field, match: m[0], index: m.index ?? 0 });
  }
  return out;
}

function familyNameFindings(field: string, text: string, names: string[]): Finding[] {
  const out: Finding[] = [];
  const parts = new Set<string>();
  for (const name of names) {
    const clean = name.trim();
    if (!clean) continue;
    if (!NAME_FILLERS.has(clean.toLocaleLowerCase('nl'))) parts.add(clean);
    // Each part of "Fatima el Amrani" or "Jan van der Berg", and the surname with its particles.
    const words = clean.split(/\s+/);
    for (const w of words)
      if (w.length >= 3 && !PARTICLES.includes(w.toLowerCase()) && !NAME_FILLERS.has(w.toLocaleLowerCase('nl')))
        parts.add(w);
    const firstParticle = words.findIndex((w, i) => i > 0 && PARTICLES.includes(w.toLowerCase()));
    if (firstParticle > 0) parts.add(words.slice(firstParticle).join(' '));
  }
  for (const part of [...parts].sort((a, b) => b.length - a.length)) {
    for (const m of text.matchAll(wordRegex(part)))
      out.push({ kind: 'family-name', field, match: m[0], index: m.index ?? 0 });
  }
  return out;
}

/** Capitalised words that look like names: known first names anywhere, unknown capitals mid-sentence, and names with particles. */
function personalNameFindings(field: string, text: string, places: Set<string>): Finding[] {
  const out: Finding[] = [];
  const particle = `(?:${['van der', 'van den', 'van de', "van 't", 'van', 'de', 'den', 'der', 'ter', 'ten', 'te', 'el', 'al'].map(anyCaseStart).join('|')})`;
  // "Jan van der Berg", "mevrouw De Vries", "meneer van Dijk"
  const withParticle = new RegExp(`(?<![${L}])(?:[A-ZÀ-Ö][${L}-]+\\s+)?${particle}\\s+[A-ZÀ-Ö][${L}-]+`, 'gu');
  for (const m of text.matchAll(withParticle)) {
    const match = m[0];
    const last = match.split(/\s+/).at(-1)!.toLowerCase();
    const first = match.split(/\s+/)[0]!.toLowerCase();
    // "van Heerenveen", "de Efteling" are places or things, not people.
    if (places.has(last) || NOT_NAMES.has(last)) continue;
    // "De Regenboog" at the start of a school name is handled by the school check.
    if (/^(de|het|een)$/.test(first) && !/^[a-z]/.test(match)) {
      // A capitalised "De Vries" at a sentence start: only flag when not a common noun phrase.
      if (COMMON_SENTENCE_STARTS.has(last)) continue;
    }
    out.push({ kind: 'personal-name', field, match, index: m.index ?? 0 });
  }

  // Word by word, knowing where sentences start.
  const tokens = text.matchAll(new RegExp(`[${L}][${L}'-]*|[.!?:;\\n"“”()]`, 'gu'));
  let sentenceStart = true;
  for (const t of tokens) {
    const word = t[0];
    if (/^[.!?:\n"“”()]$/.test(word)) {
      sentenceStart = word !== '(' && word !== ')' ? true : sentenceStart;
      if (word === ';') sentenceStart = false;
      continue;
    }
    const lower = word.toLocaleLowerCase('nl');
    // All-capital words are abbreviations (ADHD, OBS), handled by the lists above.
    const capitalised = /^[A-ZÀ-Ö]/.test(word) && word !== word.toUpperCase();
    const isKnownName = FIRST_NAMES.has(lower);
    if (capitalised && !places.has(lower) && !NOT_NAMES.has(lower)) {
      if (isKnownName || (!sentenceStart && !COMMON_SENTENCE_STARTS.has(lower))) {
        out.push({ kind: 'personal-name', field, match: word, index: t.index ?? 0 });
      }
    }
    sentenceStart = false;
  }
  return out;
}

// --- the check --------------------------------------------------------------------------------

export function checkIdentifiability(profile: ProfileTextForCheck, family: FamilyContext): IdentifiabilityFlag[] {
  const places = new Set<string>();
  for (const place of [family.gemeenteName, ...family.kernen, profile.kern]) {
    for (const word of place.split(/[\s-]+/)) if (word) places.add(word.toLocaleLowerCase('nl'));
  }
  const findings: Finding[] = [];
  for (const [field, text] of Object.entries(profile.fields)) {
    if (!text) continue;
    const family_ = familyNameFindings(field, text, family.names);
    const patterns = patternFindings(field, text);
    const schools = schoolFindings(field, text);
    findings.push(...family_, ...patterns, ...schools, ...sensitiveFindings(field, text));
    // A personal name inside something already flagged (a family name, a school, an address) is not flagged twice.
    const covered = [...family_, ...patterns, ...schools].map((f) => [f.index, f.index + f.match.length] as const);
    for (const f of personalNameFindings(field, text, places)) {
      // "de Kerkstraat" around the address "Kerkstraat 4" is that address, not a person.
      const overlaps = covered.some(([from, to]) => f.index < to && f.index + f.match.length > from);
      if (!overlaps) findings.push(f);
    }
  }

  const flags = new Map<string, IdentifiabilityFlag>();
  // Longer matches first, so "Jan van der Berg" wins over "Berg" at the same place.
  findings.sort((a, b) => a.index - b.index || b.match.length - a.match.length);
  const kept: Finding[] = [];
  for (const f of findings) {
    // "Dassen" inside "familie Dassen" is the same finding.
    if (
      kept.some(
        (k) =>
          k.kind === f.kind &&
          k.field === f.field &&
          f.index >= k.index &&
          f.index + f.match.length <= k.index + k.match.length,
      )
    )
      continue;
    kept.push(f);
    const key = keyOf(f.kind, f.field, f.match);
    if (!flags.has(key))
      flags.set(key, { key, kind: f.kind, field: f.field, match: f.match, message: KIND_MESSAGES[f.kind] });
  }

  const combination = combinationFlag(profile, family);
  if (combination) flags.set(combination.key, combination);
  return [...flags.values()];
}

/**
 * A village (any kern that is not the gemeente's own name) together with exact ages points to a
 * handful of households at most. Ranges ("6 tot 9") or the gemeente name instead of the kern fix it.
 */
function combinationFlag(profile: ProfileTextForCheck, family: FamilyContext): IdentifiabilityFlag | null {
  const exact = profile.children.filter((c) => c.minAge === c.maxAge);
  const isVillage = normalise(profile.kern) !== normalise(family.gemeenteName);
  if (!isVillage || exact.length === 0) return null;
  const match = `${profile.kern} + ${exact.map((c) => `${c.minAge} jaar`).join(', ')}`;
  return {
    key: keyOf('combination', 'profiel', `${profile.kern}|${exact.map((c) => c.minAge).join(',')}`),
    kind: 'combination',
    field: 'profiel',
    match,
    message: KIND_MESSAGES.combination,
  };
}

export const FLAG_KIND_LABELS: Record<FlagKind, string> = {
  'family-name': 'Naam uit de aanmelding',
  'personal-name': 'Mogelijk een naam',
  phone: 'Telefoonnummer',
  email: 'E-mailadres',
  address: 'Adres',
  postcode: 'Postcode',
  school: 'Naam van een school',
  'birth-date': 'Geboortedatum',
  sensitive: 'Diagnose of gevoelig onderwerp',
  combination: 'Herkenbare combinatie',
};
