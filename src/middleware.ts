import { defineMiddleware, sequence } from 'astro:middleware';
import { STATUS_CODES } from 'node:http';
import { getConfig } from '~/server/config/config';
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

/**
 * Issue 12: canonical and share addresses of pages rendered per request use the PUBLIC_URL the
 * server runs with, not the one the build saw (src/layouts/site-url.ts); and a page that sets only
 * `Astro.response.status` gets its own status text instead of the default "OK" ("422 OK").
 */
const siteAddressAndStatusText = defineMiddleware(async (context, next) => {
  if (!context.isPrerendered) {
    try {
      context.locals.siteUrl = new URL(`${getConfig().publicUrl}/`);
    } catch {
      // A bad setting: the runtime (started by the page) stops the portal with a message naming it.
    }
  }
  const response = await next();
  if (context.isPrerendered) return response;
  const statusText = STATUS_CODES[response.status];
  if (statusText && response.statusText !== statusText && response.status !== 200)
    return new Response(response.body, { status: response.status, statusText, headers: response.headers });
  return response;
});

// First: request id, access log, metrics, and errors as a safe log line with a Dutch page
// (503 of its own when the database is away; otherwise src/pages/500.astro).
export const onRequest = sequence(handleRequest, siteAddressAndStatusText, privatePages);
