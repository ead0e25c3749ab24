/**
 * The portal's HTTP edge: what happens to every request before Astro or the static file handler
 * sees it, and the headers every response carries (prerendered pages, images and scripts
 * included). Wired in by the server entry (src/server/runtime/server-entry.ts); see
 * docs/decisions/011-http-edge.md.
 */
import type { IncomingHttpHeaders } from 'node:http';

export type EdgeSettings = { publicUrl: string; trustProxy: boolean };

/** Headers a proxy in front of the portal may set; believed only with TRUST_PROXY. */
const PROXY_HEADERS = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'forwarded'];

const first = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim().toLowerCase() || undefined;

/**
 * Removes proxy headers nobody should believe, in place. Without TRUST_PROXY all of them go (a
 * client could send them itself). With TRUST_PROXY, X-Forwarded-Proto stays only as http or
 * https, X-Forwarded-Host only when it names the host of PUBLIC_URL, and X-Forwarded-For stays
 * for the client address (its last entry is the proxy's, see client-address.ts).
 */
export function sanitizeProxyHeaders(headers: IncomingHttpHeaders, settings: EdgeSettings): void {
  if (!settings.trustProxy) {
    for (const name of PROXY_HEADERS) delete headers[name];
    return;
  }
  const proto = first(headers['x-forwarded-proto']);
  if (proto === 'http' || proto === 'https') headers['x-forwarded-proto'] = proto;
  else delete headers['x-forwarded-proto'];
  const host = first(headers['x-forwarded-host']);
  if (host && host === new URL(settings.publicUrl).host) headers['x-forwarded-host'] = host;
  else delete headers['x-forwarded-host'];
  delete headers['x-forwarded-port'];
  delete headers.forwarded;
}

/** Whether the request says it came through a proxy (so from another machine). Check before sanitizing. */
export function cameThroughProxy(headers: IncomingHttpHeaders): boolean {
  return PROXY_HEADERS.some((name) => headers[name] !== undefined) || headers['x-real-ip'] !== undefined;
}

/**
 * Development tools (/dev/mailbox shows every invitation and reset mail) answer only requests
 * from this computer: outside production the server listens on loopback only (config.ts), and a
 * request that came through a proxy is refused here as if the page did not exist.
 */
export function isDevelopmentToolPath(url: string | undefined): boolean {
  const path = (url ?? '/').split('?')[0]!.toLowerCase();
  return path === '/dev' || path.startsWith('/dev/') || path.startsWith('/dev%2f');
}

/**
 * The page a request target names, as Astro lists prerendered pages: `/privacy.html`,
 * `/privacy/` and `/privacy?x` are `/privacy`, `/beekdaelen/aanmelden/index.html` is
 * `/beekdaelen/aanmelden`.
 */
export function pagePath(url: string | undefined): string {
  let path = (url ?? '/').split(/[?#]/)[0]!;
  try {
    path = decodeURI(path);
  } catch {
    return path;
  }
  path = path
    .replace(/\.html$/, '')
    .replace(/\/index$/, '')
    .replace(/\/+$/, '');
  return path || '/';
}

/** The origin the browser used, as far as this request tells (after sanitizeProxyHeaders). */
export function requestOrigin(headers: IncomingHttpHeaders, encrypted: boolean): string | undefined {
  const proto = first(headers['x-forwarded-proto']) ?? (encrypted ? 'https' : 'http');
  const host = first(headers['x-forwarded-host']) ?? first(headers.host);
  if (!host) return undefined;
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return undefined;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * Astro's own origin check (astro/dist/core/app/origin-check.js), applied at the edge so a
 * refused form gets our Dutch page instead of Astro's English text: a state-changing request
 * with a form body (or no body type) must come from the origin it was sent to.
 */
export function isCrossOriginForm(
  method: string | undefined,
  headers: IncomingHttpHeaders,
  origin: string | undefined,
) {
  if (SAFE_METHODS.has((method ?? 'GET').toUpperCase())) return false;
  const sameOrigin = origin !== undefined && headers.origin === origin;
  const contentType = headers['content-type'];
  if (contentType === undefined) return !sameOrigin;
  const formLike = FORM_TYPES.some((type) => contentType.toLowerCase().includes(type));
  return formLike && !sameOrigin;
}

/**
 * The policy for every response that does not bring its own (images, scripts, feeds, JSON):
 * nothing may load, nothing may frame it. Pages get Astro's policy with the hashes of their
 * inline styles and island scripts instead (astro.config.mjs, security.csp).
 */
export const DEFAULT_CONTENT_SECURITY_POLICY =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The headers every response carries; a page or endpoint may set a stricter one of its own. */
export function securityHeaders(publicUrl: string): Record<string, string> {
  return {
    'content-security-policy': DEFAULT_CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'cross-origin-opener-policy': 'same-origin',
    // Only when people reach the portal over https; a year, this host only (see SECURITY.md).
    ...(publicUrl.startsWith('https:') ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
}
