/**
 * The PostgreSQL search adapter (always on). Documents live in search_documents, kept current
 * by triggers (db/migrations/0009_search_triggers.sql). A query is one statement: every term
 * must match (full-text prefix, Dutch stemming, or a known word within a small edit distance for
 * typos: migration 0013), always inside
 * the allowed gemeenten; hits and facet counts come back together.
 */
import { and, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { RegistrationKind } from '~/lib/registration.types';
import type { Database } from '~/server/db/db';
import { registrations } from '~/server/registrations/registrations.table';
import { cropAroundMark, hasMark, highlightField } from './search.highlight';
import { pruneSearchTerms } from './search.maintenance';
import {
  clampPaging,
  emptyFacets,
  type FacetCounts,
  type FacetName,
  type SearchHit,
  type SearchIndex,
  type SearchQuery,
  type SearchResult,
  type SnippetField,
} from './search.port';
import { isEmptySearch, type ParsedSearchText, parseSearchText } from './search.query';
import { searchDocuments as d } from './search.table';

/** Words shorter than this match by prefix only: a typo in 2-3 letters is another word. */
const FUZZY_MIN_LENGTH = 4;

type DocumentFields = {
  name: string;
  email: string | null;
  phone: string | null;
  kern: string | null;
  postcode: string | null;
  organisation: string | null;
  referrer_name: string | null;
  notes: string | null;
};

type HitRow = DocumentFields & {
  registration_id: string;
  gemeente_slug: string;
  kind: RegistrationKind;
  status: string;
  assigned_staff_id: string | null;
  registered_at: string;
  exact: boolean;
};

type FacetRow = { facet: FacetName | 'total'; value: string | null; n: number };

function termQuery(word: string): SQL {
  // One or two letters as a prefix would expand to thousands of lexemes: those match whole words.
  const prefix = word.length <= 2 ? word : `${word}:*`;
  return sql`(to_tsquery('simple', ${prefix}) || to_tsquery('search_nl', ${prefix}))`;
}

/**
 * Name particles and other short connecting words ("van der", "de", "el") narrow nothing down
 * but cost a scan over every word starting with them: they rank, they do not filter (unless
 * nothing else was typed).
 */
const PARTICLES = new Set([
  'van',
  'der',
  'den',
  'de',
  'het',
  't',
  'te',
  'ten',
  'ter',
  'el',
  'al',
  'la',
  'le',
  'op',
  'in',
  'en',
  'di',
  'da',
  'du',
  'von',
]);

function requiredWords(parsed: ParsedSearchText): string[] {
  const words = parsed.words.filter((w) => !PARTICLES.has(w));
  const hasOther = parsed.phones.length + parsed.postcodes.length + parsed.emails.length > 0;
  return words.length > 0 || hasOther ? words : parsed.words;
}

/** Words of 4+ letters (no digits) also match known words within a small edit distance (search_word_query). */
function wordCondition(word: string): SQL {
  // Wrapped in a scalar subquery so PostgreSQL computes the expansion once (an InitPlan), not
  // again for every row it rechecks (that cost 60+ ms on a village with 3,000 sign-ups).
  if (word.length >= FUZZY_MIN_LENGTH && !/\d/.test(word))
    return sql`${d.document} @@ (select search_word_query(${word}))`;
  return sql`${d.document} @@ ${termQuery(word)}`;
}

function matchConditions(parsed: ParsedSearchText): SQL[] {
  const conditions: SQL[] = requiredWords(parsed).map(wordCondition);
  // Phones are digits only (search.query.ts), so they are safe inside a LIKE pattern.
  for (const phone of parsed.phones) conditions.push(sql`${d.phoneKey} like ${`${phone}%`}`);
  for (const postcode of parsed.postcodes) conditions.push(sql`${d.postcodeKey} = ${postcode}`);
  // An e-mail address: exactly (contact or referrer), or the words before the @ with typo
  // tolerance ("f.elamrni@hotmail.com" still finds f.elamrani@hotmail.com). The domain is left
  // out of the fuzzy branch: "gmail" or "nl" narrow nothing down and cost a scan of half the index.
  for (const email of parsed.emails) {
    const local = email.split('@')[0] ?? '';
    const parts = [...new Set(local.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3))];
    const exact = sql`(${d.email} = ${email} or ${d.document} @@ plainto_tsquery('simple', ${email}))`;
    conditions.push(parts.length ? sql`(${exact} or (${sql.join(parts.map(wordCondition), sql` and `)}))` : exact);
  }
  return conditions;
}

function exactExpression(parsed: ParsedSearchText): SQL {
  const parts: SQL[] = [sql`${d.nameKey} = ${parsed.whole}`];
  for (const email of parsed.emails) parts.push(sql`${d.email} = ${email}`);
  for (const phone of parsed.phones) parts.push(sql`${d.phoneKey} = ${phone}`);
  return sql`(${sql.join(parts, sql` or `)})`;
}

function scoreExpression(parsed: ParsedSearchText): SQL {
  if (parsed.words.length === 0) return sql`0::real`;
  // A word that starts a word of the name counts 1, of the village 0.3; the first typed word
  // starting the name adds 0.5. Typo-only and note-only matches rank 0 and come after ("jansen"
  // shows Jansen before Janssen). Computed from the short name/village columns only: ts_rank
  // over the whole document (notes included) cost a detoast per matching row, which dominated
  // queries that match a whole village (scripts/bench/search.ts).
  // Words are letters and digits only (search.query.ts), so they are safe inside LIKE patterns.
  const perWord = parsed.words.map(
    (w) =>
      sql`(case when ' ' || ${d.nameKey} like ${`% ${w}%`} then 1 else 0 end + case when ' ' || lower(coalesce(${d.kern}, '')) like ${`% ${w}%`} then 0.3 else 0 end)`,
  );
  const first = parsed.words[0]!;
  return sql`(${sql.join(perWord, sql` + `)} + case when ${d.nameKey} like ${`${first}%`} then 0.5 else 0 end)`;
}

function filterConditions(query: SearchQuery): SQL[] {
  const f = query.filters ?? {};
  const out: (SQL | undefined)[] = [
    f.kind ? eq(d.kind, f.kind) : undefined,
    f.status ? eq(d.status, f.status) : undefined,
    f.gemeente ? eq(d.gemeenteSlug, f.gemeente) : undefined,
    f.kern ? eq(d.kern, f.kern) : undefined,
    f.assignedTo === 'none'
      ? sql`${d.assignedStaffId} is null`
      : f.assignedTo
        ? sql`${d.assignedStaffId}::text = ${f.assignedTo}`
        : undefined,
    f.from ? gte(d.registeredAt, f.from) : undefined,
    f.to ? lt(d.registeredAt, f.to) : undefined,
  ];
  return out.filter((c): c is SQL => c !== undefined);
}

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
  return {
    name: 'postgres',

    async search(query: SearchQuery): Promise<SearchResult> {
      const { limit, offset } = clampPaging(query);
      const allowed = [...new Set(query.allowedGemeenten)];
      if (allowed.length === 0) return { hits: [], total: 0, facets: emptyFacets(), limit, offset };
      const parsed = parseSearchText(query.text);
      const where = and(sql`${d.gemeenteSlug} in ${allowed}`, ...filterConditions(query), ...matchConditions(parsed));
      // Only ids, facet columns and the rank are materialised for all matches; the display
      // fields are read for the one page shown.
      const statement = sql`
        with matched as materialized (
          select ${d.registrationId} as registration_id, ${d.gemeenteSlug} as gemeente_slug, ${d.kind} as kind,
                 ${d.status} as status, ${d.kern} as kern, ${d.assignedStaffId} as assigned_staff_id,
                 ${d.registeredAt} as registered_at, ${exactExpression(parsed)} as exact, ${scoreExpression(parsed)} as score
          from ${d} where ${where}
        ), page as (
          select * from matched order by exact desc, score desc, registered_at desc, registration_id
          limit ${limit} offset ${offset}
        )
        select
          (select coalesce(json_agg(p order by p.exact desc, p.score desc, p.registered_at desc, p.registration_id), '[]'::json) from (
             select page.*, s.name, s.email, s.phone, s.postcode, s.organisation, s.referrer_name, s.notes
             from page join ${d} s on s.registration_id = page.registration_id) p) as hits,
          (select coalesce(json_agg(f), '[]'::json) from (
             select case when grouping(kind) = 0 then 'kind' when grouping(status) = 0 then 'status'
                         when grouping(gemeente_slug) = 0 then 'gemeente' when grouping(kern) = 0 then 'kern'
                         when grouping(assigned_staff_id) = 0 then 'assigned' else 'total' end as facet,
                    coalesce(kind, status, gemeente_slug, kern, assigned_staff_id::text) as value,
                    count(*)::int as n
             from matched
             group by grouping sets ((kind), (status), (gemeente_slug), (kern), (assigned_staff_id), ())) f) as facets`;
      const [row] = await db.execute<{ hits: HitRow[]; facets: FacetRow[] }>(statement);
      const { total, facets } = toFacets(row?.facets ?? []);
      return { hits: (row?.hits ?? []).map((h) => toHit(h, parsed)), total, facets, limit, offset };
    },

    async upsert(registrationId: string): Promise<void> {
      await db.execute(sql`select search_refresh_document(${registrationId}::uuid)`);
    },

    async delete(registrationId: string): Promise<void> {
      await db.delete(d).where(eq(d.registrationId, registrationId));
    },

    async reindexAll(): Promise<{ documents: number }> {
      return db.transaction(async (tx) => {
        await tx.execute(
          sql`delete from ${d} where not exists (select 1 from ${registrations} r where r.id = ${d.registrationId})`,
        );
        const rows = await tx.execute<{ n: number }>(
          sql`select count(search_refresh_document(id))::int as n from ${registrations}`,
        );
        await pruneSearchTerms(tx);
        return { documents: rows[0]?.n ?? 0 };
      });
    },
  };
}
