/**
 * What a public page rendered on demand says about its own caching (decision 023). A page calls
 * `publicPage(...)` with its route and how long its content can stay the same at most; the
 * server entry's page cache (public-pages.cache.ts) then keeps the finished response in memory,
 * answers the next requests from there with an ETag (304 when the browser has it), and drops it
 * when public content changes (public-pages.changes.ts). No astro:* imports.
 */

/** The response header a page uses to ask the edge to keep its response; the edge removes it. */
export const PAGE_CACHE_HEADER = 'x-buurtgezinnen-page-cache';

/**
 * Pages that show profiles: browsers ask again on every visit (a cheap 304 when nothing changed);
 * a shared cache (CDN, nginx) may keep a copy for one second, so a change still shows within a second.
 */
export const REVALIDATE_EVERY_VISIT = 'public, max-age=0, s-maxage=1, must-revalidate';
/** Pages whose content only changes with a new release (the gemeente search). */
export const FIVE_MINUTES = 'public, max-age=300';
/**
 * A share image under its content address (og.<version>.png): its bytes never change, so a week
 * without asking again; not a year, so a withdrawn profile's image does not live on in shared
 * caches much longer than a link preview storm lasts.
 */
export const SHARE_IMAGE = 'public, max-age=604800, immutable';

export type PublicPageOptions = {
  /** The route pattern (Astro's `routePattern`), for the access log and metrics of answers from memory. */
  route: string;
  /** Cache-Control for browsers and shared caches. */
  cacheControl: string;
};

/**
 * Sets Cache-Control and asks the edge to keep this response in memory (GET, 200/404/410, no
 * cookies) until public content changes; the marker carries the route.
 */
export function publicPage(headers: Headers, { route, cacheControl }: PublicPageOptions): void {
  headers.set('cache-control', cacheControl);
  headers.set(PAGE_CACHE_HEADER, encodeURIComponent(route));
}
