/**
 * Keeping the typo dictionary (search_terms) free of words nobody has any more: when sign-ups are
 * deleted (retention, a request to delete one's data), their names and e-mail words must not
 * stay behind in a word list. Runs daily in the server (services.ts) and after a full reindex.
 */
import type { DbOrTx } from '~/server/db/db';
import type { Logger } from '~/server/logger';
import { describeError } from '~/server/logger';
import { createSearchRepository } from './search.repository';

/** Deletes words that no search document contains any more; returns how many. */
export async function pruneSearchTerms(db: DbOrTx): Promise<number> {
  return createSearchRepository({ db }).pruneTerms();
}

const DAY_MS = 24 * 60 * 60_000;

export function startSearchMaintenance(runtime: { db: DbOrTx; log: Logger }, intervalMs = DAY_MS) {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = pruneSearchTerms(runtime.db)
      .then(
        (n) =>
          n > 0 &&
          runtime.log.info(`[search] ${n} woorden van verwijderde aanmeldingen uit de zoekwoordenlijst gehaald.`),
      )
      .catch((error: unknown) =>
        runtime.log.warn(`[search] Opruimen van zoekwoorden mislukt: ${describeError(error)}`),
      );
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  // First run a minute after start, not in the middle of start-up.
  const first = setTimeout(tick, 60_000);
  first.unref();
  return {
    name: 'search-maintenance',
    stop: async () => {
      clearInterval(timer);
      clearTimeout(first);
      await running;
    },
  };
}
