import { describeGemeenteIssues, type Gemeente, gemeenteSchema } from '~/lib/gemeente.schema';

// Bundled at build time, so the built server needs no source files at run time.
const files = import.meta.glob<unknown>('../../content/gemeenten/*.json', { eager: true, import: 'default' });

/** Every gemeente from the content files, validated; a bad file stops the start with its name. */
export function loadGemeenteCatalog(): Gemeente[] {
  const catalog = Object.entries(files)
    .map(([file, data]) => {
      const parsed = gemeenteSchema.safeParse(data);
      if (!parsed.success)
        throw new Error(`Gemeentebestand ${file} klopt niet:\n${describeGemeenteIssues(parsed.error)}`);
      return parsed.data;
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const slugs = new Set(catalog.map((g) => g.slug));
  for (const g of catalog)
    for (const neighbour of g.neighbours)
      if (!slugs.has(neighbour))
        throw new Error(`Gemeentebestand ${g.slug}.json klopt niet:\n- neighbours: ${neighbour} is geen gemeente`);
  return catalog;
}
