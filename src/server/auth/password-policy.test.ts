import { describe, expect, it } from 'vitest';
import { checkPasswordStrength, MIN_PASSWORD_LENGTH } from './password-policy';

describe('password policy', () => {
  it('asks for at least 12 characters', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(checkPasswordStrength('kort-wacht')).toBe('too_short');
    expect(checkPasswordStrength('fiets boom gracht')).toBeNull();
  });
  it('refuses very common passwords, also with digits or symbols around them', () => {
    for (const p of [
      'wachtwoord1234',
      'Welkom123456!',
      'qwertyuiop123',
      'BUURTGEZINNEN2026',
      '123456789012',
      '!!!!password1234',
      'aaaaaaaaaaaaaaa',
      'abababababab',
    ]) {
      expect(checkPasswordStrength(p), p).toBe('too_common');
    }
  });
  it('refuses a password that contains the e-mail name', () => {
    expect(checkPasswordStrength('demi.jansen-2026!', { email: 'demi.jansen@example.nl' })).toBe('too_common');
    expect(checkPasswordStrength('zonnige ochtend in nuth', { email: 'demi.jansen@example.nl' })).toBeNull();
  });
});
