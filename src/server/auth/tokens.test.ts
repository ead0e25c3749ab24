import { describe, expect, it } from 'vitest';
import {
  constantTimeEqual,
  generateIdSecretToken,
  generateSecureRandomString,
  hashSecret,
  parseIdSecretToken,
  secretMatchesHash,
} from './tokens';

describe('secure random strings', () => {
  it('are 24 characters from the 32-symbol alphabet and never repeat', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const s = generateSecureRandomString();
      expect(s).toMatch(/^[a-km-z2-9]{24}$/);
      expect(s).not.toMatch(/[01lo]/);
      seen.add(s);
    }
    expect(seen.size).toBe(2000);
  });

  it('use every symbol about equally often (no modulo bias)', () => {
    const counts = new Map<string, number>();
    const text = Array.from({ length: 4000 }, () => generateSecureRandomString()).join('');
    for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(32);
    const expected = text.length / 32;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.1);
  });
});

describe('constantTimeEqual', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it('compares the two arguments it is given', () => {
    expect(constantTimeEqual(bytes('abc'), bytes('abc'))).toBe(true);
    expect(constantTimeEqual(bytes('abc'), bytes('abd'))).toBe(false);
    expect(constantTimeEqual(bytes('xbc'), bytes('abc'))).toBe(false);
    expect(constantTimeEqual(bytes('abc'), bytes('abcd'))).toBe(false);
    expect(constantTimeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });
  it('finds a difference in any position', () => {
    const a = new Uint8Array(32).fill(7);
    for (let i = 0; i < 32; i++) {
      const b = new Uint8Array(a);
      b[i] = 8;
      expect(constantTimeEqual(a, b)).toBe(false);
    }
  });
});

describe('id.secret tokens', () => {
  it('store only a hash that matches the secret and nothing else', () => {
    const { id, secret, token, secretHash } = generateIdSecretToken();
    expect(token).toBe(`${id}.${secret}`);
    expect(secretHash).toBe(hashSecret(secret));
    expect(secretHash).not.toContain(secret);
    expect(secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(secretMatchesHash(secret, secretHash)).toBe(true);
    expect(secretMatchesHash(`${secret.slice(0, -1)}a`, secretHash)).toBe(secret.endsWith('a'));
    expect(secretMatchesHash(generateSecureRandomString(), secretHash)).toBe(false);
    expect(secretMatchesHash(secret, 'not-hex')).toBe(false);
  });
  it('parse only the exact shape', () => {
    const { id, secret, token } = generateIdSecretToken();
    expect(parseIdSecretToken(token)).toEqual({ id, secret });
    for (const bad of [
      undefined,
      '',
      id,
      `${id}.`,
      `.${secret}`,
      `${id}.${secret}.x`,
      `${id}.${secret}0`,
      `${id.toUpperCase()}.${secret}`,
    ]) {
      expect(parseIdSecretToken(bad)).toBeNull();
    }
  });
});
