/**
 * Deletes rate-limit buckets that are full again and login failures that are forgotten (they
 * carry no information any more), so the tables stay as small as the recent traffic. Every
 * instance may run it; deleting is idempotent.
 */

import type { DbOrTx } from '~/server/db/db';
import type { Logger } from '~/server/logger';
import { startPeriodicService } from '~/server/runtime/periodic-service';
import { pruneRateLimits } from './rate-limits';

const PRUNE_EVERY_MS = 10 * 60_000;

export function startRateLimitPruning(
  runtime: { db: DbOrTx; clock: () => Date; log: Logger },
  everyMs = PRUNE_EVERY_MS,
) {
  return startPeriodicService({
    name: 'rate-limit-pruning',
    everyMs,
    // Nothing to prune right after start.
    firstAfterMs: null,
    log: runtime.log,
    failure: 'Rate limits opruimen mislukt',
    // Housekeeping: nothing worth a log line when it works.
    run: async () => {
      await pruneRateLimits(runtime.db, runtime.clock());
      return null;
    },
  });
}
