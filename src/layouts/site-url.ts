/**
 * The base of absolute addresses on a page (canonical, og:url, og:image, JSON-LD, sitemap):
 * per request the PUBLIC_URL the server runs with (set by the middleware); for prerendered pages
 * Astro's `site`, which is PUBLIC_URL at build time (README, "Configuration").
 */
export function siteBase(astro: { locals: App.Locals; site: URL | undefined; url: URL }): URL {
  return astro.locals.siteUrl ?? astro.site ?? new URL(astro.url.origin);
}
