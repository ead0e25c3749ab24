/**
 * The Meilisearch adapter (only when MEILISEARCH_URL is set). PostgreSQL stays the source of
 * truth: documents are read from search_documents (kept by triggers) and pushed here by the
 * outbox topic 'search.index' (search.outbox.ts) or by a full reindex that builds a fresh index
 * and swaps it in. Every task is awaited and its status checked; a failed task throws.
 *
 * Tenant isolation: every query carries a gemeente filter built here from allowedGemeenten.
 */
import { Meilisearch, type Settings, type Task } from 'meilisearch';
import type { Database } from '~/server/db/db';
import {
  clampPaging,
  emptyFacets,
  type FacetCounts,
  type SearchIndex,
  type SearchQuery,
  type SearchResult,
} from './search.port';
import { toHit } from './search.postgres';
import { foldText, isEmptySearch, nationalPhone, parseSearchText } from './search.query';
import { createSearchRepository, type SearchDocumentRow } from './search.repository';

export type MeiliDocument = {
  id: string;
  gemeente: string;
  kind: string;
  status: string;
  kern: string | null;
  /** Staff id or 'none' (Meilisearch cannot filter on null as neatly). */
  assigned: string;
  /** Epoch milliseconds: filterable and sortable. */
  createdAt: number;
  name: string;
  email: string | null;
  phone: string | null;
  /** 0612345678, 31612345678, 612345678: a typed number in any format matches one of them. */
  phoneKeys: string[];
  postcode: string | null;
  postcodeKey: string | null;
  organisation: string | null;
  referrerName: string | null;
  notes: string | null;
};

export const MEILI_SETTINGS: Settings = {
  searchableAttributes: ['name', 'email', 'phoneKeys', 'postcodeKey', 'kern', 'organisation', 'referrerName', 'notes'],
  filterableAttributes: ['gemeente', 'kind', 'status', 'kern', 'assigned', 'createdAt'],
  sortableAttributes: ['createdAt'],
  displayedAttributes: ['*'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'exactness', 'sort'],
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
    disableOnAttributes: ['phoneKeys', 'postcodeKey'],
  },
  faceting: { maxValuesPerFacet: 200 },
  pagination: { maxTotalHits: 5000 },
};

export function toMeiliDocument(row: SearchDocumentRow): MeiliDocument {
  const national = row.phone ? nationalPhone(row.phone) : null;
  const phoneKeys = national
    ? [national, ...(national.startsWith('0') ? [`31${national.slice(1)}`, national.slice(1)] : [])]
    : [];
  return {
    id: row.registrationId,
    gemeente: row.gemeenteSlug,
    kind: row.kind,
    status: row.status,
    kern: row.kern,
    assigned: row.assignedStaffId ?? 'none',
    createdAt: row.registeredAt.getTime(),
    name: row.name,
    email: row.email,
    phone: row.phone,
    phoneKeys,
    postcode: row.postcode,
    postcodeKey: row.postcodeKey,
    organisation: row.organisation,
    referrerName: row.referrerName,
    notes: row.notes,
  };
}

/** A filter value, quoted for Meilisearch's filter syntax. */
function quote(value: string): string {
  return JSON.stringify(value);
}

export function buildMeiliFilter(query: SearchQuery): string[] {
  const allowed = [...new Set(query.allowedGemeenten)];
  const f = query.filters ?? {};
  const filter = [`gemeente IN [${allowed.map(quote).join(', ')}]`];
  if (f.gemeente) filter.push(`gemeente = ${quote(f.gemeente)}`);
  if (f.kind) filter.push(`kind = ${quote(f.kind)}`);
  if (f.status) filter.push(`status = ${quote(f.status)}`);
  if (f.kern) filter.push(`kern = ${quote(f.kern)}`);
  if (f.assignedTo) filter.push(`assigned = ${quote(f.assignedTo)}`);
  if (f.from) filter.push(`createdAt >= ${f.from.getTime()}`);
  if (f.to) filter.push(`createdAt < ${f.to.getTime()}`);
  return filter;
}

class SearchIndexTaskError extends Error {
  constructor(task: Task) {
    super(
      `Meilisearch-taak ${task.uid} (${task.type}) eindigde als ${task.status}: ${task.error?.code ?? ''} ${task.error?.message ?? ''}`.trim(),
    );
    this.name = 'SearchIndexTaskError';
  }
}

function ensureSucceeded(task: Task): Task {
  if (task.status !== 'succeeded') throw new SearchIndexTaskError(task);
  return task;
}

type DriftReport = {
  databaseCount: number;
  indexCount: number;
  missing: string[];
  extra: string[];
  inSync: boolean;
};

export type MeilisearchSearchIndex = SearchIndex & {
  /** Create the live index if needed and apply the settings (awaited) before any document. */
  ensureIndex(): Promise<void>;
  /** Compare the ids in PostgreSQL with the ids in the index. */
  checkDrift(): Promise<DriftReport>;
};

export function createMeilisearchSearchIndex({
  db,
  url,
  key,
  indexName = 'registrations',
  timeoutMs = 30_000,
}: {
  db: Database;
  url: string;
  key: string | undefined;
  indexName?: string;
  timeoutMs?: number;
}): MeilisearchSearchIndex {
  const client = new Meilisearch({ host: url, apiKey: key });
  const wait = { timeout: timeoutMs, interval: 25 };
  let ensured: Promise<void> | undefined;

  async function createWithSettings(uid: string) {
    const existing = await client.getIndex(uid).catch(() => null);
    if (!existing) ensureSucceeded(await client.createIndex(uid, { primaryKey: 'id' }).waitTask(wait));
    ensureSucceeded(await client.index(uid).updateSettings(MEILI_SETTINGS).waitTask(wait));
  }

  async function ensureIndex() {
    ensured ??= createWithSettings(indexName).catch((error: unknown) => {
      ensured = undefined;
      throw error;
    });
    return ensured;
  }

  const adapter: MeilisearchSearchIndex = {
    name: 'meilisearch',
    ensureIndex,

    async search(query: SearchQuery): Promise<SearchResult> {
      const { limit, offset } = clampPaging(query);
      if (query.allowedGemeenten.length === 0) return { hits: [], total: 0, facets: emptyFacets(), limit, offset };
      await ensureIndex();
      const parsed = parseSearchText(query.text);
      const empty = isEmptySearch(parsed);
      const q = [...parsed.words, ...parsed.phones, ...parsed.postcodes, ...parsed.emails].join(' ');
      const response = await client.index<MeiliDocument>(indexName).search(empty ? '' : q, {
        filter: buildMeiliFilter(query),
        limit,
        offset,
        facets: ['kind', 'status', 'gemeente', 'kern', 'assigned'],
        matchingStrategy: 'all',
        ...(empty ? { sort: ['createdAt:desc'] } : {}),
      });
      const hits = response.hits.map((doc) => {
        const national = parsed.phones;
        const exact =
          foldText(doc.name).replace(/\s+/g, ' ').trim() === parsed.whole ||
          (doc.email !== null && parsed.emails.includes(doc.email)) ||
          doc.phoneKeys.some((k) => national.includes(k));
        return toHit(
          {
            registration_id: doc.id,
            gemeente_slug: doc.gemeente,
            kind: doc.kind as SearchResult['hits'][number]['kind'],
            status: doc.status,
            kern: doc.kern,
            assigned_staff_id: doc.assigned === 'none' ? null : doc.assigned,
            registered_at: new Date(doc.createdAt).toISOString(),
            name: doc.name,
            email: doc.email,
            phone: doc.phone,
            postcode: doc.postcode,
            organisation: doc.organisation,
            referrer_name: doc.referrerName,
            notes: doc.notes,
            exact,
          },
          parsed,
        );
      });
      // Exact name/e-mail/phone matches first (Meilisearch's exactness rule ranks words, not whole values).
      hits.sort((a, b) => Number(b.exact) - Number(a.exact));
      const facets: FacetCounts = emptyFacets();
      for (const name of Object.keys(facets) as (keyof FacetCounts)[])
        Object.assign(facets[name], response.facetDistribution?.[name] ?? {});
      return { hits, total: response.estimatedTotalHits ?? hits.length, facets, limit, offset };
    },

    async upsert(registrationId: string) {
      await ensureIndex();
      const row = await createSearchRepository({ db }).findDocument(registrationId);
      if (!row) return adapter.delete(registrationId);
      ensureSucceeded(
        await client
          .index<MeiliDocument>(indexName)
          .addDocuments([toMeiliDocument(row)], { primaryKey: 'id' })
          .waitTask(wait),
      );
    },

    async delete(registrationId: string) {
      await ensureIndex();
      ensureSucceeded(await client.index(indexName).deleteDocument(registrationId).waitTask(wait));
    },

    async reindexAll() {
      // Build a complete new index beside the live one, then swap atomically: searches never see
      // a half-filled index.
      const buildName = `${indexName}_build_${Date.now().toString(36)}`;
      await createWithSettings(buildName);
      let documents = 0;
      for await (const rows of createSearchRepository({ db }).pagesOfDocuments(1000)) {
        ensureSucceeded(
          await client
            .index<MeiliDocument>(buildName)
            .addDocuments(rows.map(toMeiliDocument), { primaryKey: 'id' })
            .waitTask(wait),
        );
        documents += rows.length;
      }
      await ensureIndex();
      ensureSucceeded(await client.swapIndexes([{ indexes: [indexName, buildName], rename: false }]).waitTask(wait));
      // After the swap the build name holds the old documents.
      ensureSucceeded(await client.deleteIndex(buildName).waitTask(wait));
      return { documents };
    },

    async checkDrift(): Promise<DriftReport> {
      await ensureIndex();
      const databaseIds = new Set(await createSearchRepository({ db }).allDocumentIds());
      const indexIds = new Set<string>();
      const page = 1000;
      for (let offset = 0; ; offset += page) {
        const result = await client
          .index<MeiliDocument>(indexName)
          .getDocuments({ fields: ['id'], limit: page, offset });
        for (const doc of result.results) indexIds.add(doc.id);
        if (result.results.length < page) break;
      }
      const missing = [...databaseIds].filter((id) => !indexIds.has(id));
      const extra = [...indexIds].filter((id) => !databaseIds.has(id));
      return {
        databaseCount: databaseIds.size,
        indexCount: indexIds.size,
        missing: missing.slice(0, 100),
        extra: extra.slice(0, 100),
        inSync: missing.length === 0 && extra.length === 0,
      };
    },
  };
  return adapter;
}
