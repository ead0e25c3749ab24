/**
 * TOTP two-factor authentication (RFC 6238: 30-second steps, 6 digits, SHA-1 as authenticator
 * apps expect) and one-time recovery codes.
 * The key is stored encrypted (AES-256-GCM, key derived from APP_SECRET) and shown only once,
 * at enrolment. A code is accepted for the current step and one step either side (clock drift),
 * and each step only once per account (no replay).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { constantTimeEqual, generateSecureRandomString, hashSecret } from './tokens';

export const TOTP_PERIOD_SECONDS = 30;
const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one. */
const TOTP_WINDOW_STEPS = 1;
const TOTP_ISSUER = 'Buurtgezinnen';

export function generateTotpKey(): Uint8Array {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return key;
}

export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code an authenticator shows at `now` (used by tests and the demo). */
export function totpCodeAt(key: Uint8Array, now: Date): string {
  return generateHOTP(key, BigInt(totpStep(now)), TOTP_DIGITS);
}

/**
 * The time step the code belongs to, or null. Steps at or before `lastUsedStep` are refused so
 * a code that was seen (shoulder, proxy log) cannot be used again.
 */
export function verifyTotpCode(
  key: Uint8Array,
  code: string,
  now: Date,
  lastUsedStep: number | null = null,
): number | null {
  const normalised = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(normalised)) return null;
  const current = totpStep(now);
  const given = new TextEncoder().encode(normalised);
  let matched: number | null = null;
  // Check every step in the window (no early exit), so timing does not tell which one matched.
  for (let step = current - TOTP_WINDOW_STEPS; step <= current + TOTP_WINDOW_STEPS; step++) {
    const expected = new TextEncoder().encode(generateHOTP(key, BigInt(step), TOTP_DIGITS));
    if (constantTimeEqual(expected, given) && matched === null) matched = step;
  }
  if (matched === null) return null;
  if (lastUsedStep !== null && matched <= lastUsedStep) return null;
  return matched;
}

export function totpKeyUri(accountName: string, key: Uint8Array): string {
  return createTOTPKeyURI(TOTP_ISSUER, accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/** The key as people type it into an authenticator app (base32, in groups of four). */
export function totpKeyForDisplay(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key)
    .replace(/(.{4})/g, '$1 ')
    .trim();
}

function encryptionKey(appSecret: string): Buffer {
  return createHash('sha256').update(`buurtgezinnen:totp-key:${appSecret}`).digest();
}

export function encryptTotpKey(key: Uint8Array, appSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey(appSecret), iv);
  const ciphertext = Buffer.concat([cipher.update(key), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url')}`;
}

export function decryptTotpKey(stored: string, appSecret: string): Uint8Array {
  const [version, payload] = stored.split('.');
  if (version !== 'v1' || !payload) throw new Error('unknown TOTP key format');
  const raw = Buffer.from(payload, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', encryptionKey(appSecret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return new Uint8Array(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]));
}

const RECOVERY_CODE_COUNT = 8;

/** Ten characters from the 32-symbol alphabet (50 bits), shown as `xxxxx-xxxxx`. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const raw = generateSecureRandomString(10);
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function hashRecoveryCode(code: string): string {
  return hashSecret(normaliseRecoveryCode(code));
}
