import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { municipalitySchema } from './lib/municipality.schema';

// One JSON file per gemeente; see src/lib/municipality.schema.ts for the fields.
const gemeenten = defineCollection({
  loader: glob({ pattern: '*.json', base: './src/content/gemeenten' }),
  schema: municipalitySchema,
});

export const collections = { gemeenten };
