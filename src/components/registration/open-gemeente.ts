import { allGemeenten } from '~/layouts/gemeenten';
import type { Gemeente } from '~/lib/gemeente.schema';

/** A gemeente that takes sign-ups (active or starting), or undefined: for the on-demand form pages. */
export async function findOpenGemeente(slug: string | undefined): Promise<Gemeente | undefined> {
  if (!slug) return undefined;
  const gemeente = (await allGemeenten()).find((entry) => entry.slug === slug);
  return gemeente && gemeente.status !== 'ended' ? gemeente : undefined;
}
