/**
 * Known devices (OWASP "device cookies"): after a full login (password and second factor) the
 * browser gets a token that names this device for this account. Login failures from a known
 * device count against that device only, so an attack from elsewhere (which makes unknown
 * devices wait) never keeps the owner out on her own laptop. The token grants nothing else:
 * it is not a session and cannot log anyone in. Stateless: an HMAC with a key derived from
 * APP_SECRET; it expires after KNOWN_DEVICE_LIFETIME_MS and is renewed at every login.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const KNOWN_DEVICE_COOKIE = 'bg_apparaat';
export const KNOWN_DEVICE_LIFETIME_MS = 180 * 24 * 60 * 60 * 1000;

function mac(appSecret: string, staffId: string, deviceId: string, issuedAt: number): Buffer {
  const key = createHash('sha256').update(`buurtgezinnen:known-device:${appSecret}`).digest();
  return createHmac('sha256', key).update(`${staffId}.${deviceId}.${issuedAt}`).digest();
}

/** A token for this device and account; pass the device id of a token being renewed. */
export function issueKnownDeviceToken(appSecret: string, staffId: string, now: Date, deviceId?: string): string {
  const id = deviceId ?? randomBytes(16).toString('base64url');
  const issuedAt = Math.floor(now.getTime() / 1000);
  return `v1.${id}.${issuedAt}.${mac(appSecret, staffId, id, issuedAt).toString('base64url')}`;
}

/** The device id when `token` is a valid, unexpired token for this account; otherwise null. */
export function knownDeviceId(
  appSecret: string,
  staffId: string,
  token: string | null | undefined,
  now: Date,
): string | null {
  const parts = token?.split('.') ?? [];
  if (parts.length !== 4 || parts[0] !== 'v1') return null;
  const [, deviceId, issued, given] = parts as [string, string, string, string];
  if (!/^[\w-]{22}$/.test(deviceId) || !/^\d{1,12}$/.test(issued)) return null;
  const issuedAt = Number(issued);
  const age = now.getTime() - issuedAt * 1000;
  if (age < -60_000 || age > KNOWN_DEVICE_LIFETIME_MS) return null;
  const expected = mac(appSecret, staffId, deviceId, issuedAt);
  const actual = Buffer.from(given, 'base64url');
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? deviceId : null;
}
