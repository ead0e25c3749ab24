/**
 * Who may read the health details and the metrics: a monitoring system with HEALTH_TOKEN
 * (`Authorization: Bearer <token>`), or a signed-in staff member in a browser. Everyone else
 * gets the public answer only (issue 13, item 8).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AstroCookies } from 'astro';
import { authenticate } from '~/server/access/staff-request';
import type { AppConfig } from '~/server/config/config';
import type { Runtime } from '~/server/runtime/runtime';

const digest = (value: string) => createHash('sha256').update(value).digest();

function hasMonitoringToken(request: Request, config: Pick<AppConfig, 'healthToken'>): boolean {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!config.healthToken || !match) return false;
  // Equal-length digests: the comparison takes the same time whatever the token sent.
  return timingSafeEqual(digest(match[1]!), digest(config.healthToken));
}

export async function mayReadMonitoring(
  context: { request: Request; cookies: AstroCookies; url: URL; clientAddress: string },
  config: Pick<AppConfig, 'healthToken'>,
  runtime: Runtime | undefined,
): Promise<boolean> {
  if (hasMonitoringToken(context.request, config)) return true;
  if (!runtime) return false;
  try {
    return (await authenticate(context, runtime)) !== null;
  } catch {
    return false; // database down: only the token opens the details then
  }
}
