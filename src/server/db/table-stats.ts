import { sql } from 'drizzle-orm';
import type { DbOrTx } from './db';

async function deletedSoFar(tx: DbOrTx): Promise<Map<string, number>> {
  const rows = await tx.execute<{ table: string; deleted: number }>(sql`
    select relname as "table", n_tup_del::int as deleted
    from pg_stat_xact_user_tables
    where schemaname = 'public' and n_tup_del > 0`);
  return new Map(rows.map((row) => [row.table, row.deleted]));
}

/**
 * Counts the rows deleted per table from now on in this transaction (cascades and triggers
 * included), from PostgreSQL's own statistics: call it at the start of the transaction, call the
 * function it returns before the commit. The retention job reports these counts (never what the
 * rows held) and its dry run reads them before rolling back. A difference, because the
 * "transaction" statistics also hold what this connection did since they were last flushed.
 */
export async function trackDeletedRows(tx: DbOrTx): Promise<() => Promise<Record<string, number>>> {
  const before = await deletedSoFar(tx);
  return async () => {
    const counts: Record<string, number> = {};
    for (const [table, deleted] of [...(await deletedSoFar(tx))].sort(([a], [b]) => a.localeCompare(b))) {
      const difference = deleted - (before.get(table) ?? 0);
      if (difference > 0) counts[table] = difference;
    }
    return counts;
  };
}
