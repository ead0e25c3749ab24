/**
 * The minimum fill time: every form carries a hidden, signed "opened at" timestamp
 * (`v1.<ms>.<hmac>`, HMAC-SHA256 with APP_SECRET over the form kind and the time). A submission
 * that comes back sooner than `minFillMs` is almost certainly a bot; one older than a day is
 * stale. No cookie, no session, no third party: the page stays cacheable per request and works
 * without JavaScript.
 *
 * Load tests and benchmarks that own the server's APP_SECRET can sign a token in the past with
 * `issueFormToken` (see scripts/bench/registrations.ts).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RegistrationKind } from '~/lib/registration.types';

export const FORM_TOKEN_FIELD = 'formToken';
/** The honeypot: hidden from people, tempting for bots. Must stay empty. */
export const HONEYPOT_FIELD = 'website';
export const FORM_TOKEN_MAX_AGE_MS = 24 * 3600_000;
// Clocks of several instances may differ a little.
const FUTURE_TOLERANCE_MS = 60_000;

function sign(secret: string, kind: RegistrationKind, issuedAtMs: number): string {
  return createHmac('sha256', secret).update(`registration-form|v1|${kind}|${issuedAtMs}`).digest('base64url');
}

export function issueFormToken({ secret, kind, now }: { secret: string; kind: RegistrationKind; now: Date }): string {
  const issuedAtMs = now.getTime();
  return `v1.${issuedAtMs}.${sign(secret, kind, issuedAtMs)}`;
}

export type FormTokenCheck = { ok: true } | { ok: false; reason: 'missing' | 'invalid' | 'too_fast' | 'expired' };

export function checkFormToken(
  token: unknown,
  { secret, kind, now, minFillMs }: { secret: string; kind: RegistrationKind; now: Date; minFillMs: number },
): FormTokenCheck {
  const value = Array.isArray(token) ? token[0] : token;
  if (typeof value !== 'string' || value === '') return { ok: false, reason: 'missing' };
  const match = /^v1\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return { ok: false, reason: 'invalid' };
  const issuedAtMs = Number(match[1]);
  const expected = Buffer.from(sign(secret, kind, issuedAtMs));
  const given = Buffer.from(match[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  const age = now.getTime() - issuedAtMs;
  if (age < -FUTURE_TOLERANCE_MS) return { ok: false, reason: 'invalid' };
  if (age < minFillMs) return { ok: false, reason: 'too_fast' };
  if (age > FORM_TOKEN_MAX_AGE_MS) return { ok: false, reason: 'expired' };
  return { ok: true };
}
