/**
 * Instant results for the inbox search box (JSON). Same parameters and the same domain function
 * as /inbox/zoeken; staff session required; every call is audit-logged by searchInbox.
 */

import type { APIRoute } from 'astro';
import { authenticate } from '~/server/access/staff-request';
import { toHttpError } from '~/server/errors/errors';
import { describeError } from '~/server/logger';
import { getRuntime } from '~/server/runtime/runtime';
import { toInstantHits } from '~/server/search/search.format';
import { searchDeps } from '~/server/search/search.runtime';
import { parseInboxSearchParams } from '~/server/search/search.schemas';
import { searchInbox } from '~/server/search/search.usecases';

export const prerender = false;

const INSTANT_LIMIT = 8;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

export const GET: APIRoute = async (context) => {
  const runtime = await getRuntime();
  try {
    const ctx = await authenticate(context, runtime);
    if (!ctx) return json(401, { error: 'Je bent niet (meer) ingelogd. Log opnieuw in om te zoeken.' });
    const input = parseInboxSearchParams(context.url.searchParams);
    const result = await searchInbox(searchDeps(runtime), ctx, input, { limit: INSTANT_LIMIT });
    return json(200, { total: result.total, hits: toInstantHits(result) });
  } catch (error) {
    const http = toHttpError(error);
    if (http.status >= 500) runtime.log.error('Zoeken mislukte', { error: describeError(error) });
    return json(http.status, { error: http.message });
  }
};
