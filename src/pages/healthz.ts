import type { APIRoute } from 'astro';
import { checkHealth } from '~/server/health/health.usecases';
import { getRuntime } from '~/server/runtime/runtime';

export const prerender = false;

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });

export const GET: APIRoute = async () => {
  try {
    const runtime = await getRuntime();
    const report = await checkHealth({ db: runtime.db, clock: runtime.clock });
    return json(report, report.status === 'ok' ? 200 : 503);
  } catch {
    // The runtime could not start: most often the database is not reachable.
    return json({ status: 'unavailable', database: 'unreachable', checkedAt: new Date().toISOString() }, 503);
  }
};
