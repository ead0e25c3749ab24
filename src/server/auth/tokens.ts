/**
 * Secrets for sessions, invitations, password resets and recovery codes, as in the Lucia guide
 * (lucia-auth.com/sessions/basic): random strings from crypto.getRandomValues, only a SHA-256
 * hash stored, compared in constant time.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { decodeHex, encodeHexLowerCase } from '@oslojs/encoding';

// Human-readable alphabet without 0/O/1/l/I; 32 symbols, so 5 bits of entropy per character.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** 24 characters = 120 bits of entropy (Lucia's `generateSecureRandomString`). */
export function generateSecureRandomString(length = 24): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let out = '';
  // 256 is a multiple of 32, so `byte >> 3` keeps every symbol equally likely.
  for (const byte of bytes) out += ALPHABET[byte >> 3];
  return out;
}

/** SHA-256 of a secret, hex-encoded for a text column. */
export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/**
 * Compares two byte arrays in time that depends only on their length, never on where they
 * differ. Both arguments are used: an old example compared a value with itself.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  let c = 0;
  for (let i = 0; i < a.byteLength; i++) c |= a[i]! ^ b[i]!;
  return c === 0;
}

/** Whether `secret` hashes to `storedHash` (hex), in constant time. */
export function secretMatchesHash(secret: string, storedHash: string): boolean {
  let stored: Uint8Array;
  try {
    stored = decodeHex(storedHash);
  } catch {
    return false;
  }
  return constantTimeEqual(sha256(new TextEncoder().encode(secret)), stored);
}

/** A token of the form `id.secret`: the id finds the row, the secret proves possession. */
export function generateIdSecretToken(): { id: string; secret: string; token: string; secretHash: string } {
  const id = generateSecureRandomString();
  const secret = generateSecureRandomString();
  return { id, secret, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

export function parseIdSecretToken(token: string | undefined | null): { id: string; secret: string } | null {
  if (!token) return null;
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [id, secret] = parts as [string, string];
  const valid = /^[a-z2-9]{24}$/;
  if (!valid.test(id) || !valid.test(secret)) return null;
  return { id, secret };
}

const DAY_MS = 86_400_000;
const LINK_TOKEN = /^[a-z2-9]{32}$/;

/**
 * A personal link for someone without an account (a survey, a referral to confirm): a 32-character
 * secret for the URL (160 bits), only its SHA-256 hash to store, and when it stops working.
 */
export function createLinkToken(now: Date, days: number): { token: string; tokenHash: string; expiresAt: Date } {
  const token = generateSecureRandomString(32);
  return { token, tokenHash: hashSecret(token), expiresAt: new Date(now.getTime() + days * DAY_MS) };
}

/** The hash to look a link token up by, or null when the text cannot be one (no query for junk). */
export function linkTokenHash(token: string): string | null {
  return LINK_TOKEN.test(token) ? hashSecret(token) : null;
}
