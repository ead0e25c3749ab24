import { defineMiddleware } from 'astro:middleware';
import { isPrivatePage } from '~/server/http/private-pages';
import { describeError } from '~/server/logger';

/**
 * Runs for pages rendered on demand. The headers every response needs (CSP, nosniff, frames,
 * HSTS …) are set by the server entry for every response, prerendered files included
 * (src/server/http/edge.ts); here only what depends on the page:
 *  - staff and personal pages and answers to a form are never stored, so Back after logging
 *    out on a shared computer shows nothing;
 *  - an unexpected error goes on to Astro (which logs it and shows src/pages/500.astro) only as
 *    a safe line: a failed query's message holds its SQL parameters, and Astro would log it.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  let response: Response;
  try {
    response = await next();
  } catch (error) {
    throw new UnexpectedError(error, context.routePattern);
  }
  if (context.isPrerendered) return response;
  if (isPrivatePage(context.url.pathname, context.request.method)) response.headers.set('cache-control', 'no-store');
  return response;
});

class UnexpectedError extends Error {
  constructor(error: unknown, route: string) {
    super(`Onverwachte fout op ${route}: ${describeError(error)}`);
    this.name = 'UnexpectedError';
    // Keep where it happened (the call frames), not what it said.
    const frames = error instanceof Error ? (error.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)) : [];
    this.stack = [`${this.name}: ${this.message}`, ...frames].join('\n');
  }
}
