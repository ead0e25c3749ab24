import { sql } from 'drizzle-orm';
import type { Database } from '~/server/db/db';
import { getOutboxHealth, type OutboxHealth } from '~/server/outbox/outbox.usecases';

export type HealthReport = {
  status: 'ok' | 'unavailable';
  database: 'ok' | 'unreachable';
  checkedAt: string;
  /** Outbox counts (mail not going out shows here as failed or overdue); absent without a database. */
  outbox?: OutboxHealth;
};

/** Is the database answering within `timeoutMs`? Never throws. */
export async function checkHealth({
  db,
  clock,
  timeoutMs = 2000,
}: {
  db: Database;
  clock: () => Date;
  timeoutMs?: number;
}): Promise<HealthReport> {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref());
  const database = await Promise.race([db.execute(sql`select 1`), timeout]).then(
    () => 'ok' as const,
    () => 'unreachable' as const,
  );
  // Details only: a full outbox does not make the portal unhealthy (requests still work).
  const outbox =
    database === 'ok' ? await Promise.race([getOutboxHealth(db), timeout]).catch(() => undefined) : undefined;
  return {
    status: database === 'ok' ? 'ok' : 'unavailable',
    database,
    checkedAt: clock().toISOString(),
    ...(outbox ? { outbox } : {}),
  };
}
