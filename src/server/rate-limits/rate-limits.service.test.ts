import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createLogger } from '~/server/logger';
import { createTestDatabase } from '~tests/support/database';
import { consumeRateLimit } from './rate-limits';
import { startRateLimitPruning } from './rate-limits.service';

it('prunes full buckets in the background and stops cleanly', async () => {
  const { db } = await createTestDatabase();
  const past = new Date(Date.now() - 3600_000);
  await consumeRateLimit(db, { key: 'old', limit: 5, windowMs: 60_000, now: past });
  await consumeRateLimit(db, { key: 'fresh', limit: 5, windowMs: 3600_000, now: new Date() });
  const service = startRateLimitPruning({ db, clock: () => new Date(), log: createLogger('error') }, 20);
  await expect
    .poll(
      async () => (await db.execute<{ key: string }>(sql`select key from rate_limits order by key`)).map((r) => r.key),
      { timeout: 5000 },
    )
    .toEqual(['fresh']);
  await service.stop();
});
