/**
 * Health for load balancers and monitoring. Everyone: 200 {"status":"ok"} when this instance
 * can serve (its database answers), else 503 {"status":"unavailable"}. With HEALTH_TOKEN
 * (Authorization: Bearer) or a staff session: the full report (database, outbox, migrations,
 * instance). See docs/deploy.md.
 */
import type { APIRoute } from 'astro';
import { getConfig } from '~/server/config/config';
import { checkHealth, type HealthReport, unavailableReport } from '~/server/health/health.usecases';
import { mayReadMonitoring } from '~/server/observability/monitoring-access';
import { getRuntime, type Runtime } from '~/server/runtime/runtime';

export const prerender = false;

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });

export const GET: APIRoute = async (context) => {
  // The runtime first: with a bad setting it names the variable and stops the process.
  const runtime: Runtime | undefined = await getRuntime().catch(() => undefined);
  const config = runtime?.config ?? getConfig();
  const report: HealthReport = runtime
    ? await checkHealth({ db: runtime.db, clock: runtime.clock, outboxWorker: config.outboxWorker })
    : unavailableReport(() => new Date(), config.outboxWorker);
  const status = report.status === 'ok' ? 200 : 503;
  if (await mayReadMonitoring(context, config, runtime)) return json(report, status);
  return json({ status: report.status }, status);
};
