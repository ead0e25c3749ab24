/**
 * The only code that reads or writes the search tables (`search_documents`, `search_settings`,
 * `search_terms`). The documents themselves are written by triggers in the database
 * (db/migrations/0009_search_triggers.sql and later) inside the writer's transaction; this module
 * queries them, refreshes them on request and keeps the typo dictionary clean. See
 * docs/decisions/005-inbox-search.md.
 */
import { and, asc, eq, gt, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { RegistrationKind } from '~/lib/registration.types';
import type { DbOrTx } from '~/server/db/db';
import type { FacetName, SearchQuery } from './search.port';
import type { ParsedSearchText } from './search.query';
import { searchDocuments as d, type SearchDocumentRow, searchSettings } from './search.table';

export type { SearchDocumentRow };

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

/** One hit as the search statement returns it (snake_case: built by json_agg). */
export type HitRow = DocumentFields & {
  registration_id: string;
  gemeente_slug: string;
  kind: RegistrationKind;
  status: string;
  assigned_staff_id: string | null;
  registered_at: string;
  exact: boolean;
};

export type FacetRow = { facet: FacetName | 'total'; value: string | null; n: number };

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

export function createSearchRepository({ db }: { db: DbOrTx }) {
  return {
    /**
     * One statement: every term must match (full-text prefix, Dutch stemming, or a known word
     * within a small edit distance for typos), always inside `allowed` gemeenten; the hits of
     * one page and the facet counts of all matches come back together.
     */
    async findMatches(input: {
      query: SearchQuery;
      parsed: ParsedSearchText;
      allowed: string[];
      limit: number;
      offset: number;
    }): Promise<{ hits: HitRow[]; facets: FacetRow[] }> {
      const { query, parsed, allowed, limit, offset } = input;
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
      return { hits: row?.hits ?? [], facets: row?.facets ?? [] };
    },

    /** Rebuilds one document from the current sign-up, notes and inbox state (the trigger's function). */
    async refreshDocument(registrationId: string) {
      await db.execute(sql`select search_refresh_document(${registrationId}::uuid)`);
    },

    /** Rebuilds these documents; returns how many. */
    async refreshDocuments(registrationIds: string[]): Promise<number> {
      if (registrationIds.length === 0) return 0;
      const rows = await db.execute<{ n: number }>(
        sql`select count(search_refresh_document(id))::int as n from unnest(array[${sql.join(
          registrationIds.map((id) => sql`${id}`),
          sql`, `,
        )}]::uuid[]) as id`,
      );
      return rows[0]?.n ?? 0;
    },

    async deleteDocument(registrationId: string) {
      await db.delete(d).where(eq(d.registrationId, registrationId));
    },

    async findDocument(registrationId: string): Promise<SearchDocumentRow | null> {
      const [row] = await db.select().from(d).where(eq(d.registrationId, registrationId));
      return row ?? null;
    },

    /** All documents in pages of `size`, in id order (keyset), so memory stays flat on a big index. */
    async *pagesOfDocuments(size = 1000): AsyncGenerator<SearchDocumentRow[]> {
      let after: string | undefined;
      for (;;) {
        const rows = await db
          .select()
          .from(d)
          .where(after ? gt(d.registrationId, after) : undefined)
          .orderBy(asc(d.registrationId))
          .limit(size);
        if (rows.length === 0) return;
        yield rows;
        after = rows.at(-1)!.registrationId;
      }
    },

    async allDocumentIds(): Promise<string[]> {
      const rows = await db.select({ id: d.registrationId }).from(d);
      return rows.map((row) => row.id);
    },

    /** Deletes words that no search document contains any more; returns how many. */
    async pruneTerms(): Promise<number> {
      const rows = await db.execute<{ n: number }>(sql`
        with gone as (
          delete from search_terms t
          where not exists (select 1 from search_documents d where d.document @@ to_tsquery('simple', quote_literal(t.term)))
          returning 1
        )
        select count(*)::int as n from gone`);
      return rows[0]?.n ?? 0;
    },

    /**
     * The typo-dictionary words this sign-up's search document contains (before it is deleted),
     * for pruneTermsOf: only these can have lost their last document with it.
     */
    async termsOf(registrationId: string): Promise<string[]> {
      const rows = await db.execute<{ term: string }>(sql`
        select t.term from search_documents d, search_terms t
        where d.registration_id = ${registrationId}
          and t.term = any(tsvector_to_array(d.document))`);
      return rows.map((row) => row.term);
    },

    /** Of these words, deletes the ones no search document contains any more; returns how many. */
    async pruneTermsOf(terms: readonly string[]): Promise<number> {
      if (terms.length === 0) return 0;
      const rows = await db.execute<{ n: number }>(sql`
        with gone as (
          delete from search_terms t
          where t.term = any(${sql.param([...terms])}::text[])
            and not exists (select 1 from search_documents d where d.document @@ to_tsquery('simple', quote_literal(t.term)))
          returning 1
        )
        select count(*)::int as n from gone`);
      return rows[0]?.n ?? 0;
    },

    /** Whether the triggers also queue 'search.index' outbox messages for an external index. */
    async setExternalFeed(enabled: boolean) {
      await db
        .insert(searchSettings)
        .values({ id: 1, externalFeed: enabled })
        .onConflictDoUpdate({
          target: searchSettings.id,
          set: { externalFeed: enabled },
          where: sql`${searchSettings.externalFeed} is distinct from ${enabled}`,
        });
    },
  };
}
