import { generateHOTP } from '@oslojs/otp';
import { describe, expect, it } from 'vitest';
import {
  decryptTotpKey,
  encryptTotpKey,
  generateRecoveryCodes,
  generateTotpKey,
  hashRecoveryCode,
  totpCodeAt,
  totpKeyUri,
  totpStep,
  verifyTotpCode,
} from './totp';

// RFC 6238 appendix B: key "12345678901234567890", SHA-1, at 59 s the 8-digit code is 94287082.
const RFC_KEY = new TextEncoder().encode('12345678901234567890');

describe('TOTP', () => {
  it('matches the RFC 6238 test vector (30 s steps)', () => {
    expect(totpStep(new Date(59_000))).toBe(1);
    expect(generateHOTP(RFC_KEY, 1n, 8)).toBe('94287082');
    expect(totpCodeAt(RFC_KEY, new Date(59_000))).toBe('287082');
  });

  it('accepts the current step and one step either side, nothing further', () => {
    const key = generateTotpKey();
    const now = new Date(Date.UTC(2026, 10, 23, 12, 0, 15));
    const code = (offsetSteps: number) => totpCodeAt(key, new Date(now.getTime() + offsetSteps * 30_000));
    expect(verifyTotpCode(key, code(0), now)).toBe(totpStep(now));
    expect(verifyTotpCode(key, code(-1), now)).toBe(totpStep(now) - 1);
    expect(verifyTotpCode(key, code(1), now)).toBe(totpStep(now) + 1);
    // Two steps away (60 s) is outside the window, unless the code happens to collide.
    for (const offset of [-2, 2, -10]) {
      if ([code(-1), code(0), code(1)].includes(code(offset))) continue;
      expect(verifyTotpCode(key, code(offset), now)).toBeNull();
    }
  });

  it('refuses a code for a step already used (no replay)', () => {
    const key = generateTotpKey();
    const now = new Date();
    const step = verifyTotpCode(key, totpCodeAt(key, now), now);
    expect(step).not.toBeNull();
    expect(verifyTotpCode(key, totpCodeAt(key, now), now, step)).toBeNull();
    const later = new Date(now.getTime() + 30_000);
    expect(verifyTotpCode(key, totpCodeAt(key, later), later, step)).toBe(step! + 1);
  });

  it('refuses anything that is not six digits', () => {
    const key = generateTotpKey();
    for (const bad of ['', '12345', '1234567', 'abcdef', '12 34 5'])
      expect(verifyTotpCode(key, bad, new Date())).toBeNull();
    const now = new Date();
    const code = totpCodeAt(key, now);
    expect(verifyTotpCode(key, `${code.slice(0, 3)} ${code.slice(3)}`, now)).not.toBeNull();
  });

  it('stores the key encrypted and authenticated with the app secret', () => {
    const key = generateTotpKey();
    const stored = encryptTotpKey(key, 's'.repeat(40));
    expect(stored).not.toContain(Buffer.from(key).toString('base64url'));
    expect(decryptTotpKey(stored, 's'.repeat(40))).toEqual(key);
    expect(() => decryptTotpKey(stored, 't'.repeat(40))).toThrow();
    expect(encryptTotpKey(key, 's'.repeat(40))).not.toBe(stored); // fresh IV each time
  });

  it('gives authenticator apps an otpauth URI', () => {
    const uri = totpKeyUri('demi@example.nl', generateTotpKey());
    expect(uri).toMatch(/^otpauth:\/\/totp\/Buurtgezinnen:demi%40example\.nl\?/);
    expect(uri).toContain('period=30');
    expect(uri).toContain('digits=6');
  });
});

describe('recovery codes', () => {
  it('are eight distinct codes whose hash ignores case and dashes', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(8);
    expect(new Set(codes).size).toBe(8);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(hashRecoveryCode(codes[0]!)).toBe(hashRecoveryCode(codes[0]!.toUpperCase().replace('-', ' ')));
    expect(hashRecoveryCode(codes[0]!)).not.toBe(hashRecoveryCode(codes[1]!));
  });
});
