import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { gemeenteSchema } from './lib/gemeente.schema';

// One JSON file per gemeente; see src/lib/gemeente.schema.ts for the fields.
const gemeenten = defineCollection({
  loader: glob({ pattern: '*.json', base: './src/content/gemeenten' }),
  schema: gemeenteSchema,
});

export const collections = { gemeenten };
