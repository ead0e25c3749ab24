/**
 * The gemeente content model: one JSON file per gemeente in `src/content/gemeenten/`.
 * Adding a gemeente means adding a file; the public pages and the database both read it.
 * Shared by the content collection (src/content.config.ts) and the server catalog.
 */
import { z } from 'zod';

/** First path segments the portal itself uses: a gemeente may not take them. */
const reservedSlugs = [
  'gemeenten',
  'hoe-werkt-het',
  'veelgestelde-vragen',
  'privacy',
  'toegankelijkheid',
  'oudertelefoon',
  'aanmelden',
  'inbox',
  'inloggen',
  'uitloggen',
  'uitnodiging',
  'afspraken',
  'agenda',
  'wachtwoord-vergeten',
  'wachtwoord-herstellen',
  'dev',
  'api',
  'healthz',
  'sitemap',
  'robots',
  '404',
  '_astro',
] as const;

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'een slug bevat alleen kleine letters, cijfers en streepjes')
  .refine(
    (value) => !(reservedSlugs as readonly string[]).includes(value),
    'deze slug is al een pagina van de site; kies een andere',
  );
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'een datum schrijf je als JJJJ-MM-DD');

const gemeenteStatuses = ['active', 'starting', 'ended'] as const;
export type GemeenteStatus = (typeof gemeenteStatuses)[number];

export const gemeenteSchema = z
  .object({
    slug,
    name: z.string().min(2, 'de naam van de gemeente ontbreekt'),
    province: z.string().min(2, 'de provincie ontbreekt'),
    /** Region used to give regional coordinators their gemeenten. */
    region: z.string().min(2),
    /** Villages, kernen or wijken the gemeente covers: people search by these names. */
    kernen: z
      .array(z.string().min(2, 'een kern heeft een naam van minstens twee letters'))
      .min(1, 'noem minstens één kern, dorp of wijk')
      .refine(
        (names) => new Set(names.map((n) => n.toLowerCase())).size === names.length,
        'een kern staat er twee keer in',
      ),
    /**
     * Four-digit postcodes of the gemeente, single ("6333") or as a range ("6361-6365"), so someone
     * can find it by typing a postcode. The demo files were filled from memory, offline: NOT checked
     * against PostNL or the BAG, and some numbers at the edges may belong to a neighbouring gemeente.
     * Check them against the BAG (woonplaatsen per gemeente) before going live.
     */
    postcodes: z
      .array(
        z
          .string()
          .regex(/^[1-9]\d{3}(-[1-9]\d{3})?$/, 'een postcode is vier cijfers ("6333") of een reeks ("6361-6365")')
          .refine((value) => {
            const [from, to] = value.split('-').map(Number);
            return to === undefined || to >= from!;
          }, 'een reeks postcodes loopt van laag naar hoog'),
      )
      .default([]),
    startDate: isoDate.optional(),
    status: z.enum(gemeenteStatuses, { error: `de status is een van: ${gemeenteStatuses.join(', ')}` }),
    coordinator: z
      .object({
        name: z.string().min(2, 'de naam van de coördinator ontbreekt'),
        bio: z.string().min(10, 'schrijf een korte tekst over de coördinator (minstens 10 tekens)'),
        phone: z.string().regex(/^\+?[0-9][0-9 -]{7,}$/, 'het telefoonnummer van de coördinator klopt niet'),
        email: z.email('het e-mailadres van de coördinator klopt niet'),
        /** Root-relative path to an image in public/, e.g. /img/coordinatoren/beekdaelen.jpg. */
        photo: z.string().startsWith('/', 'een foto is een pad dat met / begint').optional(),
      })
      .optional(),
    social: z
      .object({
        facebook: z.url({ protocol: /^https$/, error: 'de Facebook-pagina is een https-adres' }).optional(),
        instagram: z.url({ protocol: /^https$/, error: 'de Instagram-pagina is een https-adres' }).optional(),
      })
      .default({}),
    /** Local organisations we work with (schools, wijkteam, funds); shown on the verwijzers page. */
    partners: z
      .array(z.object({ name: z.string().min(2), kind: z.string().optional(), url: z.url().optional() }))
      .default([]),
    /** Activities for all families in the gemeente (from year 2). */
    activities: z
      .array(
        z.object({
          title: z.string().min(2, 'een activiteit heeft een titel'),
          date: isoDate.optional(),
          place: z.string().optional(),
          description: z.string().min(2, 'een activiteit heeft een korte beschrijving'),
        }),
      )
      .default([]),
    yearlyTarget: z.number().int().min(0).optional(),
    /** A sentence or two about the local situation, written by us. */
    intro: z.string().optional(),
    /**
     * The approximate centre of each kern (never an address): the shortlist of steungezinnen uses
     * the distance between kernen. A kern without coordinates gets "afstand onbekend".
     */
    kernCoordinates: z
      .record(
        z.string(),
        z.object({
          lat: z.number().min(50.7, 'lat ligt niet in Nederland').max(53.6, 'lat ligt niet in Nederland'),
          lon: z.number().min(3.3, 'lon ligt niet in Nederland').max(7.3, 'lon ligt niet in Nederland'),
        }),
      )
      .default({}),
    /** Gemeenten close enough that their steungezinnen can support a family here (regional shortlists). */
    neighbours: z.array(slug).default([]),
    /** The huisregels both families sign, as a template per gemeente (default: the national list). */
    houseRules: z.array(z.string().min(10, 'een huisregel is een hele zin')).min(3).max(30).optional(),
    /** The competence checklist for steungezinnen (default: the national list). */
    competences: z
      .array(
        z.object({
          key: z.string().regex(/^[a-z_]{2,40}$/, 'een sleutel bevat alleen kleine letters en _'),
          label: z.string().min(5),
        }),
      )
      .min(1)
      .max(15)
      .optional(),
  })
  .superRefine((gemeente, ctx) => {
    for (const kern of Object.keys(gemeente.kernCoordinates))
      if (!gemeente.kernen.includes(kern))
        ctx.addIssue({
          code: 'custom',
          path: ['kernCoordinates', kern],
          message: `${kern} staat niet in de lijst kernen`,
        });
    if (gemeente.neighbours.includes(gemeente.slug))
      ctx.addIssue({ code: 'custom', path: ['neighbours'], message: 'een gemeente is niet haar eigen buur' });
  });

export type Gemeente = z.infer<typeof gemeenteSchema>;

/** One line per problem, naming the field: for start-up errors and the content check. */
export function describeGemeenteIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `- ${issue.path.join('.') || '(bestand)'}: ${issue.message}`).join('\n');
}
