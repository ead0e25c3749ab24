// @ts-check
import { existsSync, renameSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import node from '@astrojs/node';
import preact from '@astrojs/preact';
import { defineConfig } from 'astro/config';

// Several builds may live side by side (tests build into their own folder), hence the env override.
const outDir = process.env.ASTRO_OUT_DIR ?? './dist';

/**
 * The Node adapter (standalone), started through our own server entry instead of the adapter's:
 * it checks the configuration before it listens and puts the HTTP edge (security headers on
 * every response, proxy headers only with TRUST_PROXY, a Dutch page for a refused form) in front
 * of the adapter's handler. See docs/decisions/011-http-edge.md.
 * @param {Parameters<typeof node>[0]} options
 */
function nodeAdapter(options) {
  const integration = node(options);
  const { 'astro:config:done': configDone, 'astro:build:done': buildDone } = integration.hooks;
  if (!configDone || !buildDone) throw new Error('@astrojs/node changed: its hooks are not where we expect them');
  /** @type {URL | undefined} */
  let built;
  integration.hooks['astro:config:done'] = (params) => {
    built = params.config.outDir;
    return configDone({
      ...params,
      setAdapter: (adapter) =>
        params.setAdapter({
          ...adapter,
          serverEntrypoint: fileURLToPath(new URL('./src/server/runtime/server-entry.ts', import.meta.url)),
        }),
    });
  };
  // The adapter writes each prerendered page's CSP to _headers.json and, when that file exists,
  // matches every static request against all routes to find it (a third of the throughput of a
  // prerendered page). The server entry looks the policy up by path instead: give it the file
  // under our own name.
  integration.hooks['astro:build:done'] = async (params) => {
    await buildDone(params);
    const from = new URL('_headers.json', built);
    if (built && existsSync(from)) renameSync(from, new URL('page-policies.json', built));
  };
  return integration;
}

export default defineConfig({
  site: process.env.PUBLIC_URL ?? 'http://localhost:4321',
  output: 'static', // informational pages are prerendered; live pages opt out with `prerender = false`
  outDir,
  cacheDir: process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro',
  // staticHeaders: Astro writes each prerendered page's Content-Security-Policy to a file (see nodeAdapter).
  // bodySizeLimit: the largest body anyone may send, a spreadsheet for the import (10 MB, src/server/import)
  // with the multipart around it. Every form reads with its own, smaller limit: readFormBody (sign-ups,
  // 64 KB) and readForm (staff and login forms, 256 KB; the import page says 10 MB).
  adapter: nodeAdapter({ mode: 'standalone', bodySizeLimit: 11 * 1024 * 1024, staticHeaders: true }),
  integrations: [preact()],
  trailingSlash: 'never',
  // 'preserve': a gemeente home is [gemeente]/index.astro -> beekdaelen/index.html, which the Node adapter serves
  // for /beekdaelen; with 'file' it would write beekdaelen.html beside the beekdaelen/ folder and 404.
  build: { format: 'preserve', inlineStylesheets: 'always' },
  security: {
    checkOrigin: true,
    // Lets Astro read X-Forwarded-Proto/-Host, so its origin check sees the address the browser used
    // behind a TLS proxy. Any host here: the server entry removes those headers unless TRUST_PROXY
    // is on, and then keeps X-Forwarded-Host only when it names the host of PUBLIC_URL (edge.ts).
    allowedDomains: [{ protocol: 'https' }, { protocol: 'http' }],
    // A strict policy with the hashes of every inline style and island script Astro emits; no
    // 'unsafe-inline'. Non-page responses get DEFAULT_CONTENT_SECURITY_POLICY (edge.ts).
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ],
    },
  },
  server: { port: Number(process.env.PORT ?? 4321), host: process.env.HOST ?? 'localhost' },
  devToolbar: { enabled: false },
});
