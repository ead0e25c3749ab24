import { describe, expect, it } from 'vitest';
import { checkFormToken, FORM_TOKEN_MAX_AGE_MS, issueFormToken } from './form-token';

const secret = 's'.repeat(40);
const t0 = new Date('2026-11-23T10:00:00Z');
const after = (ms: number) => new Date(t0.getTime() + ms);
const check = (token: unknown, now: Date, kind: 'vraaggezin' | 'steungezin' = 'vraaggezin') =>
  checkFormToken(token, { secret, kind, now, minFillMs: 3000 });

describe('form token (minimum fill time)', () => {
  const token = issueFormToken({ secret, kind: 'vraaggezin', now: t0 });

  it('accepts a form sent after the minimum fill time, to the millisecond', () => {
    expect(check(token, after(2999))).toEqual({ ok: false, reason: 'too_fast' });
    expect(check(token, after(3000))).toEqual({ ok: true });
  });

  it('expires after a day', () => {
    expect(check(token, after(FORM_TOKEN_MAX_AGE_MS))).toEqual({ ok: true });
    expect(check(token, after(FORM_TOKEN_MAX_AGE_MS + 1))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a forged time, another form kind, another secret, garbage and nothing', () => {
    const [, , sig] = token.split('.');
    expect(check(`v1.${t0.getTime() - 60_000}.${sig}`, after(3000))).toEqual({ ok: false, reason: 'invalid' });
    expect(check(token, after(3000), 'steungezin')).toEqual({ ok: false, reason: 'invalid' });
    expect(
      checkFormToken(token, { secret: 'x'.repeat(40), kind: 'vraaggezin', now: after(5000), minFillMs: 0 }),
    ).toEqual({ ok: false, reason: 'invalid' });
    expect(check('v1.abc.def', after(3000))).toEqual({ ok: false, reason: 'invalid' });
    expect(check({ token }, after(3000))).toEqual({ ok: false, reason: 'missing' });
    expect(check(undefined, after(3000))).toEqual({ ok: false, reason: 'missing' });
  });

  it('refuses a token from the future (beyond clock drift)', () => {
    const future = issueFormToken({ secret, kind: 'vraaggezin', now: after(120_000) });
    expect(check(future, after(3000))).toEqual({ ok: false, reason: 'invalid' });
  });
});
