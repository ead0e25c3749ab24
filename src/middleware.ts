import { defineMiddleware, sequence } from 'astro:middleware';
import { handleRequest } from '~/server/observability/request-handling';

/** Headers for every page rendered on demand (prerendered files are served as they are). */
const securityHeaders: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

const addSecurityHeaders = defineMiddleware(async (context, next) => {
  const response = await next();
  if (context.isPrerendered) return response;
  for (const [name, value] of Object.entries(securityHeaders)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  return response;
});

// Request id, access log, metrics and the Dutch 503/500 page first, so they cover every later step.
export const onRequest = sequence(handleRequest, addSecurityHeaders);
