/**
 * Keeping the typo dictionary (search_terms) free of words nobody has any more: when sign-ups are
 * deleted (retention, a request to delete one's data), their names and e-mail words must not
 * stay behind in a word list. The deletion itself prunes that sign-up's words (privacy.erase.ts,
 * pruneTermsOf); this full sweep runs daily in the server (services.ts), after each retention run
 * and after a full reindex, for words left by other changes (a corrected name).
 */

import type { DbOrTx } from '~/server/db/db';
import type { Logger } from '~/server/logger';
import { startPeriodicService } from '~/server/runtime/periodic-service';
import { createSearchRepository } from './search.repository';

/** Deletes words that no search document contains any more; returns how many. */
export async function pruneSearchTerms(db: DbOrTx): Promise<number> {
  return createSearchRepository({ db }).pruneTerms();
}

const DAY_MS = 24 * 60 * 60_000;

export function startSearchMaintenance(runtime: { db: DbOrTx; log: Logger }, intervalMs = DAY_MS) {
  return startPeriodicService({
    name: 'search-maintenance',
    everyMs: intervalMs,
    // First run a minute after start, not in the middle of start-up.
    firstAfterMs: 60_000,
    log: runtime.log,
    failure: 'Opruimen van zoekwoorden mislukt',
    run: async () => {
      const pruned = await pruneSearchTerms(runtime.db);
      return pruned > 0 ? `${pruned} woorden van verwijderde aanmeldingen uit de zoekwoordenlijst gehaald.` : null;
    },
  });
}
