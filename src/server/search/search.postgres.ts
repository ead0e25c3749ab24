/**
 * The PostgreSQL search adapter (always on). Documents live in search_documents, kept current
 * by triggers (db/migrations/0009_search_triggers.sql). A query is one statement
 * (search.repository.ts): every term must match (full-text prefix, Dutch stemming, or a known
 * word within a small edit distance for typos: migration 0013), always inside the allowed
 * gemeenten; hits and facet counts come back together. This module parses the text and turns
 * the rows into hits with marked snippets and facet counts.
 */
import type { Database } from '~/server/db/db';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { cropAroundMark, hasMark, highlightField } from './search.highlight';
import {
  clampPaging,
  emptyFacets,
  type FacetCounts,
  type SearchHit,
  type SearchIndex,
  type SearchQuery,
  type SearchResult,
  type SnippetField,
} from './search.port';
import { isEmptySearch, type ParsedSearchText, parseSearchText } from './search.query';
import { createSearchRepository, type FacetRow, type HitRow } from './search.repository';

/** Sign-ups refreshed per statement during a full reindex. */
const REINDEX_BATCH = 1000;

export function toHit(row: HitRow, parsed: ParsedSearchText): SearchHit {
  const searched = !isEmptySearch(parsed);
  const fields: [SnippetField, string | null][] = [
    ['email', row.email],
    ['phone', row.phone],
    ['kern', row.kern],
    ['postcode', row.postcode],
    ['organisation', row.organisation],
    ['referrer', row.referrer_name],
    ['notes', row.notes],
  ];
  const snippets: SearchHit['snippets'] = [];
  if (searched) {
    for (const [field, value] of fields) {
      if (!value) continue;
      const parts = highlightField(field, value, parsed);
      if (hasMark(parts)) snippets.push({ field, parts: field === 'notes' ? cropAroundMark(parts) : parts });
    }
  }
  return {
    registrationId: row.registration_id,
    gemeente: row.gemeente_slug,
    kind: row.kind,
    status: row.status,
    kern: row.kern,
    assignedStaffId: row.assigned_staff_id,
    registeredAt: new Date(row.registered_at),
    name: searched ? highlightField('name', row.name, parsed) : [{ text: row.name, mark: false }],
    snippets,
    exact: row.exact,
  };
}

function toFacets(rows: FacetRow[]): { total: number; facets: FacetCounts } {
  const facets = emptyFacets();
  let total = 0;
  for (const row of rows) {
    if (row.facet === 'total') total = row.n;
    else if (row.facet === 'assigned') facets.assigned[row.value ?? 'none'] = row.n;
    else if (row.value !== null) facets[row.facet][row.value] = row.n;
  }
  return { total, facets };
}

export function createPostgresSearchIndex({ db }: { db: Database }): SearchIndex {
  const documents = createSearchRepository({ db });
  return {
    name: 'postgres',

    async search(query: SearchQuery): Promise<SearchResult> {
      const { limit, offset } = clampPaging(query);
      const allowed = [...new Set(query.allowedGemeenten)];
      if (allowed.length === 0) return { hits: [], total: 0, facets: emptyFacets(), limit, offset };
      const parsed = parseSearchText(query.text);
      const found = await documents.findMatches({ query, parsed, allowed, limit, offset });
      const { total, facets } = toFacets(found.facets);
      return { hits: found.hits.map((h) => toHit(h, parsed)), total, facets, limit, offset };
    },

    async upsert(registrationId: string): Promise<void> {
      await documents.refreshDocument(registrationId);
    },

    async delete(registrationId: string): Promise<void> {
      await documents.deleteDocument(registrationId);
    },

    /**
     * Rebuilds every document in one transaction, a batch of sign-ups per statement. Documents
     * of deleted sign-ups cannot linger: search_documents references registrations with ON
     * DELETE CASCADE. Then drops words nobody has any more from the typo dictionary.
     */
    async reindexAll(): Promise<{ documents: number }> {
      return db.transaction(async (tx) => {
        const search = createSearchRepository({ db: tx });
        let count = 0;
        for await (const ids of createRegistrationsRepository({ db: tx }).pagesOfIds(REINDEX_BATCH)) {
          count += await search.refreshDocuments(ids);
        }
        await search.pruneTerms();
        return { documents: count };
      });
    },
  };
}
