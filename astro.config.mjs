// @ts-check
import node from '@astrojs/node';
import preact from '@astrojs/preact';
import { defineConfig } from 'astro/config';

// Several builds may live side by side (tests build into their own folder), hence the env override.
const outDir = process.env.ASTRO_OUT_DIR ?? './dist';

export default defineConfig({
  site: process.env.PUBLIC_URL ?? 'http://localhost:4321',
  output: 'static', // informational pages are prerendered; live pages opt out with `prerender = false`
  outDir,
  cacheDir: process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro',
  adapter: node({ mode: 'standalone', bodySizeLimit: 256 * 1024 }),
  integrations: [preact()],
  trailingSlash: 'never',
  // 'preserve': a gemeente home is [gemeente]/index.astro -> beekdaelen/index.html, which the Node adapter serves
  // for /beekdaelen; with 'file' it would write beekdaelen.html beside the beekdaelen/ folder and 404.
  build: { format: 'preserve', inlineStylesheets: 'always' },
  security: { checkOrigin: true },
  server: { port: Number(process.env.PORT ?? 4321), host: process.env.HOST ?? 'localhost' },
  devToolbar: { enabled: false },
});
