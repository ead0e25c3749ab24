/**
 * The edge of the screening, koppelingen and agenda pages (no astro:* imports): their
 * dependencies from the runtime, in one place.
 */
import { sharedProfileCache } from '~/server/profiles/profiles.cache';
import type { Runtime } from '~/server/runtime/runtime';

/** For screening, koppeling and safety use cases: database, clock, the profile cache a start clears, the VOG term. */
export function koppelingDeps(runtime: Runtime) {
  return {
    db: runtime.db,
    clock: runtime.clock,
    profileCache: sharedProfileCache(runtime.config.profileCacheMs),
    vogRenewalYears: runtime.config.vogRenewalYears,
  };
}

/** For the agenda feed: links in the feed are absolute. */
export function calendarDeps(runtime: Runtime) {
  return { db: runtime.db, clock: runtime.clock, config: runtime.config };
}
