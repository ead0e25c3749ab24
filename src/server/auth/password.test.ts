import { describe, expect, it } from 'vitest';
import { hashPassword, PASSWORD_HASH_PARAMS, verifyPassword } from './password';

describe('password hashing', () => {
  it('uses argon2id with at least the OWASP minimum parameters', async () => {
    const hash = await hashPassword('een lang genoeg wachtwoord');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(PASSWORD_HASH_PARAMS.memoryCost).toBeGreaterThanOrEqual(19456);
  });

  it('verifies the right password only, and salts every hash', async () => {
    const a = await hashPassword('geheim-wachtwoord-1');
    const b = await hashPassword('geheim-wachtwoord-1');
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'geheim-wachtwoord-1')).toBe(true);
    expect(await verifyPassword(a, 'geheim-wachtwoord-2')).toBe(false);
    expect(await verifyPassword('geen-hash', 'x')).toBe(false);
  });
});
