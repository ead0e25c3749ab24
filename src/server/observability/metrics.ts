/**
 * Prometheus metrics for this process (prom-client), served at /metrics behind HEALTH_TOKEN.
 * Every web instance and worker counts its own; Prometheus adds them up. Outbox figures come
 * from the database at scrape time, so every instance reports the same (alert on max, not sum).
 * The alerts worth setting are in docs/deploy.md.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DbOrTx } from '~/server/db/db';
import { getOutboxBacklog } from '~/server/outbox/outbox.usecases';

const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const httpDuration = new Histogram({
  name: 'buurtgezinnen_http_request_duration_seconds',
  help: 'Time to answer a request rendered by the portal (prerendered files excluded), per route pattern',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

const searchDuration = new Histogram({
  name: 'buurtgezinnen_search_duration_seconds',
  help: 'Inbox search latency (the search engine call, fallback included)',
  labelNames: ['engine', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metricsRegistry],
});

const registrationsTotal = new Counter({
  name: 'buurtgezinnen_registrations_total',
  help: 'Sign-up form posts by kind and outcome (accepted = stored and acknowledged)',
  labelNames: ['kind', 'outcome'] as const,
  registers: [metricsRegistry],
});

const retentionRuns = new Counter({
  name: 'buurtgezinnen_retention_runs_total',
  help: 'Runs of the retention job (deleting data past its term), by result',
  labelNames: ['result'] as const,
  registers: [metricsRegistry],
});
const retentionDeleted = new Counter({
  name: 'buurtgezinnen_retention_deleted_total',
  help: 'Records deleted by the retention job, by kind of record',
  labelNames: ['record'] as const,
  registers: [metricsRegistry],
});
const retentionLastSuccess = new Gauge({
  name: 'buurtgezinnen_retention_last_success_timestamp_seconds',
  help: 'When the retention job last finished without error (Unix time); 0 = not since this process started',
  registers: [metricsRegistry],
});

const outboxPending = new Gauge({
  name: 'buurtgezinnen_outbox_pending_messages',
  help: 'Outbox messages waiting to be delivered, per topic',
  labelNames: ['topic'] as const,
  registers: [metricsRegistry],
});
const outboxOldest = new Gauge({
  name: 'buurtgezinnen_outbox_oldest_pending_age_seconds',
  help: 'Age of the oldest waiting outbox message (0 when none waits)',
  registers: [metricsRegistry],
});
const outboxFailed = new Gauge({
  name: 'buurtgezinnen_outbox_failed_messages',
  help: 'Outbox messages parked after their last attempt: need a person',
  registers: [metricsRegistry],
});
const databaseUp = new Gauge({
  name: 'buurtgezinnen_database_up',
  help: '1 when the database answered the last scrape, 0 when not',
  registers: [metricsRegistry],
});

export function observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void {
  httpDuration.observe({ method: labels.method, route: labels.route, status: String(labels.status) }, seconds);
}

export function observeSearch(labels: { engine: string; outcome: 'ok' | 'fallback' | 'error' }, seconds: number) {
  searchDuration.observe(labels, seconds);
}

export function countRegistration(
  kind: string,
  outcome: 'accepted' | 'invalid' | 'rate_limited' | 'refused' | 'failed',
) {
  registrationsTotal.inc({ kind, outcome });
}

/**
 * For the retention job (issue 16): call once per run, after it committed or failed.
 * @public
 */
export function recordRetentionRun(run: { ok: boolean; deleted?: Record<string, number>; at?: Date }): void {
  retentionRuns.inc({ result: run.ok ? 'ok' : 'failed' });
  for (const [record, count] of Object.entries(run.deleted ?? {})) retentionDeleted.inc({ record }, count);
  if (run.ok) retentionLastSuccess.set((run.at ?? new Date()).getTime() / 1000);
}

/** The text Prometheus scrapes; reads the outbox backlog first (a database down shows as database_up 0). */
export async function renderMetrics(db: DbOrTx | undefined): Promise<{ contentType: string; body: string }> {
  outboxPending.reset();
  try {
    if (!db) throw new Error('no database');
    const backlog = await getOutboxBacklog(db);
    for (const { topic, pending } of backlog.byTopic) outboxPending.set({ topic }, pending);
    outboxOldest.set(backlog.oldestPendingSeconds);
    outboxFailed.set(backlog.failed);
    databaseUp.set(1);
  } catch {
    databaseUp.set(0);
  }
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}
