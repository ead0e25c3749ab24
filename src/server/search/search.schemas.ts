/**
 * The GET parameters of inbox search (/inbox/zoeken and its JSON endpoint), with the same names
 * as the inbox list filters (soort, status, gemeente, mijn) plus kern, toegewezen, van, tot and
 * pagina. Unknown filter values are dropped like on the inbox list; a query that is too long, a
 * bad date or page is a 400 with a Dutch message.
 */

import type { RegistrationKind } from '~/lib/registration.types';
import { registrationKinds } from '~/lib/registration.types';
import { ALL_STATUSES } from '~/server/inbox/inbox.pipeline';
import { searchError } from './search.errors';

export const SEARCH_PAGE_SIZE = 20;
/** A longer query is refused (search.query_too_long). */
export const MAX_QUERY_LENGTH = 200;
const MAX_PAGE = 50;

export type InboxSearchInput = {
  q: string;
  kind?: RegistrationKind;
  status?: string;
  gemeente?: string;
  kern?: string;
  /** 'mine' (mijn=1), 'none' (toegewezen=niemand) or nothing. */
  assigned?: 'mine' | 'none';
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
  page: number;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function parseInboxSearchParams(params: URLSearchParams): InboxSearchInput {
  const q = (params.get('q') ?? '').replace(/\s+/g, ' ').trim();
  if (q.length > MAX_QUERY_LENGTH) throw searchError('search.query_too_long');
  const kind = params.get('soort') ?? '';
  const status = params.get('status') ?? '';
  const gemeente = params.get('gemeente') ?? '';
  const kern = (params.get('kern') ?? '').trim();
  const from = (params.get('van') ?? '').trim();
  const to = (params.get('tot') ?? '').trim();
  if ((from && !validDate(from)) || (to && !validDate(to))) throw searchError('search.invalid_date');
  const pageText = params.get('pagina') ?? '1';
  const page = /^\d{1,3}$/.test(pageText) ? Number(pageText) : Number.NaN;
  if (!(page >= 1 && page <= MAX_PAGE)) throw searchError('search.invalid_page');
  return {
    q,
    kind: (registrationKinds as readonly string[]).includes(kind) ? (kind as RegistrationKind) : undefined,
    status: ALL_STATUSES.includes(status) ? status : undefined,
    gemeente: /^[a-z0-9-]{1,60}$/.test(gemeente) ? gemeente : undefined,
    kern: kern && kern.length <= 80 ? kern : undefined,
    assigned: params.get('mijn') === '1' ? 'mine' : params.get('toegewezen') === 'niemand' ? 'none' : undefined,
    from: from || undefined,
    to: to || undefined,
    page,
  };
}

/** The same input back as GET parameters (for links that keep the filters). */
export function inboxSearchParams(
  input: Partial<InboxSearchInput>,
  overrides: Record<string, string | undefined> = {},
): URLSearchParams {
  const out = new URLSearchParams();
  const values: Record<string, string | undefined> = {
    q: input.q || undefined,
    soort: input.kind,
    status: input.status,
    gemeente: input.gemeente,
    kern: input.kern,
    mijn: input.assigned === 'mine' ? '1' : undefined,
    toegewezen: input.assigned === 'none' ? 'niemand' : undefined,
    van: input.from,
    tot: input.to,
    pagina: input.page && input.page > 1 ? String(input.page) : undefined,
    ...overrides,
  };
  for (const [k, v] of Object.entries(values)) if (v) out.set(k, v);
  return out;
}
