/**
 * Find a gemeente by its own name, by one of its kernen (villages, wijken) or by a postcode:
 * someone from Schimmert must find Beekdaelen, also when typing "schimert" or "6333 AB".
 * Isomorphic: the no-JS results page (/gemeenten/zoeken), /aanmelden, the 404 page and the
 * instant filter on /gemeenten use the same rules (decision 004).
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

export type SearchableGemeente = {
  slug: string;
  name: string;
  kernen: readonly string[];
  /** Four-digit postcodes ("6333") and ranges ("6361-6365") of the gemeente. */
  postcodes?: readonly string[];
};

export type GemeenteMatch<G extends SearchableGemeente> = {
  gemeente: G;
  /** The kernen whose name matched, spelled right (empty when the gemeente's own name matched). */
  matchedKernen: string[];
  /** The four digits of the postcode that matched, when the query was a postcode. */
  postcode?: string;
};

/** Shortest query we search for; shorter ones show everything. */
export const minimumQueryLength = 2;

/** "6333", "6333 AB", "6333ab": the four digits, or null when the query is not a postcode. */
function postcodeOf(query: string): string | null {
  const m = /^\s*([1-9]\d{3})\s*(?:[a-z]{2})?\s*$/i.exec(query);
  return m ? m[1]! : null;
}

function inRanges(postcode: string, ranges: readonly string[]): boolean {
  const n = Number(postcode);
  return ranges.some((range) => {
    const [from, to = from] = range.split('-').map(Number) as [number, number?];
    return n >= from && n <= (to ?? from);
  });
}

/** Typos we forgive: none in a short word, one in a word of 4 to 6 letters, two from 7 letters. */
function allowedTypos(length: number): number {
  return length < 4 ? 0 : length < 7 ? 1 : 2;
}

/** Edit distance with swapped neighbours counted once (optimal string alignment), capped at `max + 1`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current[j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

type TermMatch = 'exact' | 'starts' | 'contains' | 'near' | null;

/** How a normalised query matches one normalised name: as part of it, or with a small typo (also while still typing). */
function matchTerm(q: string, term: string): TermMatch {
  if (term === q) return 'exact';
  if (term.startsWith(q)) return 'starts';
  if (term.includes(q)) return 'contains';
  const typos = allowedTypos(q.length);
  if (typos === 0) return null;
  if (distance(q, term, typos) <= typos) return 'near';
  // Still typing: "schimer" against the start of "schimmert".
  if (q.length >= 5 && term.length > q.length) {
    for (const length of [q.length - 1, q.length, q.length + 1])
      if (distance(q, term.slice(0, length), 1) <= 1) return 'near';
  }
  return null;
}

const RANK: Record<Exclude<TermMatch, null>, number> = { exact: 0, starts: 0, contains: 1, near: 2 };

/**
 * Gemeenten whose name or kernen match the query (accent- and case-insensitive, small typos
 * forgiven), or whose postcodes hold the postcode typed. Exact and starting matches come first,
 * then matches inside a name, then near ones; then by name.
 */
export function searchGemeenten<G extends SearchableGemeente>(
  gemeenten: readonly G[],
  query: string,
): GemeenteMatch<G>[] {
  const postcode = postcodeOf(query);
  if (postcode) {
    return gemeenten
      .filter((g) => inRanges(postcode, g.postcodes ?? []))
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
      .map((gemeente) => ({ gemeente, matchedKernen: [], postcode }));
  }
  const q = normaliseSearchText(query);
  if (q.length < minimumQueryLength || /^\d+$/.test(q)) return [];
  const matches: (GemeenteMatch<G> & { rank: number })[] = [];
  for (const gemeente of gemeenten) {
    const name = normaliseSearchText(gemeente.name);
    const nameMatch = matchTerm(q, name);
    const kernMatches = gemeente.kernen
      .map((kern) => ({ kern, match: matchTerm(q, normaliseSearchText(kern)) }))
      .filter((k) => k.match !== null);
    if (!nameMatch && kernMatches.length === 0) continue;
    const best = Math.min(
      ...[nameMatch, ...kernMatches.map((k) => k.match)].filter((m) => m !== null).map((m) => RANK[m]),
    );
    // Name the kernen that explain the match: near ones only when nothing matched better
    // ("harlem" is Haarlem itself, not also "Haarlem-Noord").
    const shownKernen = nameMatch
      ? kernMatches.filter((k) => k.match !== 'near')
      : kernMatches.filter((k) => RANK[k.match!] === best);
    matches.push({
      gemeente,
      matchedKernen:
        nameMatch === 'exact'
          ? []
          : shownKernen.map((k) => k.kern).filter((kern) => normaliseSearchText(kern) !== name),
      rank: best,
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

/** The gemeente's postcodes for the instant filter: `data-postcodes`. */
export function postcodeRanges(gemeente: SearchableGemeente): string {
  return (gemeente.postcodes ?? []).join('|');
}

/** The instant filter's test for one list item: the same rules as searchGemeenten, on its data attributes. */
export function matchesSearchTerms(query: string, terms: string, postcodes: string): boolean {
  const postcode = postcodeOf(query);
  if (postcode) return inRanges(postcode, postcodes ? postcodes.split('|') : []);
  const q = normaliseSearchText(query);
  if (q.length < minimumQueryLength) return true;
  if (/^\d+$/.test(q)) return false;
  return terms.split('|').some((term) => matchTerm(q, term) !== null);
}
