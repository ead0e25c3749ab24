import { defineMiddleware } from 'astro:middleware';
import { STATUS_CODES } from 'node:http';
import { getConfig } from '~/server/config/config';

/** Headers for every page rendered on demand (prerendered files are served as they are). */
const securityHeaders: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

export const onRequest = defineMiddleware(async (context, next) => {
  // Canonical and share addresses of pages rendered per request: the PUBLIC_URL the server runs
  // with, not the one the build happened to see (src/layouts/site-url.ts).
  if (!context.isPrerendered) {
    try {
      context.locals.siteUrl = new URL(`${getConfig().publicUrl}/`);
    } catch {
      // A bad setting: the runtime (started by the page) stops the portal with a message naming it.
    }
  }
  let response = await next();
  if (context.isPrerendered) return response;
  // A page that sets only `Astro.response.status` keeps the default status text "OK" ("422 OK").
  const statusText = STATUS_CODES[response.status];
  if (statusText && response.statusText !== statusText && response.status !== 200) {
    response = new Response(response.body, { status: response.status, statusText, headers: response.headers });
  }
  for (const [name, value] of Object.entries(securityHeaders)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  return response;
});
