import { allGemeenten } from '~/layouts/gemeenten';
import type { Municipality } from '~/lib/municipality.schema';

/** A gemeente that takes sign-ups (active or starting), or undefined: for the on-demand form pages. */
export async function findOpenGemeente(slug: string | undefined): Promise<Municipality | undefined> {
  if (!slug) return undefined;
  const gemeente = (await allGemeenten()).find((g) => g.slug === slug);
  return gemeente && gemeente.status !== 'ended' ? gemeente : undefined;
}
