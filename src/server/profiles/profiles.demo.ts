/**
 * Invented recruitment profiles for the demo, loosely based on the kinds of families in the
 * 2016 effect report (an overloaded single mother, a refugee family, a family caring for a
 * teenager, two sisters, a parent who is often tired): the situations, never the sentences, and
 * nothing that could identify anyone. Each has its own invented vraaggezin sign-up; one has
 * responses from steungezinnen, one was matched recently.
 */
import type { ConsentRecord } from '~/lib/registration.types';
import type { DbOrTx } from '~/server/db/db';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { type DemoStaffKey, demoCoordinatorOf } from '~/server/staff/staff.demo';
import { createProfilesRepository, type ProfileChild } from './profiles.repository';

const DAY = 86_400_000;

type DemoProfile = {
  gemeente: string;
  kern: string;
  parent: string;
  title: string;
  children: ProfileChild[];
  supportKinds: string[];
  days: string[];
  frequency: string;
  sleepovers: string;
  story: string;
  asks: string;
  offers: string;
  publishedDaysAgo: number;
  matchedDaysAgo?: number;
  responses?: string[];
  postings?: { channel: 'facebook' | 'instagram'; daysAgo: number }[];
};

export const DEMO_PROFILES: DemoProfile[] = [
  {
    gemeente: 'beekdaelen',
    kern: 'Beekdaelen',
    parent: 'Demi Lemmens',
    title: 'Een vrolijke peuter zoekt een tweede thuis voor één dag in de week',
    children: [
      { minAge: 1, maxAge: 3, gender: 'meisje' },
      { minAge: 9, maxAge: 11, gender: 'jongen' },
      { minAge: 13, maxAge: 15, gender: 'meisje' },
    ],
    supportKinds: ['vaste-middag', 'logeren'],
    days: ['wo', 'za'],
    frequency: 'wekelijks',
    sleepovers: 'ja',
    story:
      'Een moeder met drie kinderen doet na haar scheiding alles alleen. Ze werkt hard en houdt veel ballen in de lucht. De jongste is een vrolijke peuter die graag zingt en buiten speelt.\n\nMoeder zou het fijn vinden als haar dochtertje één dag in de week bij een ander gezin kan meedraaien. En af en toe een nachtje logeren, zodat zij zelf even kan opladen.',
    asks: 'Eén dag of middag per week gewoon meedoen in jullie gezin: spelen, samen eten, naar de speeltuin. Later misschien eens per maand een nachtje logeren.',
    offers:
      'Een kleine meid die opbloeit, een moeder die weer lucht krijgt, en een warme band. De coördinator helpt bij de kennismaking en blijft bereikbaar.',
    publishedDaysAgo: 6,
    responses: ['Familie Huntjens', 'Roel en Petra'],
    postings: [{ channel: 'facebook', daysAgo: 5 }],
  },
  {
    gemeente: 'beekdaelen',
    kern: 'Nuth',
    parent: 'Anna Kowalska',
    title: 'Wie laat een nieuwsgierig meisje de wereld buiten ontdekken?',
    children: [
      { minAge: 2, maxAge: 4, gender: 'meisje' },
      { minAge: 14, maxAge: 16, gender: 'jongen' },
    ],
    supportKinds: ['vaste-middag'],
    days: ['di', 'do'],
    frequency: 'wekelijks',
    sleepovers: 'nee',
    story:
      'Een moeder woont sinds kort in de gemeente en kent nog bijna niemand. Ze zorgt elke dag voor haar tienerzoon die veel zorg nodig heeft. Daardoor komt haar dochtertje weinig buiten en speelt ze weinig met andere kinderen.\n\nMoeder gunt haar dochter een grotere wereld: een tuin, andere kinderen, nieuwe dingen zien.',
    asks: 'Een vaste middag per week waarop het meisje bij jullie speelt. Rustig opbouwen: eerst samen met moeder, dan stap voor stap alleen.',
    offers: 'Het plezier van een kind dat nieuwe dingen durft. Jullie eigen kinderen krijgen er een speelmaatje bij.',
    publishedDaysAgo: 15,
  },
  {
    gemeente: 'heerenveen',
    kern: 'Heerenveen',
    parent: 'Hodan Warsame',
    title: 'Een meisje van de basisschool zoekt een plek om te spelen en Nederlands te praten',
    children: [
      { minAge: 4, maxAge: 6, gender: 'meisje' },
      { minAge: 7, maxAge: 9, gender: 'jongen' },
    ],
    supportKinds: ['vaste-middag', 'meegaan'],
    days: ['wo'],
    frequency: 'wekelijks',
    sleepovers: 'misschien',
    story:
      'Een gezin dat een paar jaar geleden naar Nederland kwam, woont nu in Heerenveen. Moeder spreekt nog weinig Nederlands en heeft bijna geen contact met andere gezinnen. Haar dochter zit op de basisschool en leert snel, maar thuis praat ze geen Nederlands.\n\nEen middag per week bij een Nederlands gezin zou haar veel helpen: spelen, voorlezen, samen koken.',
    asks: 'Elke woensdagmiddag het meisje ophalen, samen spelen en praten, en haar voor het eten terugbrengen. Af en toe meegaan naar een activiteit.',
    offers:
      'Een kijkje in een andere cultuur, een kind dat met sprongen vooruitgaat, en een moeder die er niet meer alleen voor staat.',
    publishedDaysAgo: 3,
    responses: ['Sietske'],
  },
  {
    gemeente: 'heerenveen',
    kern: 'Jubbega',
    parent: 'Marieke Zandstra',
    title: 'Twee zussen, twee gezinnen: wie wordt de extra plek voor de jongste?',
    children: [
      { minAge: 7, maxAge: 9, gender: 'meisje' },
      { minAge: 12, maxAge: 13, gender: 'meisje' },
    ],
    supportKinds: ['weekend', 'meegaan'],
    days: ['za'],
    frequency: 'twee-wekelijks',
    sleepovers: 'nee',
    story:
      'Een moeder met twee dochters heeft een paar zware jaren achter de rug. Ze is vaak moe en het lukt niet altijd om de meiden de aandacht te geven die ze nodig hebben. De zussen maken veel ruzie.\n\nVoor de oudste is al een steungezin gevonden. Nu zoeken we een gezin voor de jongste: een rustige plek waar zij even de enige is.',
    asks: 'Eens in de twee weken een zaterdag samen optrekken: fietsen, naar de markt, een spelletje. Soms meegaan naar een activiteit van school.',
    offers:
      'Een meisje dat zich gezien voelt. Steun en uitleg van de coördinator, en gezellige activiteiten met andere gezinnen in de gemeente.',
    publishedDaysAgo: 20,
    matchedDaysAgo: 2,
    postings: [
      { channel: 'facebook', daysAgo: 19 },
      { channel: 'instagram', daysAgo: 19 },
    ],
  },
  {
    gemeente: 'haarlem',
    kern: 'Haarlem-Noord',
    parent: 'Bas Kuijpers',
    title: 'Een vader die alles alleen doet zoekt een gezin om af en toe op terug te vallen',
    children: [{ minAge: 5, maxAge: 7, gender: 'jongen' }],
    supportKinds: ['logeren', 'luisterend-oor'],
    days: ['vr', 'za'],
    frequency: 'maandelijks',
    sleepovers: 'ja',
    story:
      'Een vader zorgt alleen voor zijn zoon. Het gaat goed, maar soms zit hij er even doorheen en heeft hij niemand in de buurt om op terug te vallen.\n\nZijn zoon is een echte bouwer: lego, hutten, alles wat je in elkaar kunt zetten. Hij zou het geweldig vinden om eens per maand ergens te logeren.',
    asks: 'Eens per maand een nachtje logeren van vrijdag op zaterdag. En af en toe een kop koffie met vader: even praten helpt.',
    offers:
      'Een jongen vol ideeën aan jullie tafel, en het gevoel dat je echt verschil maakt voor een gezin in je eigen stad.',
    publishedDaysAgo: 9,
  },
];

const consent = (at: Date): ConsentRecord[] => [
  {
    purpose: 'contact-and-store',
    text: 'Ik vind het goed dat Buurtgezinnen contact met mij opneemt en mijn gegevens hiervoor bewaart.',
    agreedAt: at.toISOString(),
  },
];

export async function seedDemoProfiles(
  tx: DbOrTx,
  staff: Record<DemoStaffKey, string>,
  now = new Date(),
): Promise<void> {
  const registrations = createRegistrationsRepository({ db: tx });
  const profiles = createProfilesRepository({ db: tx });
  for (const p of DEMO_PROFILES) {
    const signedUp = new Date(now.getTime() - (p.publishedDaysAgo + 30) * DAY);
    const family = await registrations.insert({
      kind: 'vraaggezin',
      gemeenteSlug: p.gemeente,
      kern: p.kern,
      contactName: p.parent,
      // An address, so the family can confirm its agreements by e-mail once it has a steungezin.
      contactEmail: `${p.parent.toLowerCase().replace(/[^a-z]+/g, '.')}@example.nl`,
      details: {
        kind: 'vraaggezin',
        children: p.children.map((c) => ({ age: Math.round((c.minAge + c.maxAge) / 2) })),
        supportWishes: p.supportKinds,
        message: null,
      },
      consents: consent(signedUp),
      status: p.matchedDaysAgo === undefined ? 'profile_published' : 'matched',
      createdAt: signedUp,
      updatedAt: signedUp,
    });
    const publishedAt = new Date(now.getTime() - p.publishedDaysAgo * DAY);
    const matchedAt = p.matchedDaysAgo === undefined ? null : new Date(now.getTime() - p.matchedDaysAgo * DAY);
    const profile = await profiles.insert({
      registrationId: family.id,
      gemeenteSlug: p.gemeente,
      status: matchedAt ? 'matched' : 'published',
      title: p.title,
      kern: p.kern,
      children: p.children,
      supportKinds: p.supportKinds,
      days: p.days,
      frequency: p.frequency,
      sleepovers: p.sleepovers,
      story: p.story,
      asks: p.asks,
      offers: p.offers,
      postings: (p.postings ?? []).map((x, i) => ({
        id: `demo-${i}`,
        channel: x.channel,
        postedOn: new Date(now.getTime() - x.daysAgo * DAY).toISOString().slice(0, 10),
        note: null,
        removedOn: null,
      })),
      createdByStaffId: demoCoordinatorOf(p.gemeente, staff),
      publishedAt,
      matchedAt,
      createdAt: new Date(publishedAt.getTime() - DAY),
      updatedAt: matchedAt ?? publishedAt,
    });
    for (const [i, name] of (p.responses ?? []).entries()) {
      const at = new Date(publishedAt.getTime() + (i + 1) * DAY * 0.7);
      await registrations.insert({
        kind: 'steungezin',
        gemeenteSlug: p.gemeente,
        kern: p.kern,
        contactName: name,
        contactEmail: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.nl`,
        details: {
          kind: 'steungezin',
          adultsInHousehold: 2,
          ownChildren: [{ age: 8 }],
          days: p.days,
          frequency: 'wekelijks',
          sleepovers: 'misschien',
          ageGroups: ['0-4', '4-12'],
          motivation: 'We lazen de oproep en dachten meteen: dat kunnen wij.',
          vogWilling: 'ja',
        },
        consents: consent(at),
        profileId: profile.id,
        createdAt: at,
        updatedAt: at,
      });
    }
  }
}
