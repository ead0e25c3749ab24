/**
 * The only code that reads or writes the token buckets (`rate_limits`) and the failure counts
 * with back-off (`failure_backoffs`); see rate-limits.ts for the rules.
 */
import { inArray, lt, max, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import { failureBackoffs, rateLimits } from './rate-limits.table';

/**
 * The statement of `take`, written out once: the buckets come in as one JSON parameter and the
 * moment and the window as one parameter each, so every call has the same text (one prepared
 * statement for any number of buckets) and building it costs next to nothing. Built with the
 * query builder, its nested expressions cost about 0.25 ms of CPU per call, the largest single
 * item of a sign-up in the web process (issue 18, docs/decisions/035-prepared-statements.md).
 *
 * A new bucket is stored full minus this token, so `excluded.tokens + 1` is the row's limit, and
 * `excluded.refilled_at` is this request's moment. Tokens available now: the stored tokens plus
 * the refill since `refilled_at`, in milliseconds, capped at the limit; a clock that went
 * backwards (another instance) refills nothing. Rows are inserted, and so locked, in key order.
 */
const AVAILABLE = `least(excluded.tokens + 1, r.tokens + greatest(0, extract(epoch from (excluded.refilled_at - r.refilled_at)) * 1000) * (excluded.tokens + 1) / (select ms from w))`;
const LEFT = `case when ${AVAILABLE} >= 1 then ${AVAILABLE} - 1 else ${AVAILABLE} end`;
const TAKE: SQL[] = [
  `with p as (select `,
  `::timestamptz as now), w as (select `,
  `::double precision as ms)
  insert into rate_limits as r (key, tokens, refilled_at, allowed, expires_at)
  select b.key, b."limit" - 1, p.now, true, p.now + make_interval(secs => ceil(w.ms / b."limit") / 1000)
  from jsonb_to_recordset(`,
  `::jsonb) as b(key text, "limit" integer), p, w
  order by b.key
  on conflict (key) do update set
    tokens = ${LEFT},
    allowed = ${AVAILABLE} >= 1,
    refilled_at = excluded.refilled_at,
    -- When the bucket will be full again (after that the row carries no information).
    expires_at = excluded.refilled_at + make_interval(secs => ((excluded.tokens + 1) - (${LEFT})) * (select ms from w) / (excluded.tokens + 1) / 1000)
  returning key, tokens, allowed`,
].map((text) => sql.raw(text));

export function createRateLimitsRepository({ db }: { db: DbOrTx }) {
  return {
    /**
     * Takes one token from each bucket in `buckets` (made full on first use) in ONE upsert, so
     * concurrent requests on the same key are serialised by the row lock (taken in key order, so
     * two requests never wait for each other crosswise). All buckets share `windowMs`. Returns,
     * per key, the tokens left and whether this request was let through.
     */
    async take({
      buckets,
      windowMs,
      now,
    }: {
      buckets: { key: string; limit: number }[];
      windowMs: number;
      now: Date;
    }): Promise<Map<string, { tokens: number; allowed: boolean }>> {
      const sorted = [...new Map(buckets.map((bucket) => [bucket.key, bucket])).values()].sort((a, b) =>
        a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
      );
      const rows = await db.execute<{ key: string; tokens: number; allowed: boolean }>(
        sql`${TAKE[0]}${now.toISOString()}${TAKE[1]}${windowMs}${TAKE[2]}${JSON.stringify(sorted.map(({ key, limit }) => ({ key, limit })))}${TAKE[3]}`,
      );
      return new Map(rows.map((row) => [row.key, { tokens: row.tokens, allowed: row.allowed }]));
    },

    /** Deletes buckets that are full again and failures that are forgotten; returns how many. */
    async deleteExpired(now: Date): Promise<number> {
      const deleted = await db
        .delete(rateLimits)
        .where(lt(rateLimits.expiresAt, now))
        .returning({ key: rateLimits.key });
      const forgotten = await db
        .delete(failureBackoffs)
        .where(lt(failureBackoffs.expiresAt, now))
        .returning({ key: failureBackoffs.key });
      return deleted.length + forgotten.length;
    },

    /** The latest `blocked_until` over `keys`, or null when none of them has failures. */
    async blockedUntil(keys: string[]): Promise<Date | null> {
      const [row] = await db
        .select({ until: max(failureBackoffs.blockedUntil) })
        .from(failureBackoffs)
        .where(inArray(failureBackoffs.key, keys));
      return row?.until ? new Date(row.until) : null;
    },

    /**
     * Counts one failure under `key` in ONE upsert (concurrent failures all count): failures
     * older than `forgetAfterMs` start the count again; the wait follows `delayMs` in SQL.
     */
    async recordFailure({
      key,
      now,
      freeFailures,
      baseDelayMs,
      maxDelayMs,
      forgetAfterMs,
      firstDelayMs,
    }: {
      key: string;
      now: Date;
      freeFailures: number;
      baseDelayMs: number;
      maxDelayMs: number;
      forgetAfterMs: number;
      /** The wait after a first failure (computed by the caller's policy). */
      firstDelayMs: number;
    }): Promise<void> {
      const nowIso = now.toISOString();
      const failures = sql`case when ${failureBackoffs.lastFailureAt} < ${nowIso}::timestamptz - make_interval(secs => ${forgetAfterMs / 1000}) then 1 else ${failureBackoffs.failures} + 1 end`;
      const delay = sql`least(${maxDelayMs}::double precision, case when ${failures} < ${freeFailures} then 0 else ${baseDelayMs}::double precision * power(2, least(${failures} - ${freeFailures}, 30)) end)`;
      await db
        .insert(failureBackoffs)
        .values({
          key,
          failures: 1,
          lastFailureAt: now,
          blockedUntil: new Date(now.getTime() + firstDelayMs),
          expiresAt: new Date(now.getTime() + forgetAfterMs),
        })
        .onConflictDoUpdate({
          target: failureBackoffs.key,
          set: {
            failures,
            lastFailureAt: sql`${nowIso}::timestamptz`,
            blockedUntil: sql`${nowIso}::timestamptz + make_interval(secs => ${delay} / 1000)`,
            expiresAt: sql`${nowIso}::timestamptz + make_interval(secs => ${forgetAfterMs / 1000})`,
          },
        });
    },

    /** Forgets the failures under `keys`. */
    async clearFailures(keys: string[]): Promise<void> {
      await db.delete(failureBackoffs).where(inArray(failureBackoffs.key, keys));
    },
  };
}
