/**
 * The search port: one interface for keeping an index current and querying it, implemented by
 * the PostgreSQL adapter (always on) and the Meilisearch adapter (when configured). Both pass
 * the same contract tests (search.contract.test.ts). See docs/decisions/005-inbox-search.md.
 *
 * Tenant isolation lives INSIDE every adapter: `allowedGemeenten` is required and each adapter
 * restricts every query to it itself; an empty list finds nothing.
 */
import type { RegistrationKind } from '~/lib/registration.types';

type SearchFilters = {
  kind?: RegistrationKind;
  status?: string;
  /** One gemeente slug; outside allowedGemeenten it simply finds nothing. */
  gemeente?: string;
  /** Exact village as stored on the sign-up. */
  kern?: string;
  /** A staff id, or 'none' for unassigned sign-ups. */
  assignedTo?: string;
  /** Sign-ups registered at or after `from` and before `to`. */
  from?: Date;
  to?: Date;
};

export type SearchQuery = {
  /** What the coordinator typed (may be empty: then everything in scope, newest first). */
  text: string;
  /** Gemeente slugs the asking staff member may see. Enforced by the adapter. */
  allowedGemeenten: readonly string[];
  filters?: SearchFilters;
  /** Default 20, at most 100. */
  limit?: number;
  /** Default 0, at most 1000. */
  offset?: number;
};

/** A piece of text; `mark` pieces matched the query. Plain text: the UI escapes it. */
export type HighlightPart = { text: string; mark: boolean };

export type SnippetField = 'email' | 'phone' | 'kern' | 'postcode' | 'organisation' | 'referrer' | 'notes';

export type SearchHit = {
  registrationId: string;
  gemeente: string;
  kind: RegistrationKind;
  status: string;
  kern: string | null;
  assignedStaffId: string | null;
  registeredAt: Date;
  /** The contact name with the matching words marked. */
  name: HighlightPart[];
  /** Other fields that matched, in a fixed order (notes cut to a short window). */
  snippets: { field: SnippetField; parts: HighlightPart[] }[];
  /** The query was exactly this name, e-mail address or phone number. */
  exact: boolean;
};

export type FacetName = 'kind' | 'status' | 'gemeente' | 'kern' | 'assigned';
/** Value -> number of matching sign-ups; for `assigned` the value is a staff id or 'none'. */
export type FacetCounts = Record<FacetName, Record<string, number>>;

export type SearchResult = {
  hits: SearchHit[];
  /** All matches (not only this page). */
  total: number;
  facets: FacetCounts;
  limit: number;
  offset: number;
};

export interface SearchIndex {
  /** 'postgres' or 'meilisearch'. */
  readonly name: string;
  search(query: SearchQuery): Promise<SearchResult>;
  /** Bring one registration's document up to date (deletes it when the registration is gone). */
  upsert(registrationId: string): Promise<void>;
  delete(registrationId: string): Promise<void>;
  /** Rebuild the whole index from PostgreSQL; returns the number of documents. */
  reindexAll(): Promise<{ documents: number }>;
}

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const MAX_OFFSET = 1000;

export function clampPaging(query: Pick<SearchQuery, 'limit' | 'offset'>): { limit: number; offset: number } {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
  const offset = Math.min(Math.max(Math.trunc(query.offset ?? 0), 0), MAX_OFFSET);
  return { limit, offset };
}

export function emptyFacets(): FacetCounts {
  return { kind: {}, status: {}, gemeente: {}, kern: {}, assigned: {} };
}
