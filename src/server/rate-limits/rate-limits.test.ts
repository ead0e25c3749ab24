import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '~/server/db/db';
import { createTestDatabase } from '~tests/support/database';
import {
  backoffDelayMs,
  backoffWaitMs,
  clearFailures,
  consumeRateLimit,
  consumeRateLimits,
  pruneRateLimits,
  recordFailure,
} from './rate-limits';
import { rateLimits } from './rate-limits.table';

let db: Database;
beforeAll(async () => {
  db = (await createTestDatabase()).db;
});

const t0 = new Date('2026-03-01T10:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
let n = 0;
const freshKey = () => `test:${++n}:${Math.random()}`;

describe('consumeRateLimit', () => {
  it('allows `limit` requests at once, then refuses with the time until the next token', async () => {
    const key = freshKey();
    const rule = { key, limit: 3, windowMs: 60_000 };
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await consumeRateLimit(db, { ...rule, now: t0 }));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    // 3 tokens per 60 s: one token every 20 000 ms.
    expect(results[3]!.retryAfterMs).toBe(20_000);
  });

  it('refills in milliseconds: one token per windowMs/limit, not per second', async () => {
    const key = freshKey();
    const rule = { key, limit: 3, windowMs: 60_000 };
    for (let i = 0; i < 3; i++) await consumeRateLimit(db, { ...rule, now: t0 });
    // 19 999 ms later: 0.99995 token, still refused, 1 ms to wait.
    const early = await consumeRateLimit(db, { ...rule, now: at(19_999) });
    expect(early).toEqual({ allowed: false, remaining: 0, retryAfterMs: 1 });
    // Exactly 20 000 ms after the start: one token.
    const onTime = await consumeRateLimit(db, { ...rule, now: at(20_000) });
    expect(onTime.allowed).toBe(true);
    expect(onTime.remaining).toBe(0);
    const again = await consumeRateLimit(db, { ...rule, now: at(20_000) });
    expect(again.allowed).toBe(false);
    expect(again.retryAfterMs).toBe(20_000);
  });

  it('a refused request does not use up a token', async () => {
    const key = freshKey();
    const rule = { key, limit: 1, windowMs: 1_000 };
    expect((await consumeRateLimit(db, { ...rule, now: t0 })).allowed).toBe(true);
    expect((await consumeRateLimit(db, { ...rule, now: at(500) })).allowed).toBe(false);
    expect((await consumeRateLimit(db, { ...rule, now: at(999) })).allowed).toBe(false);
    expect((await consumeRateLimit(db, { ...rule, now: at(1_000) })).allowed).toBe(true);
  });

  it('never holds more than `limit` tokens after a long pause', async () => {
    const key = freshKey();
    const rule = { key, limit: 2, windowMs: 1_000 };
    await consumeRateLimit(db, { ...rule, now: t0 });
    const later = at(24 * 3600_000);
    const results = [];
    for (let i = 0; i < 3; i++) results.push((await consumeRateLimit(db, { ...rule, now: later })).allowed);
    expect(results).toEqual([true, true, false]);
  });

  it('refills nothing when the clock goes backwards', async () => {
    const key = freshKey();
    const rule = { key, limit: 1, windowMs: 1_000 };
    await consumeRateLimit(db, { ...rule, now: at(10_000) });
    expect((await consumeRateLimit(db, { ...rule, now: at(5_000) })).allowed).toBe(false);
  });

  it('keeps keys apart', async () => {
    const rule = { limit: 1, windowMs: 60_000, now: t0 };
    const a = freshKey();
    const b = freshKey();
    expect((await consumeRateLimit(db, { ...rule, key: a })).allowed).toBe(true);
    expect((await consumeRateLimit(db, { ...rule, key: a })).allowed).toBe(false);
    expect((await consumeRateLimit(db, { ...rule, key: b })).allowed).toBe(true);
  });

  it('lets exactly `limit` of many concurrent requests through', async () => {
    const key = freshKey();
    const results = await Promise.all(
      Array.from({ length: 40 }, () => consumeRateLimit(db, { key, limit: 7, windowMs: 3_600_000, now: t0 })),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(7);
  });

  it('prunes buckets once they are full again', async () => {
    const key = freshKey();
    await consumeRateLimit(db, { key, limit: 2, windowMs: 10_000, now: t0 });
    await consumeRateLimit(db, { key, limit: 2, windowMs: 10_000, now: t0 });
    // Empty at t0: full again after 10 s.
    const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, key));
    expect(row!.expiresAt.getTime()).toBe(at(10_000).getTime());
    await pruneRateLimits(db, at(9_999));
    expect(await db.select().from(rateLimits).where(eq(rateLimits.key, key))).toHaveLength(1);
    await pruneRateLimits(db, at(10_001));
    expect(await db.select().from(rateLimits).where(eq(rateLimits.key, key))).toHaveLength(0);
  });

  it('rejects a nonsensical rule', async () => {
    await expect(consumeRateLimit(db, { key: freshKey(), limit: 0, windowMs: 1000, now: t0 })).rejects.toThrow();
  });
});

describe('consumeRateLimits (several buckets in one statement)', () => {
  it('takes a token from every bucket, each with its own limit', async () => {
    const [a, b] = [freshKey(), freshKey()];
    const rules = [
      { key: a, limit: 3, windowMs: 60_000, now: t0 },
      { key: b, limit: 2, windowMs: 60_000, now: t0 },
    ];
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await consumeRateLimits(db, rules));
    expect(results.map((r) => r.allowed)).toEqual([true, true, false]);
    // The lowest over the buckets; b (2 per 60 s) has a token again after 30 s.
    expect(results.map((r) => r.remaining)).toEqual([1, 0, 0]);
    expect(results[2]!.retryAfterMs).toBe(30_000);
    // a had its third token taken by the refused request: the caller rolls that back.
    expect((await consumeRateLimit(db, { key: a, limit: 3, windowMs: 60_000, now: t0 })).allowed).toBe(false);
  });

  it('changes no bucket when the transaction that took the tokens rolls back', async () => {
    const [a, b] = [freshKey(), freshKey()];
    const rules = [
      { key: a, limit: 5, windowMs: 60_000, now: t0 },
      { key: b, limit: 1, windowMs: 60_000, now: t0 },
    ];
    expect((await consumeRateLimits(db, rules)).allowed).toBe(true);
    const refused = new Error('refused');
    await expect(
      db.transaction(async (tx) => {
        const result = await consumeRateLimits(tx, rules);
        if (!result.allowed) throw refused;
      }),
    ).rejects.toBe(refused);
    const rows = await db.select().from(rateLimits).where(eq(rateLimits.key, a));
    expect(rows[0]!.tokens).toBe(4);
  });

  it('lets exactly `limit` of many concurrent requests through, with the keys in any order', async () => {
    const [a, b] = [freshKey(), freshKey()];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const rules = [
          { key: a, limit: 6, windowMs: 3_600_000, now: t0 },
          { key: b, limit: 50, windowMs: 3_600_000, now: t0 },
        ];
        return consumeRateLimits(db, i % 2 ? rules : rules.reverse());
      }),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(6);
  });

  it('rejects rules with different windows', async () => {
    await expect(
      consumeRateLimits(db, [
        { key: freshKey(), limit: 1, windowMs: 1000, now: t0 },
        { key: freshKey(), limit: 1, windowMs: 2000, now: t0 },
      ]),
    ).rejects.toThrow();
  });
});

describe('failures with back-off', () => {
  const policy = { freeFailures: 3, baseDelayMs: 1000, maxDelayMs: 8000, forgetAfterMs: 60 * 60_000 };

  it('waits only after the free failures, doubling up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffDelayMs(policy, n))).toEqual([
      0, 0, 0, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  it('counts failures per key, tells the longest wait of several keys, and forgets after a success', async () => {
    const a = freshKey();
    const b = freshKey();
    for (let i = 0; i < 3; i++) await recordFailure(db, a, policy, t0);
    expect(await backoffWaitMs(db, [a], t0)).toBe(1000);
    expect(await backoffWaitMs(db, [b], t0)).toBe(0);
    expect(await backoffWaitMs(db, [a, b], at(400))).toBe(600);
    await recordFailure(db, a, policy, at(1000));
    expect(await backoffWaitMs(db, [a], at(1000))).toBe(2000);
    await clearFailures(db, [a]);
    expect(await backoffWaitMs(db, [a], at(1000))).toBe(0);
  });

  it('counts concurrent failures all, and starts again after forgetAfterMs', async () => {
    const key = freshKey();
    await Promise.all(Array.from({ length: 5 }, () => recordFailure(db, key, policy, t0)));
    expect(await backoffWaitMs(db, [key], t0)).toBe(4000);
    await recordFailure(db, key, policy, at(policy.forgetAfterMs + 1));
    expect(await backoffWaitMs(db, [key], at(policy.forgetAfterMs + 1))).toBe(0);
    expect(await pruneRateLimits(db, at(3 * policy.forgetAfterMs))).toBeGreaterThanOrEqual(1);
  });
});
