/**
 * Find a gemeente by its own name or by one of its kernen (villages, wijken): someone from
 * Schimmert must find Beekdaelen. Isomorphic: the no-JS results page (/gemeenten/zoeken) and the
 * instant filter on /gemeenten use the same rules.
 */

/** Lower case, no accents, single spaces, hyphens as spaces: "Haarlem-Zuid-West" ~ "haarlem zuid west". */
export function normaliseSearchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export type SearchableGemeente = { slug: string; name: string; kernen: readonly string[] };

export type GemeenteMatch<G extends SearchableGemeente> = {
  gemeente: G;
  /** The kernen whose name matched (empty when the gemeente's own name matched). */
  matchedKernen: string[];
};

/** Shortest query we search for; shorter ones show everything. */
export const minimumQueryLength = 2;

/**
 * Gemeenten whose name or kernen contain the query (accent- and case-insensitive).
 * Results whose name or a kern starts with the query come first, then by name.
 */
export function searchGemeenten<G extends SearchableGemeente>(
  gemeenten: readonly G[],
  query: string,
): GemeenteMatch<G>[] {
  const q = normaliseSearchText(query);
  if (q.length < minimumQueryLength) return [];
  const matches: (GemeenteMatch<G> & { rank: number })[] = [];
  for (const gemeente of gemeenten) {
    const name = normaliseSearchText(gemeente.name);
    const matchedKernen = gemeente.kernen.filter((kern) => normaliseSearchText(kern).includes(q));
    const nameMatches = name.includes(q);
    if (!nameMatches && matchedKernen.length === 0) continue;
    const startsWith = name.startsWith(q) || matchedKernen.some((kern) => normaliseSearchText(kern).startsWith(q));
    matches.push({
      gemeente,
      matchedKernen:
        nameMatches && name === q ? [] : matchedKernen.filter((kern) => normaliseSearchText(kern) !== name),
      rank: startsWith ? 0 : 1,
    });
  }
  return matches
    .sort((a, b) => a.rank - b.rank || a.gemeente.name.localeCompare(b.gemeente.name, 'nl'))
    .map(({ gemeente, matchedKernen }) => ({ gemeente, matchedKernen }));
}

/** All words someone might type for this gemeente, normalised: used as `data-zoek` for the instant filter. */
export function searchTerms(gemeente: SearchableGemeente): string {
  return [gemeente.name, ...gemeente.kernen].map(normaliseSearchText).join('|');
}
