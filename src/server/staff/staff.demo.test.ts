import { describe, expect, it } from 'vitest';
import { describeDemoLogins, parseDemoLogins, prepareDemoStaff } from './staff.demo';

describe('demo logins file', () => {
  it('reads back every account that was written, so `npm run demo:code` and the tests find them', async () => {
    const prepared = await prepareDemoStaff(
      'x'.repeat(40),
      (account) => account.gemeenten.join(' en ') || account.role,
    );
    const logins = prepared.map((p) => p.login);
    const text = describeDemoLogins(logins);
    const parsed = parseDemoLogins(text);
    expect(Object.keys(parsed).sort()).toEqual(logins.map((l) => l.email).sort());
    for (const login of logins) {
      expect(parsed[login.email]).toEqual({
        role: login.role,
        name: login.displayName,
        email: login.email,
        password: login.password,
        totpSecret: login.totpSecret,
      });
    }
  });

  it('says where each account works, that a code works once and how to start over', async () => {
    const prepared = await prepareDemoStaff(
      'x'.repeat(40),
      (account) => account.gemeenten.join(' en ') || account.role,
    );
    const text = describeDemoLogins(prepared.map((p) => p.login));
    expect(text).toContain('Naam: Maud Hendriks\nRol: coordinator\nWerkt in: beekdaelen');
    expect(text).toContain('Naam: Rik Regio\nRol: regional\nWerkt in: regional');
    // A beleidsmedewerker (the gemeente role) to try the reports with small numbers hidden.
    expect(text).toContain('Naam: Lieke Janssen\nRol: gemeente\nWerkt in: beekdaelen');
    expect(text).toContain('Een code werkt één keer');
    expect(text).toContain('npm run demo:reset');
  });
});
