import { defineMiddleware, sequence } from 'astro:middleware';
import { isPrivatePage } from '~/server/http/private-pages';
import { handleRequest } from '~/server/observability/request-handling';

/**
 * Runs for pages rendered on demand. The headers every response needs (CSP, nosniff, frames,
 * HSTS …) are set by the server entry for every response, prerendered files included
 * (src/server/http/edge.ts); here only what depends on the page: staff and personal pages and
 * answers to a form are never stored, so Back after logging out on a shared computer shows
 * nothing.
 */
const privatePages = defineMiddleware(async (context, next) => {
  const response = await next();
  if (context.isPrerendered) return response;
  if (isPrivatePage(context.url.pathname, context.request.method)) response.headers.set('cache-control', 'no-store');
  return response;
});

// First: request id, access log, metrics, and errors as a safe log line with a Dutch page
// (503 of its own when the database is away; otherwise src/pages/500.astro).
export const onRequest = sequence(handleRequest, privatePages);
