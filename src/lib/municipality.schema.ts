/**
 * The gemeente content model: one JSON file per gemeente in `src/content/gemeenten/`.
 * Adding a gemeente means adding a file; the public pages and the database both read it.
 * Shared by the content collection (src/content.config.ts) and the server catalog.
 */
import { z } from 'zod';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'een slug bevat alleen kleine letters, cijfers en streepjes');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'een datum schrijf je als JJJJ-MM-DD');

export const municipalityStatuses = ['active', 'starting', 'ended'] as const;
export type MunicipalityStatus = (typeof municipalityStatuses)[number];

export const municipalitySchema = z.object({
  slug,
  name: z.string().min(2),
  province: z.string().min(2),
  /** Region used to give regional coordinators their gemeenten. */
  region: z.string().min(2),
  /** Villages, kernen or wijken the gemeente covers: people search by these names. */
  kernen: z.array(z.string().min(2)).min(1),
  startDate: isoDate.optional(),
  status: z.enum(municipalityStatuses),
  coordinator: z
    .object({
      name: z.string().min(2),
      bio: z.string().min(10),
      phone: z.string().min(8),
      email: z.email(),
      photo: z.string().optional(),
    })
    .optional(),
  social: z.object({ facebook: z.url().optional(), instagram: z.url().optional() }).default({}),
  partners: z.array(z.object({ name: z.string(), kind: z.string().optional(), url: z.url().optional() })).default([]),
  activities: z
    .array(z.object({ title: z.string(), date: isoDate.optional(), description: z.string() }))
    .default([]),
  yearlyTarget: z.number().int().min(0).optional(),
  /** A sentence or two about the local situation, written by us. */
  intro: z.string().optional(),
});

export type Municipality = z.infer<typeof municipalitySchema>;
