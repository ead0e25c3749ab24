/**
 * A small in-process cache for the public profile queries (decision 007): answers are reused for
 * at most `ttlMs`, and every change through the profile use cases empties it at once.
 */
export type ProfileCache = {
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
  invalidate(): void;
};

export function createProfileCache(ttlMs: number, now: () => number = Date.now): ProfileCache {
  let version = 1;
  const entries = new Map<string, { at: number; version: number; value: Promise<unknown> }>();
  return {
    async get<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (ttlMs <= 0) return load();
      const hit = entries.get(key);
      const t = now();
      if (hit && hit.version === version && t - hit.at < ttlMs) return hit.value as Promise<T>;
      // Share one load among concurrent requests; forget it if it fails.
      const value = load();
      entries.set(key, { at: t, version, value });
      value.catch(() => entries.delete(key));
      if (entries.size > 2000) entries.clear();
      return value;
    },
    invalidate() {
      version += 1;
      entries.clear();
    },
  };
}

let shared: ProfileCache | undefined;
/** The process-wide cache; the TTL comes from config.profileCacheMs at first use. */
export function sharedProfileCache(ttlMs: number): ProfileCache {
  shared ??= createProfileCache(ttlMs);
  return shared;
}
