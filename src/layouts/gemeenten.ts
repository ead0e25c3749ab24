/** The gemeenten from the content collection, for getStaticPaths and listings. */
import { getCollection } from 'astro:content';
import type { Gemeente } from '~/lib/gemeente.schema';

export async function allGemeenten(): Promise<Gemeente[]> {
  const entries = await getCollection('gemeenten');
  return entries.map((entry) => entry.data).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/** One page per gemeente: adding a JSON file is enough to get its pages. */
export async function gemeenteStaticPaths() {
  return (await allGemeenten()).map((gemeente) => ({ params: { gemeente: gemeente.slug }, props: { gemeente } }));
}
