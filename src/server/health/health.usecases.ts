import { sql } from 'drizzle-orm';
import type { Database } from '../db/db';

export type HealthReport = { status: 'ok' | 'unavailable'; database: 'ok' | 'unreachable'; checkedAt: string };

/** Is the database answering within `timeoutMs`? Never throws. */
export async function checkHealth({ db, clock, timeoutMs = 2000 }: { db: Database; clock: () => Date; timeoutMs?: number }): Promise<HealthReport> {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref());
  const database = await Promise.race([db.execute(sql`select 1`), timeout]).then(
    () => 'ok' as const,
    () => 'unreachable' as const,
  );
  return { status: database === 'ok' ? 'ok' : 'unavailable', database, checkedAt: clock().toISOString() };
}
