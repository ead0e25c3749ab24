/**
 * The edge between Astro and the staff domain: read the session cookie, validate it, resolve
 * the staff member's gemeenten and client address. Used at the top of every staff page and
 * endpoint; the domain functions they call check `requireStaff` again for the record at hand.
 * (Types from 'astro' only; no astro:* imports.)
 */
import type { AstroCookies } from 'astro';
import { KNOWN_DEVICE_COOKIE, KNOWN_DEVICE_LIFETIME_MS } from '~/server/auth/known-device';
import {
  INACTIVITY_TIMEOUT_MS,
  PENDING_LIFETIME_MS,
  SESSION_COOKIE,
  sessionCookieOptions,
  validateSessionToken,
} from '~/server/auth/sessions';
import { AppError } from '~/server/errors/errors';
import { getClientAddress } from '~/server/http/client-address';
import { stripControlCharacters } from '~/server/http/control-characters';
import { getRuntime, type Runtime } from '~/server/runtime/runtime';
import { requireStaff, resolveGemeenten, resolveStandIn, type StaffAction, type StaffContext } from './permissions';

export type RequestContext = { request: Request; cookies: AstroCookies; url: URL; clientAddress: string };

export function clientAddressOf(context: RequestContext, runtime: Runtime): string {
  return getClientAddress({ request: context.request, clientAddress: () => context.clientAddress }, runtime.config);
}

export function setSessionCookie(context: RequestContext, runtime: Runtime, token: string, pending = false) {
  context.cookies.set(
    SESSION_COOKIE,
    token,
    sessionCookieOptions(runtime.config.publicUrl, pending ? PENDING_LIFETIME_MS : INACTIVITY_TIMEOUT_MS),
  );
}

/** Marks this browser as a known device of the account (see known-device.ts); only the login pages read it. */
export function setKnownDeviceCookie(context: RequestContext, runtime: Runtime, token: string) {
  context.cookies.set(KNOWN_DEVICE_COOKIE, token, {
    path: '/inloggen',
    httpOnly: true,
    sameSite: 'strict',
    secure: runtime.config.publicUrl.startsWith('https:'),
    maxAge: Math.floor(KNOWN_DEVICE_LIFETIME_MS / 1000),
  });
}

export function clearSessionCookie(context: RequestContext, runtime: Runtime) {
  context.cookies.delete(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: runtime.config.publicUrl.startsWith('https:'),
  });
}

/** The signed-in staff member (two factors done), or null. Refreshes the cookie when the session slid. */
export async function authenticate(context: RequestContext, runtime: Runtime): Promise<StaffContext | null> {
  const token = context.cookies.get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const result = await validateSessionToken(runtime.db, token, runtime.clock());
  if (!result) {
    clearSessionCookie(context, runtime);
    return null;
  }
  if (result.session.twoFactorVerifiedAt === null) return null;
  if (result.refreshed) setSessionCookie(context, runtime, token);
  const gemeenten = await resolveGemeenten(runtime.db, result.staff);
  return {
    staff: result.staff,
    sessionId: result.session.id,
    clientAddress: clientAddressOf(context, runtime),
    gemeenten,
    standIn: await resolveStandIn(runtime.db, result.staff, gemeenten),
  };
}

function loginRedirect(context: RequestContext): Response {
  const back = context.url.pathname + context.url.search;
  return new Response(null, { status: 303, headers: { location: `/inloggen?terug=${encodeURIComponent(back)}` } });
}

export type Problem = { status: number; message: string };

/**
 * For the top of a staff page: the runtime and context, or a Response (redirect to /inloggen
 * for anonymous visitors). `problem` is set (403) when the role may not do `action`; the page
 * then sets the status and shows the message instead of its content.
 */
export async function staffRequest(
  context: RequestContext,
  check: { action: StaffAction },
): Promise<{ runtime: Runtime; ctx: StaffContext; problem: Problem | null } | Response> {
  const runtime = await getRuntime();
  const ctx = await authenticate(context, runtime);
  if (!ctx) return loginRedirect(context);
  try {
    requireStaff(ctx, check);
    return { runtime, ctx, problem: null };
  } catch (error) {
    return { runtime, ctx, problem: problemOf(error) };
  }
}

/** An expected domain error as a Problem; anything else is rethrown (a real 500). */
export function problemOf(error: unknown): Problem {
  if (error instanceof AppError) return { status: error.status, message: error.userMessage };
  throw error;
}

/** Thrown by a staff page for a form `action` it does not handle. */
export class UnknownActionError extends Error {
  constructor(action: string) {
    super(`unknown form action: ${action.slice(0, 40)}`);
  }
}

/**
 * How a failed form action on a staff page shows: a record that is gone or out of reach
 * replaces the whole page (404/401); any other expected error appears beside the form sent.
 */
export function actionFailure(
  error: unknown,
  action: string,
):
  | { problem: Problem }
  | { status: number; formError: { message: string; form: string; fields?: Record<string, string> } } {
  if (error instanceof UnknownActionError)
    return { status: 400, formError: { message: 'Dat verzoek kennen we niet.', form: '' } };
  const problem = problemOf(error);
  if (problem.status === 404 || problem.status === 401) return { problem };
  // A domain error may name the fields that are wrong (details.fields: field -> Dutch message).
  const fields = error instanceof AppError ? (error.details?.fields as Record<string, string> | undefined) : undefined;
  return {
    status: problem.status,
    formError: { message: problem.message, form: action, ...(fields ? { fields } : {}) },
  };
}

// Any control character, any kind of whitespace (browsers silently drop tabs and newlines from
// a Location, so "/<tab>/evil.example" becomes "//evil.example"), and backslashes.
const UNSAFE_IN_RETURN_PATH = /[\p{Cc}\p{Cf}\p{Z}\s\\]/u;
const RETURN_PATH_FALLBACK = '/inbox';

/**
 * A safe place to return to after login: only a path on this site. The value is resolved against
 * the site's own origin as a browser would and refused when it lands anywhere else; control
 * characters and whitespace are refused outright. Returns the normalised path.
 */
export function safeReturnPath(value: string | null | undefined, siteOrigin = 'http://localhost'): string {
  if (!value || value.length > 2000 || !value.startsWith('/') || UNSAFE_IN_RETURN_PATH.test(value))
    return RETURN_PATH_FALLBACK;
  const origin = new URL(siteOrigin).origin;
  let resolved: URL;
  try {
    resolved = new URL(value, origin);
  } catch {
    return RETURN_PATH_FALLBACK;
  }
  if (resolved.origin !== origin || resolved.pathname.startsWith('//')) return RETURN_PATH_FALLBACK;
  return resolved.pathname + resolved.search + resolved.hash;
}

/** What a staff or login form may weigh; a page that takes a file says its own limit (the import). */
export const FORM_MAX_BYTES = 256 * 1024;

/**
 * A staff form's fields (first value per name), control characters stripped (see
 * control-characters.ts); `__all` keeps every value, cleaned the same way, for repeated names.
 * A body over `maxBytes` (declared or streamed) is not read: the form is then empty.
 */
export async function readForm(
  request: Request,
  maxBytes = FORM_MAX_BYTES,
): Promise<Record<string, string> & { __all: FormData }> {
  const raw = await limitedFormData(request, maxBytes).catch(() => new FormData());
  const form = new FormData();
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of raw.entries()) {
    const name = stripControlCharacters(k);
    const value = typeof v === 'string' ? stripControlCharacters(v) : v;
    form.append(name, value);
    if (typeof value === 'string' && !(name in out)) out[name] = value;
  }
  return Object.assign(out, { __all: form });
}

async function limitedFormData(request: Request, maxBytes: number): Promise<FormData> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return new FormData();
  if (!request.body) return new FormData();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return new FormData();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new Response(body, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
}
