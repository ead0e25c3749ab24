/**
 * The only code that reads or writes the ledger of report facts (`report_facts`). Other domains
 * write through rapportage.ledger.ts; the report reads counts per period from here.
 */
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import { type NewReportFactRow, reportFacts } from './rapportage.table';

export function createRapportageRepository({ db }: { db: DbOrTx }) {
  return {
    async insertFact(row: NewReportFactRow) {
      await db.insert(reportFacts).values(row);
    },

    /**
     * Writes the facts of existing records for every gemeente (or one) that has none yet: the SQL
     * function of migration 0023_report_facts (it may read the other domains' tables, this code may not).
     * Returns how many facts it wrote.
     */
    async backfill(gemeenteSlug: string | null = null): Promise<number> {
      const rows = await db.execute<{ added: number }>(
        sql`select report_facts_backfill(${gemeenteSlug}::text) as added`,
      );
      return Number(rows[0]?.added ?? 0);
    },

    /** Every fact of some gemeenten between two days (both included), oldest first. */
    async factsBetween(gemeenteSlugs: readonly string[], from: string, to: string) {
      if (gemeenteSlugs.length === 0) return [];
      return db
        .select({
          gemeenteSlug: reportFacts.gemeenteSlug,
          occurredOn: reportFacts.occurredOn,
          fact: reportFacts.fact,
          kind: reportFacts.kind,
          source: reportFacts.source,
          kern: reportFacts.kern,
          code: reportFacts.code,
          days: reportFacts.days,
          data: reportFacts.data,
        })
        .from(reportFacts)
        .where(
          and(
            inArray(reportFacts.gemeenteSlug, [...gemeenteSlugs]),
            gte(reportFacts.occurredOn, from),
            lte(reportFacts.occurredOn, to),
          ),
        )
        .orderBy(asc(reportFacts.occurredOn));
    },

    /** Koppelingen started and ended up to a day (for the number active at its end). */
    async startedAndEndedUntil(gemeenteSlug: string, until: string) {
      return db
        .select({ fact: reportFacts.fact })
        .from(reportFacts)
        .where(
          and(
            eq(reportFacts.gemeenteSlug, gemeenteSlug),
            lte(reportFacts.occurredOn, until),
            inArray(reportFacts.fact, ['koppeling_started', 'koppeling_ended']),
          ),
        );
    },
  };
}
