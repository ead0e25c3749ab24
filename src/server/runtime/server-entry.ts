/**
 * The built server's entry (`node dist/server/entry.mjs`), used in place of @astrojs/node's own
 * (astro.config.mjs swaps it in). It serves with the adapter's handler (prerendered files, then
 * Astro) but first:
 *  - checks the configuration and refuses to listen when it is unsafe (ConfigError, e.g.
 *    development mode on a network address, production without APP_SECRET);
 *  - says which mode runs and why;
 *  - puts the HTTP edge in front of every request (src/server/http/edge.ts): proxy headers only
 *    with TRUST_PROXY, control characters out of the query string, the origin check with a
 *    Dutch refusal page, security headers on every response, also on prerendered pages and
 *    images that never reach Astro's middleware;
 *  - answers public pages rendered on demand from memory when nothing changed since they were
 *    rendered (the page cache, src/server/public-pages/, decision 023), with the same headers.
 * See docs/decisions/011-http-edge.md.
 */
// Must stay the first import: it runs before @astrojs/node/server.js would start a server of its own.
import './server-entry.autostart';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { handler } from '@astrojs/node/server.js';
import { type AppConfig, ConfigError, describeStartMode, getConfig } from '~/server/config/config';
import { claimDataDir } from '~/server/db/data-dir-lock';
import { isLoopbackAddress } from '~/server/http/client-address';
import { cleanRequestTarget } from '~/server/http/control-characters';
import {
  cameThroughProxy,
  isCrossOriginForm,
  isDevelopmentToolPath,
  pagePath,
  requestOrigin,
  sanitizeProxyHeaders,
  securityHeaders,
} from '~/server/http/edge';
import { countRequest } from '~/server/http/requests-in-flight';
import { createLogger } from '~/server/logger';
import { observeRequest } from '~/server/observability/metrics';
import { createPageCache } from '~/server/public-pages/public-pages.cache';
import { publicContent } from '~/server/public-pages/public-pages.changes';
import { getRuntime } from '~/server/runtime/runtime';
import { autostart } from './server-entry.autostart';

/**
 * The Content-Security-Policy of every prerendered page, by path: Astro computes it at build time
 * (hashes of the page's inline styles and scripts) and astro.config.mjs leaves it in
 * dist/page-policies.json. Empty when the file is missing (then pages fall back to the default).
 */
function loadPagePolicies(): Map<string, string> {
  try {
    const entries = JSON.parse(readFileSync(new URL('../page-policies.json', import.meta.url), 'utf8')) as {
      pathname: string;
      headers: { key: string; value: string }[];
    }[];
    return new Map(
      entries.flatMap((entry) => {
        const policy = entry.headers.find((h) => h.key.toLowerCase() === 'content-security-policy')?.value;
        return policy ? [[entry.pathname, policy] as const] : [];
      }),
    );
  } catch {
    return new Map();
  }
}

/** The Dutch page for a refused form (prerendered from src/pages/verzoek-geweigerd.astro). */
function loadRefusalPage(): string {
  try {
    return readFileSync(new URL('../client/verzoek-geweigerd.html', import.meta.url), 'utf8');
  } catch {
    return '<!doctype html><html lang="nl"><meta charset="utf-8"><title>Niet gelukt</title><p>We konden dit formulier niet aannemen. Ga terug, laad de pagina opnieuw en probeer het nog eens.</p></html>';
  }
}

const PROXY_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function createEdgeHandler(config: AppConfig) {
  const baseHeaders = securityHeaders(config.publicUrl);
  const headers = Object.entries(baseHeaders);
  const pagePolicies = loadPagePolicies();
  const refusal = loadRefusalPage();
  const refusalPolicy = pagePolicies.get('/verzoek-geweigerd');
  const publicOrigin = new URL(config.publicUrl).origin;
  const accessLog = createLogger(config.logLevel, 'http', config.logFormat);
  const access = config.logFormat === 'json' ? 'info' : 'debug';
  // The same request id, metric and access line as a rendered answer (observability/request-handling.ts).
  const pageCache =
    config.pageCacheBytes > 0
      ? createPageCache({
          changes: publicContent,
          baseHeaders,
          maxBytes: config.pageCacheBytes,
          requestId: (req) => {
            const fromProxy = config.trustProxy ? req.headers['x-request-id'] : undefined;
            return typeof fromProxy === 'string' && PROXY_REQUEST_ID.test(fromProxy) ? fromProxy : randomUUID();
          },
          answered: ({ method, route, status, seconds }) => {
            observeRequest({ method, route, status }, seconds);
            accessLog[access]('Verzoek', { method, route, status, ms: Math.round(seconds * 1000), cache: 'hit' });
          },
        })
      : undefined;
  let hinted = false;
  const setHeaders = (req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    const pagePolicy = pagePolicies.get(pagePath(req.url));
    if (pagePolicy) res.setHeader('content-security-policy', pagePolicy);
    // A 304 revalidates a page the browser already has, and the browser takes the 304's headers
    // over into its copy: the default policy would replace the page's own and block its styles
    // (a second visit to a profile list). A 304 carries no policy of its own (RFC 9110, 15.4.5).
    const writeHead = res.writeHead;
    res.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
      if (statusCode === 304) this.removeHeader('content-security-policy');
      return writeHead.apply(this, [statusCode, ...rest] as Parameters<typeof writeHead>);
    } as typeof writeHead;
  };
  return (req: IncomingMessage, res: ServerResponse) => {
    countRequest(res);
    if (
      isDevelopmentToolPath(req.url) &&
      (!config.devTools || cameThroughProxy(req.headers) || !isLoopbackAddress(req.socket.remoteAddress))
    ) {
      setHeaders(req, res);
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('Deze pagina bestaat niet.');
      return;
    }
    sanitizeProxyHeaders(req.headers, config);
    req.url = cleanRequestTarget(req.url) ?? req.url;
    if (pageCache && (req.method === 'GET' || req.method === 'HEAD')) {
      pageCache.handle(req, res, () => {
        setHeaders(req, res);
        handler(req, res);
      });
      return;
    }
    setHeaders(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const origin = requestOrigin(req.headers, Boolean((req.socket as TLSSocket).encrypted));
      if (isCrossOriginForm(req.method, req.headers, origin)) {
        if (!hinted && req.headers.origin === publicOrigin && !config.trustProxy) {
          hinted = true;
          console.warn(
            `[portal] Formulieren van ${publicOrigin} worden geweigerd: dit verzoek kwam binnen als ${origin ?? 'onbekend'}. ` +
              'Draait het portaal achter een proxy die https afhandelt? Zet dan TRUST_PROXY=true en laat de proxy ' +
              'X-Forwarded-Proto en X-Forwarded-Host meesturen (zie SECURITY.md).',
          );
        }
        res.statusCode = 403;
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.setHeader('cache-control', 'no-store');
        if (refusalPolicy) res.setHeader('content-security-policy', refusalPolicy);
        res.end(refusal);
        // The body of the refused request is not read; Node drains or drops it.
        return;
      }
    }
    handler(req, res);
  };
}

/** Checks the configuration, then listens on HOST:PORT; exits with a Dutch message when it cannot. */
export function startServer(): http.Server {
  let config: AppConfig;
  try {
    config = getConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : String(error));
    process.exit(1);
  }
  const server = http.createServer(createEdgeHandler(config));
  // Idle keep-alive connections stay open longer than the proxy keeps them (nginx: keepalive_timeout
  // 60s in deploy/nginx; load balancers usually 60 s). With Node's default of 5 s the instance closes
  // a connection just as nginx sends the next request on it; nginx cannot retry a POST then and
  // answers 502, and with max_fails=1 it takes a healthy instance out of rotation for 10 s.
  server.keepAliveTimeout = 65_000;
  server.once('error', (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `[portal] Poort ${config.port} is al in gebruik. Stop het andere programma of kies een andere poort, bijvoorbeeld PORT=4322.`
        : `[portal] De server kon niet starten: ${error.message}`,
    );
    process.exit(1);
  });
  // An embedded database belongs to one process: claim DATA_DIR before taking the port, so a
  // second start on the same folder names the running portal and leaves it alone (issue 17).
  const claimed = config.databaseUrl
    ? Promise.resolve()
    : claimDataDir(config.dataDir, { url: config.publicUrl, purpose: 'het portaal' });
  const log = createLogger(config.logLevel, 'portal', config.logFormat);
  const listen = () =>
    server.listen(config.port, config.host, () => {
      log.info(describeStartMode(config));
      const shown = config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host;
      log.info(`Luistert op http://${shown}:${config.port}`);
    });
  claimed.then(
    // Ready before listening: the database, migrations and background services start first, so a
    // proxy never sends a request to an instance that takes the connection and then waits for
    // its own start (during a restart under load that took 39 s and the visitor's request hung;
    // refused, nginx tries the other instance). When the database is not there yet, listen anyway:
    // requests get the Dutch 503 page and the next one tries to start again (runtime.ts).
    () =>
      getRuntime()
        .catch(() => undefined)
        .then(() => listen()),
    (error: unknown) => {
      console.error(`[portal] ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
  return server;
}

if (autostart) startServer();
