/** Prometheus metrics of this instance, behind HEALTH_TOKEN (or a staff session). See docs/deploy.md. */
import type { APIRoute } from 'astro';
import { getConfig } from '~/server/config/config';
import { renderMetrics } from '~/server/observability/metrics';
import { mayReadMonitoring } from '~/server/observability/monitoring-access';
import { getRuntime } from '~/server/runtime/runtime';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  // The runtime first: with a bad setting it names the variable and stops the process.
  const runtime = await getRuntime().catch(() => undefined);
  const config = runtime?.config ?? getConfig();
  if (!(await mayReadMonitoring(context, config, runtime)))
    return new Response('Alleen met HEALTH_TOKEN (Authorization: Bearer …).\n', {
      status: 401,
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'www-authenticate': 'Bearer',
        'cache-control': 'no-store',
      },
    });
  const { contentType, body } = await renderMetrics(runtime?.db);
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
};
