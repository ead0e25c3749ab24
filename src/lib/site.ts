/**
 * Site-wide facts used by the public pages: one place to correct a link or a phone line.
 * Isomorphic (no server imports): pages, components and islands may use it.
 */
export const site = {
  name: 'Buurtgezinnen',
  tagline: 'Opvoeden doen we samen',
  /** National office (Nieuwegein), shown where no local coordinator is known. */
  office: {
    name: 'Landelijk bureau Buurtgezinnen',
    city: 'Nieuwegein',
    email: 'info@buurtgezinnen.nl',
  },
  oudertelefoon: {
    name: 'De Oudertelefoon',
    url: 'https://www.deoudertelefoon.nl',
    /** What it offers, from the 2025 letter to political parties (seed 001). */
    summary: 'Op werkdagen gratis en anoniem bellen of chatten met getrainde vrijwilligers.',
  },
  shareImage: '/deelafbeelding.png',
  /**
   * Retention terms promised on /privacy. Keep them equal to what the retention job deletes;
   * change both together.
   */
  retention: {
    unmatchedSignUpMonths: 12,
    closedMatchYears: 2,
    accessLogYears: 1,
    /** The open answer of the satisfaction survey (issue 15): the scores stay, anonymous, in the report. */
    surveyAnswerMonths: 12,
  },
  /** Days within which we answer a request to see, correct or delete data (AVG: one month). */
  privacyAnswerWeeks: 4,
} as const;

/** The sign-up and referral forms (built by other parts of the portal); pages only link to them. */
export const formPaths = {
  askForSupport: (gemeente: string) => `/${gemeente}/aanmelden/vraaggezin`,
  becomeSupportFamily: (gemeente: string) => `/${gemeente}/aanmelden/steungezin`,
  refer: (gemeente: string) => `/${gemeente}/verwijzen`,
  /** National entry: pick your gemeente first. */
  signUp: '/aanmelden',
} as const;

/** The informational pages of one gemeente, in menu order. */
export function gemeentePages(slug: string) {
  return [
    { href: `/${slug}`, label: 'Start' },
    { href: `/${slug}/hulp-voor-je-gezin`, label: 'Hulp voor je gezin' },
    { href: `/${slug}/steungezin-worden`, label: 'Steungezin worden' },
    { href: `/${slug}/verwijzers`, label: 'Voor verwijzers' },
    { href: `/${slug}/activiteiten`, label: 'Activiteiten' },
    { href: `/${slug}/contact`, label: 'Contact' },
  ];
}

export const nationalPages = [
  { href: '/hoe-werkt-het', label: 'Hoe werkt het?' },
  { href: '/gemeenten', label: 'Gemeenten' },
  { href: '/veelgestelde-vragen', label: 'Vragen' },
  { href: '/oudertelefoon', label: 'De Oudertelefoon' },
];

/** The Atom feed of a gemeente's open recruitment profiles, as announced in <head> of the pages that list them. */
export function profileFeed(gemeente: { slug: string; name: string }) {
  return { href: `/${gemeente.slug}/steungezin-gezocht/feed.xml`, title: `Steungezin gezocht in ${gemeente.name}` };
}
