/**
 * Deletes rate-limit buckets that are full again and login failures that are forgotten (they
 * carry no information any more), so the tables stay as small as the recent traffic. Every
 * instance may run it; deleting is idempotent.
 */
import type { DbOrTx } from '~/server/db/db';
import { describeError, type Logger } from '~/server/logger';
import { pruneRateLimits } from './rate-limits';

const PRUNE_EVERY_MS = 10 * 60_000;

export function startRateLimitPruning(
  runtime: { db: DbOrTx; clock: () => Date; log: Logger },
  everyMs = PRUNE_EVERY_MS,
) {
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = pruneRateLimits(runtime.db, runtime.clock()).then(
      (n) => {
        if (n > 0) runtime.log.debug('Verlopen rate limits opgeruimd', { deleted: n });
      },
      (error: unknown) =>
        runtime.log.warn('Rate limits opruimen mislukt', {
          error: describeError(error),
        }),
    );
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    name: 'rate-limit-pruning',
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
