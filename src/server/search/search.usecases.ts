/**
 * Inbox search for staff: one domain function used by the results page (/inbox/zoeken) and the
 * JSON endpoint behind the instant results. The allowed gemeenten come from the staff context,
 * never from the request; every search is written to the audit log with the ids it showed.
 */
import { requireStaff, type StaffContext } from '~/server/access/permissions';
import { auditActor, recordAudit } from '~/server/audit/audit.usecases';
import type { DbOrTx } from '~/server/db/db';
import { AppError } from '~/server/errors/errors';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import { describeError, type Logger } from '~/server/logger';
import { observeSearch } from '~/server/observability/metrics';
import { createStaffRepository } from '~/server/staff/staff.repository';
import type { SearchIndex, SearchQuery, SearchResult } from './search.port';
import { type InboxSearchInput, MAX_QUERY_LENGTH, parseInboxSearchParams, SEARCH_PAGE_SIZE } from './search.schemas';

export type SearchDeps = { db: DbOrTx; clock: () => Date; search: SearchIndex; fallback?: SearchIndex; log?: Logger };

export type InboxSearchResult = SearchResult & {
  input: InboxSearchInput;
  page: number;
  pageCount: number;
  gemeenteNames: Record<string, string>;
  staffNames: Record<string, string>;
};

const DAY_MS = 86_400_000;

async function allowedGemeentenOf(db: DbOrTx, ctx: StaffContext): Promise<string[]> {
  if (ctx.gemeenten !== 'all') return [...ctx.gemeenten];
  return createGemeentenRepository({ db }).allSlugs();
}

export async function searchInbox(
  deps: SearchDeps,
  ctx: StaffContext,
  input: InboxSearchInput,
  { limit = SEARCH_PAGE_SIZE }: { limit?: number } = {},
): Promise<InboxSearchResult> {
  requireStaff(ctx, { action: 'record.read' });
  const allowedGemeenten = await allowedGemeentenOf(deps.db, ctx);
  const query: SearchQuery = {
    text: input.q,
    allowedGemeenten,
    filters: {
      kind: input.kind,
      status: input.status,
      gemeente: input.gemeente,
      kern: input.kern,
      assignedTo: input.assigned === 'mine' ? ctx.staff.id : input.assigned,
      from: input.from ? new Date(`${input.from}T00:00:00Z`) : undefined,
      to: input.to ? new Date(new Date(`${input.to}T00:00:00Z`).getTime() + DAY_MS) : undefined,
    },
    limit,
    offset: (input.page - 1) * limit,
  };
  let result: SearchResult;
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    result = await deps.search.search(query);
    observeSearch({ engine: deps.search.name, outcome: 'ok' }, seconds());
  } catch (error) {
    if (!deps.fallback) {
      observeSearch({ engine: deps.search.name, outcome: 'error' }, seconds());
      throw error;
    }
    deps.log?.warn('Zoeken via de zoekserver mislukte; PostgreSQL geeft antwoord.', {
      error: describeError(error),
    });
    result = await deps.fallback.search(query);
    observeSearch({ engine: deps.search.name, outcome: 'fallback' }, seconds());
  }
  await recordAudit(
    deps.db,
    auditActor(ctx),
    {
      action: 'inbox.search',
      recordType: 'registration',
      detail: {
        query: input.q,
        filters: {
          kind: input.kind,
          status: input.status,
          gemeente: input.gemeente,
          kern: input.kern,
          assigned: input.assigned,
          from: input.from,
          to: input.to,
        },
        page: input.page,
        total: result.total,
        shown: result.hits.map((h) => h.registrationId),
      },
    },
    deps.clock(),
  );
  const staffIds = [
    ...new Set(
      [...Object.keys(result.facets.assigned), ...result.hits.map((h) => h.assignedStaffId ?? '')].filter(
        (id) => id && id !== 'none',
      ),
    ),
  ];
  const [gemeenteNames, staffNames] = await Promise.all([
    createGemeentenRepository(deps).namesBySlug(allowedGemeenten),
    createStaffRepository(deps).namesByIds(staffIds),
  ]);
  return {
    ...result,
    input,
    page: input.page,
    pageCount: Math.max(1, Math.ceil(Math.min(result.total, 1000) / limit)),
    gemeenteNames: Object.fromEntries(gemeenteNames),
    staffNames: Object.fromEntries(staffNames),
  };
}

/**
 * The results page (/inbox/zoeken): the input read from the GET parameters and its results, or,
 * for parameters that cannot be searched (too long, a bad date or page), the Dutch message with
 * the query kept in the box.
 */
export async function searchInboxPage(deps: SearchDeps, ctx: StaffContext, params: URLSearchParams) {
  let input: InboxSearchInput;
  try {
    input = parseInboxSearchParams(params);
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 400) throw error;
    const q = (params.get('q') ?? '').slice(0, MAX_QUERY_LENGTH);
    return { input: { q, page: 1 } as InboxSearchInput, result: null, inputError: error.userMessage };
  }
  return { input, result: await searchInbox(deps, ctx, input), inputError: null };
}
