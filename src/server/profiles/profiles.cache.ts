/**
 * A small in-process cache for the public profile queries (decision 007): answers are reused for
 * at most `ttlMs`, and every change empties it at once. It shares the generation of public
 * content with the page cache (src/server/public-pages/public-pages.changes.ts, decision 023): a
 * change made here (`invalidate`) also retires the finished pages, and a change another instance
 * made (heard over LISTEN/NOTIFY) also retires these answers, so a page rendered after a change
 * never shows data from before it.
 */
import {
  createPublicContentChanges,
  type PublicContentChanges,
  publicContent,
} from '~/server/public-pages/public-pages.changes';

export type ProfileCache = {
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
  invalidate(): void;
};

export function createProfileCache(
  ttlMs: number,
  now: () => number = Date.now,
  changes: PublicContentChanges = createPublicContentChanges(),
): ProfileCache {
  const entries = new Map<string, { at: number; generation: number; value: Promise<unknown> }>();
  return {
    async get<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (ttlMs <= 0) return load();
      const generation = changes.generation();
      const hit = entries.get(key);
      const t = now();
      if (hit && hit.generation === generation && t - hit.at < ttlMs) return hit.value as Promise<T>;
      // Share one load among concurrent requests; forget it if it fails.
      const value = load();
      entries.set(key, { at: t, generation, value });
      value.catch(() => entries.delete(key));
      if (entries.size > 2000) entries.clear();
      return value;
    },
    invalidate() {
      changes.changed();
      entries.clear();
    },
  };
}

let shared: ProfileCache | undefined;
/** The process-wide cache; the TTL comes from config.profileCacheMs at first use. */
export function sharedProfileCache(ttlMs: number): ProfileCache {
  shared ??= createProfileCache(ttlMs, Date.now, publicContent);
  return shared;
}
