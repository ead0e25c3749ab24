/**
 * The edge of the report's downloads (CSV and XLSX): who asks, the period from the query, one
 * use case, the file. No astro:* imports; the endpoints pass their context.
 */
import { authenticate, type RequestContext } from '~/server/access/staff-request';
import { toHttpError } from '~/server/errors/errors';
import { describeError } from '~/server/logger';
import { getRuntime } from '~/server/runtime/runtime';
import { exportFileName, reportCsv } from './rapportage.csv';
import { getReport } from './rapportage.usecases';
import { reportXlsx } from './rapportage.xlsx';

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export async function reportDownload(
  context: RequestContext & { params: Record<string, string | undefined> },
  format: 'csv' | 'xlsx',
): Promise<Response> {
  const runtime = await getRuntime();
  try {
    const ctx = await authenticate(context, runtime);
    if (!ctx) {
      const back = context.url.pathname + context.url.search;
      return new Response(null, { status: 303, headers: { location: `/inloggen?terug=${encodeURIComponent(back)}` } });
    }
    const asked = Object.fromEntries(
      ['soort', 'jaar', 'deel', 'van', 'tot'].map((name) => [name, context.url.searchParams.get(name) ?? undefined]),
    );
    const report = await getReport(runtime, ctx, context.params.gemeente ?? '', asked);
    const body = format === 'csv' ? reportCsv(report) : await reportXlsx(report);
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': TYPES[format],
        'content-disposition': `attachment; filename="${exportFileName(report, format)}"`,
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    const http = toHttpError(error);
    if (http.status >= 500) runtime.log.error('Rapportage downloaden mislukte', { error: describeError(error) });
    return new Response(http.message, {
      status: http.status,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
}
