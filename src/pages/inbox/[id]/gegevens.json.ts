/**
 * Everything stored about one sign-up as JSON, for the national office answering a request to see
 * one's data (AVG art. 15; privacy.usecases.ts exportOnRequest, audited). Staff session required.
 */
import type { APIRoute } from 'astro';
import { authenticate } from '~/server/access/staff-request';
import { toHttpError } from '~/server/errors/errors';
import { describeError } from '~/server/logger';
import { exportOnRequest } from '~/server/privacy/privacy.usecases';
import { getRuntime } from '~/server/runtime/runtime';

export const prerender = false;

const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export const GET: APIRoute = async (context) => {
  const runtime = await getRuntime();
  try {
    const ctx = await authenticate(context, runtime);
    if (!ctx) return new Response(JSON.stringify({ error: 'Je bent niet (meer) ingelogd.' }), { status: 401, headers });
    const data = await exportOnRequest(runtime, ctx, context.params.id ?? '');
    return new Response(JSON.stringify(data, null, 2), {
      status: 200,
      headers: { ...headers, 'content-disposition': `attachment; filename="gegevens-${data.registrationId}.json"` },
    });
  } catch (error) {
    const http = toHttpError(error);
    if (http.status >= 500) runtime.log.error('Gegevens downloaden mislukte', { error: describeError(error) });
    return new Response(JSON.stringify({ error: http.message }), { status: http.status, headers });
  }
};
