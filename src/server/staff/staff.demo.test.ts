import { describe, expect, it } from 'vitest';
import { describeDemoLogins, parseDemoLogins, prepareDemoStaff } from './staff.demo';

describe('demo logins file', () => {
  it('reads back every account that was written, so `npm run demo:code` and the tests find them', async () => {
    const prepared = await prepareDemoStaff('x'.repeat(40));
    const logins = prepared.map((p) => p.login);
    const parsed = parseDemoLogins(describeDemoLogins(logins));
    expect(Object.keys(parsed).sort()).toEqual(logins.map((l) => l.role).sort());
    for (const login of logins) {
      expect(parsed[login.role]).toEqual({
        role: login.role,
        email: login.email,
        password: login.password,
        totpSecret: login.totpSecret,
      });
    }
  });
});
