/**
 * Rate limits as token buckets in PostgreSQL: they survive restarts and are shared by every
 * instance. A bucket holds at most `limit` tokens and refills continuously at `limit` tokens per
 * `windowMs`; each request takes one token. Refill is computed in MILLISECONDS from the stored
 * timestamp (old example code refilled in seconds, letting through 1000x too much; see
 * docs/decisions/009-sign-up-abuse-and-repeats.md).
 *
 * One UPSERT statement per request, also for several buckets (rate-limits.repository.ts), so concurrent requests on the
 * same key are serialised by the row lock and can never take the same token twice.
 */
import type { DbOrTx } from '~/server/db/db';
import { createRateLimitsRepository } from './rate-limits.repository';

export type RateLimitRule = {
  /** Bucket key, e.g. `registration:address:203.0.113.9`. Keep personal data out (hash it). */
  key: string;
  /** Requests allowed per window (also the burst size). */
  limit: number;
  /** Window in milliseconds in which `limit` tokens are refilled. */
  windowMs: number;
  now: Date;
};

export type RateLimitResult = {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** When not allowed: how long until one token is available again (0 when allowed). */
  retryAfterMs: number;
};

export async function consumeRateLimit(db: DbOrTx, rule: RateLimitRule): Promise<RateLimitResult> {
  return consumeRateLimits(db, [rule]);
}

/**
 * Takes one token from each rule's bucket in ONE statement (a sign-up checks its client address
 * and its contact addresses together: one round trip instead of one per bucket). All rules must
 * share `windowMs` and `now`. Allowed only when every bucket had a token; the caller must then
 * roll back the other takes, e.g. by throwing inside the transaction they were taken in (a
 * refused take changes nothing itself). `remaining` is the lowest over the buckets,
 * `retryAfterMs` the longest wait.
 */
export async function consumeRateLimits(db: DbOrTx, rules: RateLimitRule[]): Promise<RateLimitResult> {
  const [first] = rules;
  if (!first) throw new Error('consumeRateLimits: no rules');
  const { windowMs, now } = first;
  for (const { limit, ...rule } of rules) {
    if (!(limit >= 1) || !(rule.windowMs >= 1))
      throw new Error('consumeRateLimit: limit and windowMs must be at least 1');
    if (rule.windowMs !== windowMs || rule.now.getTime() !== now.getTime())
      throw new Error('consumeRateLimits: the rules must share windowMs and now');
  }
  const taken = await createRateLimitsRepository({ db }).take({
    buckets: rules.map(({ key, limit }) => ({ key, limit })),
    windowMs,
    now,
  });
  let result: RateLimitResult = { allowed: true, remaining: Number.POSITIVE_INFINITY, retryAfterMs: 0 };
  for (const { key, limit } of rules) {
    const { tokens, allowed } = taken.get(key)!;
    result = {
      allowed: result.allowed && allowed,
      remaining: Math.min(result.remaining, Math.max(0, Math.floor(tokens + 1e-9))),
      // The small epsilon keeps float noise (0.99995 tokens) from rounding 1 ms up to 2.
      retryAfterMs: allowed
        ? result.retryAfterMs
        : Math.max(result.retryAfterMs, 1, Math.ceil(((1 - tokens) * windowMs) / limit - 1e-6)),
    };
  }
  return result;
}

// ---------------------------------------------------------------- failures with back-off

export type BackoffPolicy = {
  /** Failures before the first wait. */
  freeFailures: number;
  /** The first wait; every further failure doubles it ... */
  baseDelayMs: number;
  /** ... up to this. */
  maxDelayMs: number;
  /** Failures are forgotten this long after the last one. */
  forgetAfterMs: number;
};

/** The wait after the `failures`-th failure: nothing while free, then base, 2x base, 4x base ... capped. */
export function backoffDelayMs(policy: BackoffPolicy, failures: number): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures, 30);
  return Math.min(policy.baseDelayMs * 2 ** doublings, policy.maxDelayMs);
}

/** How long to wait before the next attempt under any of `keys` (0: go ahead). Reads only. */
export async function backoffWaitMs(db: DbOrTx, keys: string[], now: Date): Promise<number> {
  if (keys.length === 0) return 0;
  const until = await createRateLimitsRepository({ db }).blockedUntil(keys);
  return Math.max(0, (until?.getTime() ?? 0) - now.getTime());
}

/** Counts one failure under `key` (one UPSERT: concurrent failures all count). */
export async function recordFailure(db: DbOrTx, key: string, policy: BackoffPolicy, now: Date): Promise<void> {
  await createRateLimitsRepository({ db }).recordFailure({
    key,
    now,
    ...policy,
    firstDelayMs: backoffDelayMs(policy, 1),
  });
}

/** Forgets the failures under `keys` (after a success). */
export async function clearFailures(db: DbOrTx, keys: string[]): Promise<void> {
  if (keys.length) await createRateLimitsRepository({ db }).clearFailures(keys);
}

/** Deletes buckets that are full again and failures that are forgotten; run now and then. */
export async function pruneRateLimits(db: DbOrTx, now: Date): Promise<number> {
  return createRateLimitsRepository({ db }).deleteExpired(now);
}
