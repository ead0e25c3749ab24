/**
 * The first middleware step for every request rendered on demand: gives it a request id (the
 * proxy's X-Request-Id when TRUST_PROXY is on, else a new one), runs it inside the request
 * context so log lines carry that id, answers with `X-Request-Id`, writes one JSON access line
 * (method, route pattern, status, duration: never the path's query, the body or the client
 * address), records the duration metric, and turns a thrown error into a safe log line and a Dutch
 * page: its own 503 when the database is unreachable (fast: the pool does not wait for it, see
 * db.ts), Astro's src/pages/500.astro otherwise.
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'astro';
import { type AppConfig, getConfig } from '~/server/config/config';
import { describeErrorForLog, isDatabaseUnavailable } from '~/server/db/database-errors';
import { OUTAGE_PAGE_POLICY, outagePageHtml } from '~/server/http/outage-page';
import { createLogger, type Logger } from '~/server/logger';
import { observeRequest } from './metrics';
import { requestContext } from './request-context';

const PROXY_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The configuration, or undefined when it is bad: then the page's getRuntime() names the variable and stops. */
const configOrUndefined = (): AppConfig | undefined => {
  try {
    return getConfig();
  } catch {
    return undefined;
  }
};

let log: Logger | undefined;
const logger = () => {
  const config = configOrUndefined();
  log ??= config ? createLogger(config.logLevel, 'http', config.logFormat) : createLogger();
  return log;
};

export const handleRequest: MiddlewareHandler = async (context, next) => {
  if (context.isPrerendered) return next(); // at build time: no request to observe
  const started = performance.now();
  const fromProxy = configOrUndefined()?.trustProxy ? context.request.headers.get('x-request-id') : null;
  const requestId = fromProxy && PROXY_REQUEST_ID.test(fromProxy) ? fromProxy : randomUUID();
  const route = context.routePattern || 'unknown';
  return requestContext.run({ requestId }, async () => {
    let response: Response;
    try {
      response = await next();
    } catch (error) {
      const unavailable = isDatabaseUnavailable(error);
      logger()[unavailable ? 'warn' : 'error'](
        unavailable ? 'Database onbereikbaar; 503 gegeven' : 'Onverwachte fout; 500 gegeven',
        { route, ...describeErrorForLog(error) },
      );
      response = unavailable
        ? new Response(outagePageHtml(requestId), {
            status: 503,
            headers: {
              'content-type': 'text/html; charset=utf-8',
              'cache-control': 'no-store',
              'content-security-policy': OUTAGE_PAGE_POLICY,
              'retry-after': '30',
            },
          })
        : // An empty 500 makes Astro render src/pages/500.astro (and log nothing more itself).
          new Response(null, { status: 500 });
    }
    const seconds = (performance.now() - started) / 1000;
    try {
      response.headers.set('x-request-id', requestId);
    } catch {
      // a Response with immutable headers (a fetch passed through): leave it as it is
    }
    observeRequest({ method: context.request.method, route, status: response.status }, seconds);
    // One line per request for a log collector (json); at a terminal (text) only with LOG_LEVEL=debug.
    const access = configOrUndefined()?.logFormat === 'json' ? 'info' : 'debug';
    logger()[access]('Verzoek', {
      method: context.request.method,
      route,
      status: response.status,
      ms: Math.round(seconds * 1000),
    });
    return response;
  });
};
