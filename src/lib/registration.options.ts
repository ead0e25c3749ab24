/**
 * The fixed choices on the sign-up forms: a stable code (stored) and the Dutch label (shown).
 * Shared by the forms, the server schemas, e-mails and the inbox.
 */
export type Option = { value: string; label: string };

export const contactTimeOptions = [
  { value: 'ochtend', label: 'In de ochtend' },
  { value: 'middag', label: 'In de middag' },
  { value: 'avond', label: 'In de avond' },
  { value: 'maakt-niet-uit', label: 'Maakt niet uit' },
] as const satisfies readonly Option[];

export const supportWishOptions = [
  { value: 'vaste-middag', label: 'Een vaste middag in de week bij het steungezin' },
  { value: 'logeren', label: 'Af en toe een logeerpartij' },
  { value: 'weekend', label: 'Een dag in het weekend' },
  { value: 'meegaan', label: 'Meegaan naar activiteiten, zoals sport of een ouderavond' },
  { value: 'luisterend-oor', label: 'Een luisterend oor voor mij als ouder' },
  { value: 'weet-niet', label: 'Dat weet ik nog niet' },
] as const satisfies readonly Option[];

export const sourceOptions = [
  { value: 'social-media', label: 'Facebook, Instagram of andere sociale media' },
  { value: 'vrienden-familie', label: 'Via vrienden, familie of buren' },
  { value: 'school', label: 'Via school of kinderopvang' },
  { value: 'zorg', label: 'Via huisarts, wijkteam of consultatiebureau' },
  { value: 'krant-website', label: 'Krant, website of folder' },
  { value: 'activiteit', label: 'Op een activiteit of markt' },
  { value: 'anders', label: 'Anders' },
] as const satisfies readonly Option[];

export const dayOptions = [
  { value: 'ma', label: 'Maandag' },
  { value: 'di', label: 'Dinsdag' },
  { value: 'wo', label: 'Woensdag' },
  { value: 'do', label: 'Donderdag' },
  { value: 'vr', label: 'Vrijdag' },
  { value: 'za', label: 'Zaterdag' },
  { value: 'zo', label: 'Zondag' },
] as const satisfies readonly Option[];

export const frequencyOptions = [
  { value: 'wekelijks', label: 'Elke week' },
  { value: 'twee-wekelijks', label: 'Eens in de twee weken' },
  { value: 'maandelijks', label: 'Eens per maand' },
  { value: 'in-overleg', label: 'Dat bespreek ik liever eerst' },
] as const satisfies readonly Option[];

export const sleepoverOptions = [
  { value: 'ja', label: 'Ja' },
  { value: 'misschien', label: 'Misschien, later' },
  { value: 'nee', label: 'Nee' },
] as const satisfies readonly Option[];

export const ageGroupOptions = [
  { value: '0-4', label: '0 tot 4 jaar' },
  { value: '4-12', label: '4 tot 12 jaar' },
  { value: '12-18', label: '12 tot 18 jaar' },
  { value: '18-23', label: '18 tot 23 jaar' },
] as const satisfies readonly Option[];

export const vogOptions = [
  { value: 'ja', label: 'Ja, iedere volwassene in ons huis wil een VOG aanvragen' },
  { value: 'vraag', label: 'Ik heb er eerst een vraag over' },
  { value: 'nee', label: 'Nee' },
] as const satisfies readonly Option[];

export const organisationTypeOptions = [
  { value: 'school', label: 'School (bijvoorbeeld intern begeleider)' },
  { value: 'huisarts', label: 'Huisartsenpraktijk' },
  { value: 'wijkteam', label: 'Wijkteam of jeugdteam' },
  { value: 'jgz', label: 'Consultatiebureau of JGZ' },
  { value: 'kinderopvang', label: 'Kinderopvang' },
  { value: 'maatschappelijk-werk', label: 'Maatschappelijk werk' },
  { value: 'welzijn', label: 'Welzijnsorganisatie' },
  { value: 'anders', label: 'Anders' },
] as const satisfies readonly Option[];

export const firstContactOptions = [
  { value: 'coordinator', label: 'De coördinator neemt contact op met de ouders' },
  { value: 'ouders', label: 'De ouders nemen zelf contact op met de coördinator' },
] as const satisfies readonly Option[];

export function optionLabel(options: readonly Option[], value: string | null | undefined): string {
  return options.find((o) => o.value === value)?.label ?? value ?? '';
}

/** The sentences people tick; stored word for word with the sign-up (ConsentRecord). */
export const consentTexts = {
  'contact-and-store': 'Ik vind het goed dat Buurtgezinnen contact met mij opneemt en mijn gegevens hiervoor bewaart.',
  'referrer-store':
    'Ik vind het goed dat Buurtgezinnen mijn gegevens als verwijzer bewaart om contact te houden over deze aanmelding.',
  'parents-agree': 'De ouders weten van deze aanmelding en zijn het ermee eens.',
} as const;
export type ConsentPurpose = keyof typeof consentTexts;

/**
 * The consent question a staff member reads aloud when someone signs up by phone: the same
 * consent as the form's sentence, asked as a question. Stored as the text of a spoken yes.
 */
export const consentQuestionReadAloud =
  'Vind je het goed dat Buurtgezinnen contact met je opneemt en je gegevens hiervoor bewaart? Hoe we met je gegevens omgaan, lees je in onze privacyverklaring op de website.';
