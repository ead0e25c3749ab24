/**
 * The identifiability check for a recruitment profile (wervingsprofiel). A pure function: it gets
 * the text the public will read and what we know about the family, and returns every passage
 * that could point to this family. Runs on the server before publishing and in the browser
 * (ProfilePreview) while the coordinator types.
 *
 * Two kinds of flags (decision 021):
 *  - blocking: contact data (phone, e-mail, social-media account or personal link, postcode,
 *    street address). Never published; the only fix is to remove it from the text.
 *  - everything else (names, schools, dates, diagnoses, health, employers, clubs, street names,
 *    house numbers, a small kern with exact ages): fixed in the text, or kept with a reason and
 *    a second staff member's approval (profiles.usecases.ts, "wacht op tweede blik").
 *
 * It is a safety net for a careful coordinator, not a guarantee: it works on patterns and word
 * lists, so it misses what it cannot recognise and sometimes flags a harmless word. What it
 * knowingly misses and flags wrongly is listed in decision 021 and pinned by the tests.
 */
import { findSensitiveWords } from '~/lib/sensitive-text';

export type FlagKind =
  | 'family-name'
  | 'personal-name'
  | 'phone'
  | 'email'
  | 'social'
  | 'address'
  | 'postcode'
  | 'street'
  | 'house-number'
  | 'school'
  | 'birth-date'
  | 'employer'
  | 'club'
  | 'sensitive'
  | 'health'
  | 'combination';

/** Contact data: can never be kept, whoever approves. */
const BLOCKING_KINDS: ReadonlySet<FlagKind> = new Set(['phone', 'email', 'social', 'address', 'postcode']);

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
  /** True for contact data: it must be removed, it can never be kept with a reason. */
  blocking: boolean;
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
  'personal-name': 'Dit lijkt een naam. Schrijf liever "de moeder", "de oudste" of "de buurvrouw".',
  phone: 'Een telefoonnummer mag nooit in een profiel. Haal het weg: mensen reageren via het formulier.',
  email: 'Een e-mailadres mag nooit in een profiel. Haal het weg: mensen reageren via het formulier.',
  social:
    'Een account op sociale media of een link naar een eigen pagina maakt het gezin vindbaar. Haal het weg: mensen reageren via het formulier.',
  address: 'Een adres mag nooit in een profiel. Haal het weg en noem alleen het dorp of de wijk.',
  postcode: 'Een postcode mag nooit in een profiel. Haal hem weg en noem alleen het dorp of de wijk.',
  street: 'Een straatnaam wijst in een dorp snel naar één huis. Noem alleen het dorp of de wijk.',
  'house-number': 'Een huisnummer wijst samen met het dorp snel naar één huis. Laat het weg.',
  school: 'Een schoolnaam maakt het gezin herkenbaar. Schrijf "de basisschool in het dorp" of laat het weg.',
  'birth-date': 'Een geboortedatum is te precies. Noem een leeftijd of een leeftijdsgroep.',
  employer:
    'Een werkgever maakt een ouder herkenbaar, zeker in een dorp. Schrijf liever "werkt in een winkel" of "werkt in de zorg".',
  club: 'Een club of vereniging maakt een kind herkenbaar. Schrijf liever "zit op voetbal" of "speelt muziek".',
  sensitive:
    'Dit is een diagnose of een gevoelig onderwerp. Beschrijf wat het gezin nodig heeft, niet wat er aan de hand is.',
  health:
    'Dit gaat over gezondheid of een overlijden. Dat is gevoelig en maakt het gezin herkenbaar. Beschrijf wat het gezin nodig heeft.',
  combination:
    'Een klein dorp samen met precieze leeftijden (in de leeftijden of in de tekst) wijst snel naar één gezin. Gebruik leeftijdsgroepen (bijvoorbeeld "tussen 6 en 9") of noem de gemeente in plaats van het dorp.',
};

// --- word lists -------------------------------------------------------------------------------

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

/** Top-level domains we accept in an e-mail address written around spam filters ("fatima at gmail punt com"). */
const TLDS = 'nl|com|net|org|be|de|eu|info|io|me|live|email|online|nu|fr|uk';
const AT = String.raw`(?:\s*\[\s*at\s*\]\s*|\s*\(\s*at\s*\)\s*|\s*\{\s*at\s*\}\s*|\s+at\s+|\s+apenstaartje\s+|\s*@\s*)`;
const DOT = String.raw`(?:\s*\[\s*(?:punt|dot)\s*\]\s*|\s*\(\s*(?:punt|dot)\s*\)\s*|\s+(?:punt|dot)\s+|\.)`;

/** Streets and the like: a word ending in these, followed by a number, is an address. */
const STREET_WORD = `[${L}'-]{2,}(?:${STREET_SUFFIXES.join('|')}|str\\.)`;
/** Words that end like a street but are not one ("onderweg 2 uur", "een baan 3 dagen"). */
const NOT_STREETS = new Set(['onderweg', 'halfweg', 'midweg', 'zijweg', 'snelweg', 'speelveld', 'sportveld']);
/** A number followed by a unit is an amount, not a house number. */
const UNIT_AFTER = String.raw`(?!\s*(?:dagen|dag|uur|uren|keer|x|jaar|jaren|weken|week|maanden|maand|minuten|min|km|kilometer|kinderen|kids|euro|procent|%))`;
const HOUSE_NUMBER = String.raw`\d{1,4}(?:\s?-?\s?[A-Za-z](?![${L}]))?(?![\d,.]\d)`;

const PATTERNS: { kind: FlagKind; regex: RegExp }[] = [
  { kind: 'email', regex: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g },
  // "fatima [at] gmail [punt] com", "fatima(at)hotmail.com", "fatima.amrani @ gmail.com"
  {
    kind: 'email',
    regex: new RegExp(
      String.raw`(?<![\w.])[A-Za-z0-9][A-Za-z0-9._%+-]*${AT}[A-Za-z0-9-]+(?:${DOT}[A-Za-z0-9-]+)*${DOT}(?:${TLDS})(?![${L}0-9])`,
      'giu',
    ),
  },
  // 1234 AB / 1234AB (not "1234 ab" lower-case words like "2024 en")
  { kind: 'postcode', regex: /(?<![\d])[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?![A-Za-z])/g },
  // 6361ab, 6361 ab: lower case, but not a year followed by a short word ("2019 en")
  {
    kind: 'postcode',
    regex:
      /(?<![\d])[1-9]\d{3}(?:[a-z]{2}|\s(?!en|de|in|op|om|te|of|is|na|al|nu|zo|ik|je|we|ze|er|ja|uw|at|to|an|el|et|et|ma|pa|sa|sd|ss)[a-z]{2})(?![A-Za-z])/g,
  },
  // "postcode 6361" without letters still narrows it down to a few streets
  { kind: 'postcode', regex: /(?<![A-Za-z])postcode\s*:?\s*[1-9]\d{3}(?!\d|\s?[A-Za-z]{2}(?![A-Za-z]))/giu },
  // 12-03-2017, 12/3/17, 3 maart 2017, 3 maart (day + month without year is still a birthday)
  {
    kind: 'birth-date',
    regex: new RegExp(
      `(?<![\\d])(?:[0-3]?\\d[-/.][01]?\\d[-/.](?:19|20)?\\d{2}|[0-3]?\\d\\s+(?:${MONTHS})(?:\\s+(?:19|20)\\d{2})?)(?![\\d${L}])`,
      'giu',
    ),
  },
  // Kerkstraat 12, Kerkstr. 12, Raadhuisstraat nr 7, Hoofdstraat 3-A, Burg. de Withstraat 4a
  {
    kind: 'address',
    regex: new RegExp(
      `(?<![${L}])(?:[A-ZÀ-Ö][${L}'.-]*\\s+){0,3}${STREET_WORD}\\s*(?:nr\\.?\\s*|nummer\\s+)?${HOUSE_NUMBER}${UNIT_AFTER}`,
      'gu',
    ),
  },
  {
    kind: 'address',
    regex: new RegExp(
      `(?<![${L}])(?:Laan|Plein|Hof|Park|Kade|Dreef)\\s+(?:van\\s+|de\\s+|der\\s+|den\\s+)*[A-ZÀ-Ö][${L}'-]+\\s+${HOUSE_NUMBER}`,
      'gu',
    ),
  },
  // "op nummer 12", "huisnummer 14a", "nr. 3" (not "rugnummer 7", "telefoonnummer")
  {
    kind: 'house-number',
    regex: new RegExp(`(?<![${L}])(?:huisnummer|nummer|nr\\.?)\\s*${HOUSE_NUMBER}${UNIT_AFTER}`, 'giu'),
  },
  // A street without a number: "in de Raadhuisstraat" (capitalised; only the unmistakable endings)
  {
    kind: 'street',
    regex: new RegExp(
      `(?<![${L}])[A-ZÀ-Ö][${L}'-]+(?:straat|laan|steeg|dreef|singel|gracht|kade|straatweg)(?![${L}])`,
      'gu',
    ),
  },
];

/**
 * Phone numbers however people write them: 06-12345678, (06) 123 456 78, 06.12.34.56.78,
 * +31 (0)6 1234 5678, 0031 6 ..., (045) 527 12 34, 045 - 527 12 34. A run of digit groups is cut
 * into the longest part that is a valid number, so "groep 5 06-12345678" still finds the number.
 */
const DIGIT_GROUPS = /(?<![\w+@])(?:\+|00)?\(?\d+(?:\)\d*)?(?:(?:\s*[-./]\s*|[ \t]+|(?=\())\(?\d+(?:\)\d*)?)*/g;

function isPhoneNumber(written: string): boolean {
  const international = /^\s*(?:\+|00)/.test(written);
  let digits = written.replace(/^\s*\+/, '00');
  if (international) digits = digits.replace(/\(0\)/, '');
  digits = digits.replace(/\D/g, '');
  if (digits.startsWith('0031')) {
    const national = digits.slice(4).replace(/^0/, '');
    return /^[1-9]\d{8}$/.test(national);
  }
  if (digits.startsWith('00')) return international && digits.length >= 11 && digits.length <= 15;
  return /^0[1-9]\d{8}$/.test(digits);
}

function phoneFindings(field: string, text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(DIGIT_GROUPS)) {
    const run = m[0];
    // Group boundaries inside the run: try the longest valid part, earliest first.
    const starts = [0, ...[...run.matchAll(/(?<=[\s\-./)])(?=[(+\d])/g)].map((g) => g.index ?? 0)];
    const ends = [...[...run.matchAll(/\d\)?(?=[\s\-./(]|$)/g)].map((g) => (g.index ?? 0) + g[0].length)];
    let found: { from: number; to: number } | null = null;
    for (const from of starts) {
      for (const to of [...ends].reverse()) {
        if (to <= from) continue;
        if (isPhoneNumber(run.slice(from, to))) {
          found = { from, to };
          break;
        }
      }
      if (found) break;
    }
    if (found) {
      const written = run.slice(found.from, found.to).trim();
      out.push({ kind: 'phone', field, match: written, index: (m.index ?? 0) + run.indexOf(written, found.from) });
    }
  }
  return out;
}

/** Own pages of the organisation may be named. */
const OWN_PAGES = /buurtgezinnen|deoudertelefoon/i;
const PLATFORMS = 'instagram|insta|tiktok|snapchat|snap|facebook|fb|twitter|threads|youtube|linkedin';
const SOCIAL_PATTERNS: RegExp[] = [
  // Links: https://..., www...., facebook.com/...
  new RegExp(String.raw`(?:https?:\/\/|www\.)[^\s<>"']+|(?<![\w.])(?:${PLATFORMS}|x)\.com\/[^\s<>"']+`, 'giu'),
  // @handles (not the middle of an e-mail address)
  /(?<![\w.@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?/g,
  // "Snapchat: fatima2014", "TikTok heet ze mamavandrie_nuth", "Insta onder de naam ..."
  new RegExp(
    String.raw`(?<![${L}])(?:${PLATFORMS})\s*(?::|heet\s+(?:ze|hij|zij)|onder\s+de\s+naam)\s*(?!@)(?!(?:volg|ons|de|het|een|zoek|via|kijk|en|of)(?![\w.]))[A-Za-z0-9_][A-Za-z0-9_.]{2,29}(?<!\.)`,
    'giu',
  ),
];

function socialFindings(field: string, text: string): Finding[] {
  const out: Finding[] = [];
  for (const regex of SOCIAL_PATTERNS) {
    for (const m of text.matchAll(regex)) {
      const match = m[0].replace(/[.,;:!?)]+$/, '');
      if (OWN_PAGES.test(match)) continue;
      out.push({ kind: 'social', field, match, index: m.index ?? 0 });
    }
  }
  return out;
}

function patternFindings(field: string, text: string): Finding[] {
  const out: Finding[] = [...phoneFindings(field, text), ...socialFindings(field, text)];
  for (const { kind, regex } of PATTERNS) {
    for (const m of text.matchAll(regex)) {
      const match = m[0].trim();
      if ((kind === 'address' || kind === 'street') && NOT_STREETS.has(match.split(/\s+/)[0]!.toLocaleLowerCase('nl')))
        continue;
      out.push({ kind, field, match, index: m.index ?? 0 });
    }
  }
  return out;
}

/** Employers ("werkt bij de Jumbo", "in dienst bij DSM") and clubs ("RKVV Hulsberg", "scouting Sint Joris"). */
const CHAINS =
  "jumbo|albert heijn|ah|lidl|aldi|action|hema|kruidvat|etos|plus|coop|spar|mcdonald's|ikea|primark|blokker|gamma|praxis|karwei";
const CAPITALISED_NAME = `[A-ZÀ-Ö0-9][${L}0-9&'.-]*(?:\\s+[A-ZÀ-Ö0-9][${L}0-9&'.-]*){0,3}`;
const EMPLOYER = new RegExp(
  `(?<![${L}])(?:werk(?:t|te|ten|en)?|werkzaam|in\\s+dienst|baan|bijbaan|stage|stageplek|vrijwilliger|vrijwilligerswerk|solliciteert)(?:\\s+[${L}-]+){0,3}?\\s+(bij\\s+(?:de\\s+|het\\s+|'t\\s+)?(?:${CAPITALISED_NAME}|(?:${CHAINS})(?![${L}])))`,
  'gu',
);
const CLUB_WORDS =
  'voetbalclub|voetbalvereniging|sportclub|sportvereniging|hockeyclub|tennisclub|tennisvereniging|turnvereniging|gymvereniging|gymclub|zwemclub|zwemvereniging|handbalvereniging|handbalclub|korfbalvereniging|korfbalclub|judoclub|judovereniging|dansschool|muziekschool|harmonie|fanfare|schutterij|scouting|scoutinggroep|muziekvereniging|carnavalsvereniging|toneelvereniging|jeugdkoor|kinderkoor|koor|majorettes|drumband|atletiekvereniging|wielervereniging|volleybalvereniging|volleybalclub|basketbalclub|badmintonclub|tafeltennisvereniging|schaakclub|ijsclub|manege';
const CLUBS: RegExp[] = [
  // RKVV Hulsberg, SV Nuth, MHC Haarlem, HFC Haarlem, v.v. Schimmert, s.v. Oirsbeek
  new RegExp(
    `(?<![${L}.])(?:[A-Z]{1,4}[VC]|(?:r\\.k\\.)?[vsh]\\.[vc]\\.)\\s+(?:'t\\s+|de\\s+)?[A-ZÀ-Ö][${L}'-]+`,
    'gu',
  ),
  // turnvereniging Olympia, scouting Sint Joris, harmonie Sint Cecilia
  new RegExp(
    `(?<![${L}])(?:${CLUB_WORDS.split('|').map(anyCaseStart).join('|')})\\s+(?:de\\s+|het\\s+|'t\\s+)?[A-ZÀ-Ö][${L}'-]+(?:\\s+[A-ZÀ-Ö][${L}'-]+)?`,
    'gu',
  ),
];

function employerAndClubFindings(field: string, text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(EMPLOYER)) {
    const match = m[1]!.trim().replace(/[.,;:!?]+$/, '');
    out.push({ kind: 'employer', field, match, index: (m.index ?? 0) + m[0].lastIndexOf(m[1]!) });
  }
  for (const regex of CLUBS)
    for (const m of text.matchAll(regex)) out.push({ kind: 'club', field, match: m[0], index: m.index ?? 0 });
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
  return findSensitiveWords(text).map((w) => ({
    kind: w.category === 'health' ? ('health' as const) : ('sensitive' as const),
    field,
    match: w.match,
    index: w.index,
  }));
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

// --- exact ages in the text ---------------------------------------------------------------------

const NUMBER_WORDS: Record<string, number> = {
  nul: 0,
  een: 1,
  één: 1,
  twee: 2,
  drie: 3,
  vier: 4,
  vijf: 5,
  zes: 6,
  zeven: 7,
  acht: 8,
  negen: 9,
  tien: 10,
  elf: 11,
  twaalf: 12,
  dertien: 13,
  veertien: 14,
  vijftien: 15,
  zestien: 16,
  zeventien: 17,
  achttien: 18,
  negentien: 19,
  twintig: 20,
  eenentwintig: 21,
  tweeëntwintig: 22,
  drieëntwintig: 23,
};
// "een" and "één" are left out: "van 10 en een dochter" is not a child of one.
const NUMBER_WORD = Object.keys(NUMBER_WORDS)
  .filter((w) => w !== 'een' && w !== 'één')
  .sort((a, b) => b.length - a.length)
  .join('|');
const AGE = `(?:\\d{1,2}|${NUMBER_WORD})`;
const CHILD_WORDS =
  'jongen|jongetje|meisje|meid|meiden|zoon|zoontje|zonen|dochter|dochtertje|dochters|kind|kindje|kinderen|broer|broertje|broers|zus|zusje|zusjes|baby|peuter|kleuter|tweeling|drieling|oudste|jongste|middelste|tiener|puber|knul';
const TEXT_AGES: RegExp[] = [
  // "een meisje van 7", "de zoon van 9 jaar", "kinderen van 4 en 6 jaar oud", "baby van 8 maanden", "van bijna 8"
  new RegExp(
    `(?<![${L}])(?:${CHILD_WORDS})\\s+van\\s+(?:bijna\\s+|net\\s+|pas\\s+|ruim\\s+)?(${AGE}(?:(?:\\s*,\\s*|\\s+en\\s+)${AGE})*)(?:\\s+(jaar|maanden|maand|weken))?(?![${L}0-9])`,
    'giu',
  ),
  // "een 8-jarige", "8 jarige", "zevenjarige"
  new RegExp(`(?<![${L}0-9])(${AGE})\\s*-?\\s*jarig(?:e|en)?(?![${L}])`, 'giu'),
  // "7 jaar oud"
  new RegExp(`(?<![${L}0-9])(${AGE})\\s+jaar\\s+oud(?![${L}])`, 'giu'),
  // "Daan (10)", "(7 jaar)", "de kinderen (4 en 7)"
  /\(\s*(\d{1,2}(?:(?:\s*,\s*|\s+en\s+)\d{1,2})*)(?:\s*jaar)?\s*\)/gu,
  // "De oudste is 12," "ze wordt 7.", "is net 3 geworden" (only before a pause: "is 3 jaar geleden" is not an age)
  new RegExp(
    `(?<![${L}])(?:is|wordt|werd)\\s+(?:net\\s+|bijna\\s+)?(${AGE})(?:\\s+jaar)?(?=\\s*[,.;!?)]|\\s+en\\s|\\s+geworden|\\s*$)`,
    'giu',
  ),
];

function ageOf(word: string): number | null {
  const n = /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word.toLocaleLowerCase('nl')];
  return n !== undefined && n <= 23 ? n : null;
}

/** Exact ages written in the text, in order: "7 jaar", "8 maanden". */
function textAges(text: string): { label: string; index: number }[] {
  const out: { label: string; index: number }[] = [];
  for (const regex of TEXT_AGES) {
    for (const m of text.matchAll(regex)) {
      const unit = m[2]?.toLocaleLowerCase('nl');
      const inMonths = unit !== undefined && unit !== 'jaar';
      for (const word of m[1]!.split(/\s*,\s*|\s+en\s+/i)) {
        const age = ageOf(word.trim());
        if (age === null) continue;
        out.push({
          label: inMonths ? `${age} ${unit === 'weken' ? 'weken' : 'maanden'}` : `${age} jaar`,
          index: m.index ?? 0,
        });
      }
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

// --- the check --------------------------------------------------------------------------------

const overlaps = (a: Finding, b: Finding) => a.index < b.index + b.match.length && a.index + a.match.length > b.index;

export function checkIdentifiability(profile: ProfileTextForCheck, family: FamilyContext): IdentifiabilityFlag[] {
  const places = new Set<string>();
  for (const place of [family.gemeenteName, ...family.kernen, profile.kern]) {
    for (const word of place.split(/[\s-]+/)) if (word) places.add(word.toLocaleLowerCase('nl'));
  }
  const findings: Finding[] = [];
  for (const [field, text] of Object.entries(profile.fields)) {
    if (!text) continue;
    const family_ = familyNameFindings(field, text, family.names);
    const patterns = patternFindings(field, text).filter(
      // "Kerkstraat" inside the address "Kerkstraat 4", "nr 7" inside "Raadhuisstraat nr 7": one finding.
      (f, _, all) =>
        !(
          (f.kind === 'street' || f.kind === 'house-number') &&
          all.some((o) => o.kind === 'address' && overlaps(o, f))
        ),
    );
    const schools = schoolFindings(field, text);
    const organisations = employerAndClubFindings(field, text);
    findings.push(...family_, ...patterns, ...schools, ...organisations, ...sensitiveFindings(field, text));
    // A personal name inside something already flagged (a family name, a school, an address, a club) is not flagged twice.
    const covered = [...family_, ...patterns, ...schools, ...organisations];
    for (const f of personalNameFindings(field, text, places)) {
      // "de Kerkstraat" around the address "Kerkstraat 4" is that address, not a person.
      if (!covered.some((c) => overlaps(c, f))) findings.push(f);
    }
  }

  // Anything inside contact data goes with it: "fatima" in "fatima@gmail.com" is one finding, the e-mail address.
  const blockingFindings = findings.filter((f) => BLOCKING_KINDS.has(f.kind));
  const flags = new Map<string, IdentifiabilityFlag>();
  // Longer matches first, so "Jan van der Berg" wins over "Berg" at the same place.
  findings.sort((a, b) => a.index - b.index || b.match.length - a.match.length);
  const kept: Finding[] = [];
  for (const f of findings) {
    if (!BLOCKING_KINDS.has(f.kind) && blockingFindings.some((b) => b.field === f.field && overlaps(b, f))) continue;
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
      flags.set(key, {
        key,
        kind: f.kind,
        field: f.field,
        match: f.match,
        message: KIND_MESSAGES[f.kind],
        blocking: BLOCKING_KINDS.has(f.kind),
      });
  }

  const combination = combinationFlag(profile, family);
  if (combination) flags.set(combination.key, combination);
  return [...flags.values()];
}

/**
 * A village (any kern that is not the gemeente's own name, in the kern field or named in the
 * text) together with exact ages (in the age fields or written in the text) points to a handful
 * of households at most. Ranges ("6 tot 9") or the gemeente name instead of the kern fix it.
 */
function combinationFlag(profile: ProfileTextForCheck, family: FamilyContext): IdentifiabilityFlag | null {
  const gemeente = normalise(family.gemeenteName);
  const texts = Object.values(profile.fields).filter(Boolean);
  let village = normalise(profile.kern) !== gemeente ? profile.kern : null;
  if (!village) {
    const named = family.kernen
      .filter((k) => normalise(k) !== gemeente)
      .map((k) => ({
        kern: k,
        at: Math.min(...texts.map((t) => t.search(wordRegex(k, 'iu'))).map((i) => (i < 0 ? Infinity : i))),
      }))
      .filter((k) => k.at !== Infinity)
      .sort((a, b) => a.at - b.at);
    village = named[0]?.kern ?? null;
  }
  if (!village) return null;
  const ages = [
    ...profile.children.filter((c) => c.minAge === c.maxAge).map((c) => `${c.minAge} jaar`),
    ...Object.entries(profile.fields)
      .filter(([field]) => field !== 'kern')
      .flatMap(([, text]) => (text ? textAges(text).map((a) => a.label) : [])),
  ].filter((age, i, all) => all.indexOf(age) === i);
  if (ages.length === 0) return null;
  return {
    key: keyOf('combination', 'profiel', `${village}|${ages.join(',')}`),
    kind: 'combination',
    field: 'profiel',
    match: `${village} + ${ages.join(', ')}`,
    message: KIND_MESSAGES.combination,
    blocking: false,
  };
}

export const FLAG_KIND_LABELS: Record<FlagKind, string> = {
  'family-name': 'Naam uit de aanmelding',
  'personal-name': 'Mogelijk een naam',
  phone: 'Telefoonnummer',
  email: 'E-mailadres',
  social: 'Sociale media of link',
  address: 'Adres',
  postcode: 'Postcode',
  street: 'Straatnaam',
  'house-number': 'Huisnummer',
  school: 'Naam van een school',
  'birth-date': 'Geboortedatum',
  employer: 'Werkgever',
  club: 'Club of vereniging',
  sensitive: 'Diagnose of gevoelig onderwerp',
  health: 'Gezondheid of overlijden',
  combination: 'Herkenbare combinatie',
};
