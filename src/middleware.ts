import { defineMiddleware } from 'astro:middleware';
import { isPrivatePage } from '~/server/http/private-pages';

/**
 * Runs for pages rendered on demand. The headers every response needs (CSP, nosniff, frames,
 * HSTS …) are set by the server entry for every response, prerendered files included
 * (src/server/http/edge.ts); here only what depends on the page: staff and personal pages and
 * answers to a form are never stored, so Back after logging out on a shared computer shows
 * nothing.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  if (context.isPrerendered) return response;
  if (isPrivatePage(context.url.pathname, context.request.method)) response.headers.set('cache-control', 'no-store');
  return response;
});
