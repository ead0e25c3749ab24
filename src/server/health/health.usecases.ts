import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '~/server/db/db';
import { getOutboxBacklog, getOutboxHealth, type OutboxHealth } from '~/server/outbox/outbox.usecases';

/** What everyone may see on /healthz: up or not, nothing else. */
type PublicHealth = { status: 'ok' | 'unavailable' };

export type HealthReport = PublicHealth & {
  database: 'ok' | 'unreachable';
  /** Round trip of `select 1`, when it answered. */
  databaseMs?: number;
  checkedAt: string;
  /** Outbox counts (mail not going out shows here as failed or overdue); absent without a database. */
  outbox?: OutboxHealth & { oldestPendingSeconds: number };
  /** Applied in the database vs known to this instance: during a rolling upgrade an old instance sees applied > known. */
  migrations?: { applied: number; known: number };
  instance: { hostname: string; pid: number; uptimeSeconds: number; outboxWorker: boolean };
};

const startedAt = Date.now();

function knownMigrations(): number {
  try {
    const journal = JSON.parse(
      readFileSync(path.resolve(process.env.MIGRATIONS_DIR ?? 'db/migrations', 'meta/_journal.json'), 'utf8'),
    ) as { entries: unknown[] };
    return journal.entries.length;
  } catch {
    return 0;
  }
}

const instance = (outboxWorker: boolean) => ({
  hostname: os.hostname(),
  pid: process.pid,
  uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
  outboxWorker,
});

/** The report when the runtime could not even start (most often: the database is unreachable). */
export function unavailableReport(clock: () => Date, outboxWorker: boolean): HealthReport {
  return {
    status: 'unavailable',
    database: 'unreachable',
    checkedAt: clock().toISOString(),
    instance: instance(outboxWorker),
  };
}

/** Is the database answering within `timeoutMs`? With details for monitoring. Never throws. */
export async function checkHealth({
  db,
  clock,
  outboxWorker = false,
  timeoutMs = 2000,
}: {
  db: Database;
  clock: () => Date;
  outboxWorker?: boolean;
  timeoutMs?: number;
}): Promise<HealthReport> {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref());
  const started = performance.now();
  const database = await Promise.race([db.execute(sql`select 1`), timeout]).then(
    () => 'ok' as const,
    () => 'unreachable' as const,
  );
  const databaseMs = Math.round(performance.now() - started);
  if (database !== 'ok')
    return { status: 'unavailable', database, checkedAt: clock().toISOString(), instance: instance(outboxWorker) };
  // Details only: a full outbox does not make the portal unhealthy (requests still work).
  const details = await Promise.race([
    Promise.all([
      getOutboxHealth(db),
      getOutboxBacklog(db),
      db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
    ]),
    timeout,
  ]).catch(() => undefined);
  return {
    status: 'ok',
    database,
    databaseMs,
    checkedAt: clock().toISOString(),
    ...(details
      ? {
          outbox: { ...details[0], oldestPendingSeconds: Math.round(details[1].oldestPendingSeconds) },
          migrations: { applied: Number(details[2][0]?.n ?? 0), known: knownMigrations() },
        }
      : {}),
    instance: instance(outboxWorker),
  };
}
