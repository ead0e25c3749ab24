import { describe, expect, it } from 'vitest';
import { qrCodePath } from './qr';

describe('QR code for the authenticator link', () => {
  it('is a square path with a quiet zone, bigger for longer text', () => {
    const short = qrCodePath('otpauth://totp/Buurtgezinnen:a%40b.nl?secret=ABC');
    const long = qrCodePath(
      `otpauth://totp/Buurtgezinnen:${'x'.repeat(80)}%40example.nl?issuer=Buurtgezinnen&secret=${'A'.repeat(32)}&period=30&digits=6`,
    );
    expect(short.d).toMatch(/^(M\d+ \d+h1v1h-1z)+$/);
    expect(long.size).toBeGreaterThan(short.size);
    // The three finder patterns: the top-left module of the code (after the 4-module margin) is dark.
    expect(short.d.startsWith('M4 4h1v1h-1z')).toBe(true);
  });
});
