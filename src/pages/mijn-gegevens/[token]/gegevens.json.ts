/**
 * The download of /mijn-gegevens/<token>: `privacy_export` of each sign-up behind the link, as
 * JSON (AVG art. 15 and 20; privacy.requests.ts exportMyData, audited per sign-up).
 */
import type { APIRoute } from 'astro';
import { clientAddressOf } from '~/server/access/staff-request';
import { toHttpError } from '~/server/errors/errors';
import { describeError } from '~/server/logger';
import { exportMyData } from '~/server/privacy/privacy.requests';
import { getRuntime } from '~/server/runtime/runtime';

export const prerender = false;

const headers = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
};

export const GET: APIRoute = async (context) => {
  const runtime = await getRuntime();
  try {
    const data = await exportMyData(runtime, context.params.token ?? '', {
      clientAddress: clientAddressOf(context, runtime),
    });
    return new Response(JSON.stringify(data, null, 2), {
      status: 200,
      headers: { ...headers, 'content-disposition': 'attachment; filename="mijn-gegevens-buurtgezinnen.json"' },
    });
  } catch (error) {
    const http = toHttpError(error);
    if (http.status >= 500) runtime.log.error('Mijn gegevens downloaden mislukte', { error: describeError(error) });
    return new Response(JSON.stringify({ error: http.message }), { status: http.status, headers });
  }
};
