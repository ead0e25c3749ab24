/** Dutch labels and the JSON shape of search hits for the inbox (page and instant results). */

import { formatDateTime } from '~/server/inbox/inbox.format';
import { KIND_LABELS, statusLabel } from '~/server/inbox/inbox.labels';
import type { HighlightPart, SearchHit, SnippetField } from './search.port';
import { type InboxSearchInput, inboxSearchParams } from './search.schemas';
import type { InboxSearchResult } from './search.usecases';

export const SNIPPET_LABELS: Record<SnippetField, string> = {
  email: 'E-mail',
  phone: 'Telefoon',
  kern: 'Dorp of wijk',
  postcode: 'Postcode',
  organisation: 'Organisatie verwijzer',
  referrer: 'Verwijzer',
  notes: 'Notitie',
};

export type InstantHit = {
  id: string;
  href: string;
  name: HighlightPart[];
  /** "Vraaggezin · Beekdaelen · Oirsbeek · Nieuw" */
  meta: string;
  snippets: { label: string; parts: HighlightPart[] }[];
};

export function describeHit(hit: SearchHit, result: Pick<InboxSearchResult, 'gemeenteNames' | 'staffNames'>) {
  return {
    kind: KIND_LABELS[hit.kind],
    gemeente: result.gemeenteNames[hit.gemeente] ?? hit.gemeente,
    kern: hit.kern,
    status: statusLabel(hit.status),
    assigned: hit.assignedStaffId ? (result.staffNames[hit.assignedStaffId] ?? 'Iemand anders') : 'Niemand',
    registeredAt: formatDateTime(hit.registeredAt),
  };
}

export function toInstantHits(result: InboxSearchResult): InstantHit[] {
  return result.hits.map((hit) => {
    const d = describeHit(hit, result);
    return {
      id: hit.registrationId,
      href: `/inbox/${hit.registrationId}`,
      name: hit.name,
      meta: [d.kind, d.gemeente, d.kern, d.status].filter(Boolean).join(' · '),
      snippets: hit.snippets.map((s) => ({ label: SNIPPET_LABELS[s.field], parts: s.parts })),
    };
  });
}

/** The villages to filter on, by name, with their counts; the chosen one stays even with no hits. */
export function kernFacet(result: InboxSearchResult | null, input: InboxSearchInput): [string, number][] {
  const kernen = Object.entries(result?.facets.kern ?? {}).sort((a, b) => a[0].localeCompare(b[0], 'nl'));
  if (input.kern && !kernen.some(([kern]) => kern === input.kern)) kernen.unshift([input.kern, 0]);
  return kernen;
}

/** A link to another page of the same search. */
export function searchPageHref(input: InboxSearchInput, page: number): string {
  return `/inbox/zoeken?${inboxSearchParams(input, { pagina: page > 1 ? String(page) : undefined })}`;
}

/** Whether any filter besides the text is on. */
export function hasSearchFilters(input: InboxSearchInput): boolean {
  return Boolean(
    input.kind || input.status || input.gemeente || input.kern || input.assigned || input.from || input.to,
  );
}
