/**
 * The edge of the public profile pages (no astro:* imports): the dependencies with the shared
 * 1-second cache, the GET filters, and the cache headers (decision 007).
 */

import { profileSupportOptions } from '~/lib/profile';
import { ageGroupOptions } from '~/lib/registration.options';
import type { AppConfig } from '~/server/config/config';
import type { Database } from '~/server/db/db';
import { publicPage, REVALIDATE_EVERY_VISIT } from '~/server/public-pages/public-pages.http';
import { sharedProfileCache } from './profiles.cache';
import type { ProfileDeps, PublicFilter } from './profiles.usecases';

export function profileDeps(runtime: {
  db: Database;
  clock: () => Date;
  config: Pick<AppConfig, 'profileCacheMs'>;
}): ProfileDeps {
  return { db: runtime.db, clock: runtime.clock, cache: sharedProfileCache(runtime.config.profileCacheMs) };
}

/** Reads ?gemeente=&kern=&leeftijd=&steun= ; unknown values are dropped, never an error. */
export function parsePublicFilter(params: URLSearchParams, fixedGemeente?: string): PublicFilter {
  const gemeente = fixedGemeente ?? params.get('gemeente') ?? '';
  const kern = (params.get('kern') ?? '').trim().slice(0, 60);
  const ageGroup = params.get('leeftijd') ?? '';
  const support = params.get('steun') ?? '';
  return {
    gemeente: /^[a-z0-9-]{1,60}$/.test(gemeente) ? gemeente : undefined,
    kern: kern || undefined,
    ageGroup: ageGroupOptions.some((o) => o.value === ageGroup) ? ageGroup : undefined,
    support: profileSupportOptions.some((o) => o.value === support) ? support : undefined,
  };
}

/**
 * Public pages may be stored by browsers and proxies but must be checked again on every use
 * (max-age=0, must-revalidate; a shared cache for one second); the ETag makes that check a cheap
 * 304 when nothing changed.
 */
const PUBLIC_CACHE_CONTROL = REVALIDATE_EVERY_VISIT;

/**
 * A page that shows profiles: kept finished in memory until a change (decision 023). Nothing on
 * it changes by itself with time (a match takes a profile off at once, decision 022).
 */
export function publicProfilePage(headers: Headers, route: string): void {
  publicPage(headers, { route, cacheControl: PUBLIC_CACHE_CONTROL });
}

/** Sets the cache headers; returns a 304 response when the browser already has this version. */
export function conditional(request: Request, headers: Headers, etag: string): Response | null {
  headers.set('cache-control', PUBLIC_CACHE_CONTROL);
  headers.set('etag', etag);
  const seen = request.headers.get('if-none-match');
  if (seen?.split(',').some((t) => t.trim() === etag)) {
    return new Response(null, { status: 304, headers: { etag, 'cache-control': PUBLIC_CACHE_CONTROL } });
  }
  return null;
}
