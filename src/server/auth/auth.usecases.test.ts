import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffContext } from '~/server/access/permissions';
import { createAuditRepository } from '~/server/audit/audit.repository';
import type { Database } from '~/server/db/db';
import { isAppError } from '~/server/errors/errors';
import { createOutboxRepository } from '~/server/outbox/outbox.repository';
import { createStaffRepository } from '~/server/staff/staff.repository';
import { createTestDatabase } from '~tests/support/database';
import { authTokens, staffSessions } from './auth.table';
import {
  type AuthDeps,
  changePassword,
  choosePasswordForInvitation,
  completeInvitation,
  completeLoginWithCode,
  endOtherSessions,
  getInvitation,
  inviteStaff,
  loginWithPassword,
  logout,
  renewRecoveryCodes,
  requestPasswordReset,
  resetPassword,
} from './auth.usecases';
import {
  ABSOLUTE_LIFETIME_MS,
  ACTIVITY_CHECK_INTERVAL_MS,
  INACTIVITY_TIMEOUT_MS,
  invalidateOtherSessions,
  listSessions,
  PENDING_LIFETIME_MS,
  validateSessionToken,
} from './sessions';
import { hashSecret } from './tokens';
import { decryptTotpKey, totpCodeAt } from './totp';

let db: Database;
let now = new Date('2026-11-23T10:00:00Z');
const config = { appSecret: 'a'.repeat(40), publicUrl: 'https://portaal.example' };
const deps = (): AuthDeps => ({ db, clock: () => now, config });
const req = { clientAddress: '198.51.100.7', userAgent: 'vitest' };
const advance = (ms: number) => (now = new Date(now.getTime() + ms));

async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isAppError(error, code), `expected ${code}, got ${String(error)}`).toBe(true);
}

/** The link in the last queued mail to `to` (the outbox holds the only copy of a token). */
async function lastMailLink(to: string, template: string): Promise<string> {
  const rows = (await createOutboxRepository({ db }).listByTopic('email')).reverse();
  const mail = rows
    .map((r) => r.payload as { to: string; template: string; data: Record<string, string> })
    .find((p) => p.to === to && p.template === template);
  const path = mail!.data.resetPath ?? mail!.data.invitePath!;
  return path.includes('code=') ? path.split('code=')[1]! : path.split('/').at(-1)!;
}

async function totpKeyOf(staffId: string) {
  const row = await createStaffRepository({ db }).findById(staffId);
  return decryptTotpKey(row!.totpKeyEncrypted!, config.appSecret);
}

/** What a staff page passes to a use case for the person of this session token. */
async function ctxOf(sessionToken: string): Promise<StaffContext> {
  const current = (await validateSessionToken(db, sessionToken, now))!;
  return { staff: current.staff, sessionId: current.session.id, clientAddress: req.clientAddress, gemeenten: 'all' };
}

const auditActions = async (staffId: string) =>
  (await createAuditRepository({ db }).list({ staffId, limit: 100 })).map((entry) => entry.action);

/** Invites and enrols a coordinator; returns what the tests need. */
async function enrolled(email: string, password = 'lange zin met fietsen') {
  const { staffId, invitationToken } = await inviteStaff(deps(), {
    email,
    displayName: 'Test Persoon',
    role: 'coordinator',
    gemeenten: ['beekdaelen'],
    regions: [],
  });
  await choosePasswordForInvitation(deps(), { token: invitationToken, password, repeat: password, ...req });
  const key = await totpKeyOf(staffId);
  const done = await completeInvitation(deps(), { token: invitationToken, code: totpCodeAt(key, now), ...req });
  advance(31_000); // the next login needs a code of a later step (no replay)
  return { key, password, invitationToken, ...done, staffId };
}

beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

describe('invitation', () => {
  it('lets an invited person choose a password, enrol TOTP and get recovery codes once', async () => {
    const { staffId, invitationToken } = await inviteStaff(deps(), {
      email: ' Nieuw@Example.NL ',
      displayName: 'Nina Nieuw',
      role: 'coordinator',
      gemeenten: ['beekdaelen'],
      regions: [],
    });
    expect(await lastMailLink('nieuw@example.nl', 'staff-invitation')).toBe(invitationToken);
    const [tokenRow] = await db.select().from(authTokens).where(eq(authTokens.staffId, staffId));
    expect(tokenRow!.secretHash).toBe(hashSecret(invitationToken.split('.')[1]!));
    expect(JSON.stringify(tokenRow)).not.toContain(invitationToken.split('.')[1]);

    expect((await getInvitation(deps(), invitationToken)).enrolment).toBeNull();
    await expectCode(
      choosePasswordForInvitation(deps(), {
        token: invitationToken,
        password: 'wachtwoord1234',
        repeat: 'wachtwoord1234',
        ...req,
      }),
      'auth.weak_password',
    );
    await expectCode(
      choosePasswordForInvitation(deps(), {
        token: invitationToken,
        password: 'lange zin met bomen',
        repeat: 'lange zin met boten',
        ...req,
      }),
      'auth.password_mismatch',
    );
    const enrolment = await choosePasswordForInvitation(deps(), {
      token: invitationToken,
      password: 'lange zin met bomen',
      repeat: 'lange zin met bomen',
      ...req,
    });
    expect(enrolment.keyUri).toContain('otpauth://totp/');
    expect(enrolment.email).toBe('nieuw@example.nl');

    const key = await totpKeyOf(staffId);
    await expectCode(
      completeInvitation(deps(), { token: invitationToken, code: '000000', ...req }),
      'auth.invalid_code',
    );
    const done = await completeInvitation(deps(), { token: invitationToken, code: totpCodeAt(key, now), ...req });
    expect(done.recoveryCodes).toHaveLength(8);
    expect(await validateSessionToken(db, done.sessionToken, now)).not.toBeNull();
    // The link is single-use.
    await expectCode(getInvitation(deps(), invitationToken), 'auth.link_invalid');
    await expectCode(
      completeInvitation(deps(), { token: invitationToken, code: totpCodeAt(key, now), ...req }),
      'auth.link_invalid',
    );
  });

  it('refuses expired and forged links, and a second account with the same e-mail', async () => {
    const { invitationToken } = await inviteStaff(deps(), {
      email: 'later@example.nl',
      displayName: 'Lea Later',
      role: 'coordinator',
      gemeenten: ['heerenveen'],
      regions: [],
    });
    const [id, secret] = invitationToken.split('.') as [string, string];
    await expectCode(
      getInvitation(deps(), `${id}.${secret.replace(/.$/, secret.endsWith('a') ? 'b' : 'a')}`),
      'auth.link_invalid',
    );
    await expectCode(getInvitation(deps(), 'onzin'), 'auth.link_invalid');
    await expectCode(
      inviteStaff(deps(), {
        email: 'LATER@example.nl',
        displayName: 'X',
        role: 'coordinator',
        gemeenten: ['heerenveen'],
        regions: [],
      }),
      'staff.email_taken',
    );
    advance(7 * 24 * 60 * 60 * 1000 + 1);
    await expectCode(getInvitation(deps(), invitationToken), 'auth.link_invalid');
  });
});

describe('login', () => {
  it('needs the password and then a TOTP code, and replaces the pending session', async () => {
    const a = await enrolled('login@example.nl');
    const { pendingToken } = await loginWithPassword(deps(), {
      email: 'LOGIN@example.nl',
      password: a.password,
      ...req,
    });
    const pending = await validateSessionToken(db, pendingToken, now);
    expect(pending!.session.twoFactorVerifiedAt).toBeNull();
    await expectCode(completeLoginWithCode(deps(), { pendingToken, code: '123456', ...req }), 'auth.invalid_code');
    const { sessionToken } = await completeLoginWithCode(deps(), {
      pendingToken,
      code: totpCodeAt(a.key, now),
      ...req,
    });
    expect(await validateSessionToken(db, pendingToken, now)).toBeNull();
    const full = await validateSessionToken(db, sessionToken, now);
    expect(full!.session.twoFactorVerifiedAt).not.toBeNull();
    expect(full!.staff.email).toBe('login@example.nl');
  });

  it('gives the same answer for an unknown account and a wrong password, taking comparable time', async () => {
    await enrolled('same@example.nl');
    const timed = async (email: string) => {
      const start = performance.now();
      const error = await loginWithPassword(deps(), {
        email,
        password: 'niet het goede wachtwoord',
        ...req,
        clientAddress: `203.0.113.${Math.floor(Math.random() * 250)}`,
      }).catch((e: unknown) => e);
      return { error, ms: performance.now() - start };
    };
    await timed('same@example.nl'); // warm-up: first argon2 call, dummy hash, connections
    await timed('niemand@example.nl');
    // Interleaved, so machine load (CI shares two cores) hits both kinds alike.
    const known: Awaited<ReturnType<typeof timed>>[] = [];
    const unknown: Awaited<ReturnType<typeof timed>>[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await timed('same@example.nl'));
      unknown.push(await timed(`niemand${i}@example.nl`));
    }
    for (const r of [...known, ...unknown]) expect(isAppError(r.error, 'auth.invalid_credentials')).toBe(true);
    expect((known[0]!.error as Error).message).toBe((unknown[0]!.error as Error).message);
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    // Both run one argon2id verification: the unknown account is not answered much faster.
    expect(median(unknown.map((r) => r.ms))).toBeGreaterThan(median(known.map((r) => r.ms)) * 0.4);
  });

  it('accepts a recovery code once instead of a TOTP code', async () => {
    const a = await enrolled('herstel@example.nl');
    const first = await loginWithPassword(deps(), { email: 'herstel@example.nl', password: a.password, ...req });
    await completeLoginWithCode(deps(), {
      pendingToken: first.pendingToken,
      code: a.recoveryCodes[0]!.toUpperCase(),
      ...req,
    });
    const second = await loginWithPassword(deps(), { email: 'herstel@example.nl', password: a.password, ...req });
    await expectCode(
      completeLoginWithCode(deps(), { pendingToken: second.pendingToken, code: a.recoveryCodes[0]!, ...req }),
      'auth.invalid_code',
    );
    await completeLoginWithCode(deps(), { pendingToken: second.pendingToken, code: a.recoveryCodes[1]!, ...req });
  });

  it('refuses a TOTP code that was already used', async () => {
    const a = await enrolled('replay@example.nl');
    const code = totpCodeAt(a.key, now);
    const one = await loginWithPassword(deps(), { email: 'replay@example.nl', password: a.password, ...req });
    await completeLoginWithCode(deps(), { pendingToken: one.pendingToken, code, ...req });
    const two = await loginWithPassword(deps(), { email: 'replay@example.nl', password: a.password, ...req });
    await expectCode(
      completeLoginWithCode(deps(), { pendingToken: two.pendingToken, code, ...req }),
      'auth.invalid_code',
    );
  });

  it('counts failures only: logging in often is never limited', async () => {
    const a = await enrolled('vaak@example.nl');
    for (let i = 0; i < 15; i++) {
      const { pendingToken } = await loginWithPassword(deps(), {
        email: 'vaak@example.nl',
        password: a.password,
        ...req,
      });
      expect(pendingToken).toBeTruthy();
    }
  });

  it('backs off per account and address instead of locking the account', async () => {
    const a = await enrolled('geraden@example.nl');
    const from = (clientAddress: string, password = 'poging fout fout') =>
      loginWithPassword(deps(), { email: 'geraden@example.nl', password, clientAddress });
    for (let i = 0; i < 5; i++) await expectCode(from('192.0.2.1'), 'auth.invalid_credentials');
    // The sixth try from that address has to wait a little, even with the right password...
    const waited = await from('192.0.2.1', a.password).catch((e: unknown) => e);
    expect(isAppError(waited, 'auth.rate_limited')).toBe(true);
    expect((waited as Error).message).toMatch(/Wacht \d+ seconden/);
    // ... but someone else (another address) is not kept out.
    await from('198.51.100.20', a.password);
    // The wait grows with every failure (2 s, 4 s, 8 s ...), and is over after that time.
    advance(2_000);
    await expectCode(from('192.0.2.1'), 'auth.invalid_credentials');
    advance(2_000);
    await expectCode(from('192.0.2.1'), 'auth.rate_limited');
    advance(2_000);
    await expectCode(from('192.0.2.1'), 'auth.invalid_credentials');
    // A good login clears the count for that address.
    advance(8_000);
    await from('192.0.2.1', a.password);
    for (let i = 0; i < 5; i++) await expectCode(from('192.0.2.1'), 'auth.invalid_credentials');
  });

  it('keeps the owner in on her known device while many addresses guess her password', async () => {
    const a = await enrolled('aanval@example.nl');
    // Her own laptop: a full login gives it a known-device token.
    const first = await loginWithPassword(deps(), { email: 'aanval@example.nl', password: a.password, ...req });
    const done = await completeLoginWithCode(deps(), {
      pendingToken: first.pendingToken,
      code: totpCodeAt(a.key, now),
      ...req,
    });
    expect(done.deviceToken).toMatch(/^v1\./);
    advance(31_000);
    // An attack: 60 wrong passwords from 60 addresses.
    for (let i = 0; i < 60; i++) {
      const error = await loginWithPassword(deps(), {
        email: 'aanval@example.nl',
        password: `raden ${i}`,
        clientAddress: `203.0.113.${i}`,
      }).catch((e: unknown) => e);
      expect(isAppError(error, 'auth.invalid_credentials') || isAppError(error, 'auth.rate_limited')).toBe(true);
    }
    // An unknown device now has to wait, even with the right password ...
    await expectCode(
      loginWithPassword(deps(), { email: 'aanval@example.nl', password: a.password, clientAddress: '198.51.100.77' }),
      'auth.rate_limited',
    );
    // ... her known device gets in with password and code, from wherever she is.
    const mine = await loginWithPassword(deps(), {
      email: 'aanval@example.nl',
      password: a.password,
      clientAddress: '198.51.100.78',
      deviceToken: done.deviceToken,
    });
    await completeLoginWithCode(deps(), {
      pendingToken: mine.pendingToken,
      code: totpCodeAt(a.key, now),
      clientAddress: '198.51.100.78',
      deviceToken: done.deviceToken,
    });
    // A device token is for one account only.
    const other = await enrolled('ander@example.nl');
    for (let i = 0; i < 60; i++)
      await loginWithPassword(deps(), {
        email: 'ander@example.nl',
        password: `raden ${i}`,
        clientAddress: `203.0.114.${i}`,
      }).catch(() => undefined);
    await expectCode(
      loginWithPassword(deps(), {
        email: 'ander@example.nl',
        password: other.password,
        clientAddress: '198.51.100.79',
        deviceToken: done.deviceToken,
      }),
      'auth.rate_limited',
    );
  });

  it('rate-limits second-factor guesses per account', async () => {
    const a = await enrolled('codes@example.nl');
    const { pendingToken } = await loginWithPassword(deps(), {
      email: 'codes@example.nl',
      password: a.password,
      ...req,
    });
    for (let i = 0; i < 6; i++)
      await expectCode(
        completeLoginWithCode(deps(), { pendingToken, code: '000000', clientAddress: `192.0.2.${50 + i}` }),
        'auth.invalid_code',
      );
    await expectCode(
      completeLoginWithCode(deps(), { pendingToken, code: totpCodeAt(a.key, now), clientAddress: '192.0.2.70' }),
      'auth.rate_limited',
    );
  });
});

describe('sessions', () => {
  it('slide with activity, end after inactivity, and end after the absolute lifetime', async () => {
    const a = await enrolled('sessie@example.nl');
    const token = a.sessionToken;
    const start = now;
    const row = async () =>
      (
        await db
          .select()
          .from(staffSessions)
          .where(eq(staffSessions.id, token.split('.')[0]!))
      )[0];

    advance(ACTIVITY_CHECK_INTERVAL_MS - 32_000);
    expect((await validateSessionToken(db, token, now))!.refreshed).toBe(false);
    advance(1000 + 1000);
    expect((await validateSessionToken(db, token, now))!.refreshed).toBe(true);
    expect((await row())!.lastVerifiedAt.getTime()).toBe(now.getTime());

    // Active every 3 hours: still signed in after 6 days.
    while (now.getTime() - start.getTime() < 6 * 24 * 60 * 60 * 1000) {
      advance(INACTIVITY_TIMEOUT_MS - 60_000);
      expect(await validateSessionToken(db, token, now)).not.toBeNull();
    }
    // ... but never past the absolute lifetime.
    now = new Date(start.getTime() + ABSOLUTE_LIFETIME_MS);
    expect(await validateSessionToken(db, token, now)).toBeNull();
    expect(await row()).toBeUndefined();

    const b = await enrolled('stil@example.nl');
    advance(INACTIVITY_TIMEOUT_MS);
    expect(await validateSessionToken(db, b.sessionToken, now)).toBeNull();
  });

  it('keep a pending (password-only) session for ten minutes only', async () => {
    const a = await enrolled('wacht@example.nl');
    const { pendingToken } = await loginWithPassword(deps(), {
      email: 'wacht@example.nl',
      password: a.password,
      ...req,
    });
    advance(PENDING_LIFETIME_MS);
    await expectCode(
      completeLoginWithCode(deps(), { pendingToken, code: totpCodeAt(a.key, now), ...req }),
      'auth.login_expired',
    );
  });

  it('refuse a token with the right id and a wrong secret', async () => {
    const a = await enrolled('vals@example.nl');
    const [id] = a.sessionToken.split('.');
    expect(await validateSessionToken(db, `${id}.${'a'.repeat(24)}`, now)).toBeNull();
    expect(await validateSessionToken(db, a.sessionToken, now)).not.toBeNull();
  });

  it('lists my sessions and ends the others', async () => {
    const a = await enrolled('veel@example.nl');
    const second = await loginWithPassword(deps(), { email: 'veel@example.nl', password: a.password, ...req });
    const { sessionToken } = await completeLoginWithCode(deps(), {
      pendingToken: second.pendingToken,
      code: totpCodeAt(a.key, now),
      ...req,
    });
    expect(await listSessions(db, a.staffId, now)).toHaveLength(2);
    const current = (await validateSessionToken(db, sessionToken, now))!;
    expect(await invalidateOtherSessions(db, a.staffId, current.session.id)).toBe(1);
    expect(await validateSessionToken(db, a.sessionToken, now)).toBeNull();
    expect(await validateSessionToken(db, sessionToken, now)).not.toBeNull();
  });
});

describe('password reset', () => {
  it('sets a new password with a single-use link and ends every session', async () => {
    const a = await enrolled('vergeten@example.nl');
    await requestPasswordReset(deps(), { email: 'vergeten@example.nl', ...req });
    const [row] = await db
      .select()
      .from(authTokens)
      .where(and(eq(authTokens.staffId, a.staffId), eq(authTokens.purpose, 'password_reset')));
    expect(row!.purpose).toBe('password_reset');
    // The token itself only exists in the queued e-mail.
    const t = { token: await lastMailLink('vergeten@example.nl', 'password-reset') };
    await resetPassword(deps(), {
      token: t.token,
      password: 'een heel nieuw wachtwoord',
      repeat: 'een heel nieuw wachtwoord',
      ...req,
    });
    expect(await validateSessionToken(db, a.sessionToken, now)).toBeNull();
    await expectCode(
      resetPassword(deps(), {
        token: t.token,
        password: 'nog een ander wachtwoord',
        repeat: 'nog een ander wachtwoord',
        ...req,
      }),
      'auth.link_invalid',
    );
    await expectCode(
      loginWithPassword(deps(), { email: 'vergeten@example.nl', password: a.password, ...req }),
      'auth.invalid_credentials',
    );
    await loginWithPassword(deps(), { email: 'vergeten@example.nl', password: 'een heel nieuw wachtwoord', ...req });
  });

  it('answers the same for an unknown address and creates nothing', async () => {
    await requestPasswordReset(deps(), { email: 'onbekend@example.nl', ...req });
    const rows = await db.select().from(authTokens).where(eq(authTokens.purpose, 'password_reset'));
    expect(rows.every((r) => r.staffId)).toBe(true);
  });
});

describe('audit log', () => {
  it('logs enrolment, both kinds of login, new recovery codes, ending other sessions and logout with the use case', async () => {
    const account = await enrolled('logboek@example.nl');
    const first = await loginWithPassword(deps(), { email: 'logboek@example.nl', password: account.password, ...req });
    await completeLoginWithCode(deps(), {
      pendingToken: first.pendingToken,
      code: totpCodeAt(account.key, now),
      ...req,
    });
    const second = await loginWithPassword(deps(), { email: 'logboek@example.nl', password: account.password, ...req });
    const { sessionToken } = await completeLoginWithCode(deps(), {
      pendingToken: second.pendingToken,
      code: account.recoveryCodes[0]!,
      ...req,
    });
    const ctx = await ctxOf(sessionToken);
    advance(31_000); // the re-authentication code is of a later step than the login's
    expect(await renewRecoveryCodes(deps(), ctx, { proof: totpCodeAt(account.key, now) })).toHaveLength(8);
    expect(await endOtherSessions(deps(), ctx, { proof: account.password })).toBe(2);
    await expectCode(changePassword(deps(), ctx, { proof: 'fout', password: 'x', repeat: 'x' }), 'auth.reauth_failed');
    const fresh = 'een nieuwe zin over de rivier en de brug';
    await changePassword(deps(), ctx, { proof: account.password, password: fresh, repeat: fresh });
    await logout(deps(), { sessionToken, ...req });
    expect(await validateSessionToken(db, sessionToken, now)).toBeNull();
    // Logging out with a token that no longer works changes nothing and logs nothing.
    await logout(deps(), { sessionToken, ...req });

    const entries = await createAuditRepository({ db }).list({ staffId: account.staffId, limit: 50 });
    // (The test clock stands still, so the entries share their time: compare them as a set.)
    expect(entries.map((entry) => entry.action).sort()).toEqual([
      'auth.end_other_sessions',
      'auth.enrolled',
      'auth.login',
      'auth.login_recovery_code',
      'auth.logout',
      'auth.password_changed',
      'auth.reauth_failed',
      'auth.recovery_codes_renewed',
    ]);
    expect(entries.every((entry) => entry.clientAddress === req.clientAddress)).toBe(true);
    expect(entries.find((entry) => entry.action === 'auth.end_other_sessions')?.detail).toEqual({ ended: 2 });
    expect(entries.find((entry) => entry.action === 'auth.password_changed')?.detail).toEqual({ endedSessions: 0 });
  });

  it('writes a change and its audit entry together: a refused new password leaves neither', async () => {
    const account = await enrolled('samen@example.nl');
    const ctx = await ctxOf(account.sessionToken);
    await expectCode(
      changePassword(deps(), ctx, { proof: account.password, password: 'wachtwoord123', repeat: 'wachtwoord123' }),
      'auth.weak_password',
    );
    expect(await auditActions(account.staffId)).not.toContain('auth.password_changed');
    await loginWithPassword(deps(), { email: 'samen@example.nl', password: account.password, ...req });
  });
});

describe('changes that ask who you are again (re-authentication)', () => {
  /** An enrolled person with a second, current session (the one a page would act from). */
  async function withTwoSessions(email: string) {
    const a = await enrolled(email);
    const login = await loginWithPassword(deps(), { email, password: a.password, ...req });
    const { sessionToken } = await completeLoginWithCode(deps(), {
      pendingToken: login.pendingToken,
      code: totpCodeAt(a.key, now),
      ...req,
    });
    advance(31_000);
    return { ...a, currentToken: sessionToken, ctx: await ctxOf(sessionToken) };
  }

  it('gives new recovery codes only after a current code or the password', async () => {
    const a = await withTwoSessions('herstelcodes@example.nl');
    await expectCode(renewRecoveryCodes(deps(), a.ctx, { proof: '' }), 'auth.reauth_required');
    await expectCode(renewRecoveryCodes(deps(), a.ctx, { proof: 'niet mijn wachtwoord' }), 'auth.reauth_failed');
    await expectCode(renewRecoveryCodes(deps(), a.ctx, { proof: '000000' }), 'auth.reauth_failed');
    // The old codes still work: nothing was renewed.
    const byCode = await renewRecoveryCodes(deps(), a.ctx, { proof: totpCodeAt(a.key, now) });
    expect(byCode).toHaveLength(8);
    // A code is accepted once (no replay), the password works too.
    await expectCode(renewRecoveryCodes(deps(), a.ctx, { proof: totpCodeAt(a.key, now) }), 'auth.reauth_failed');
    const byPassword = await renewRecoveryCodes(deps(), a.ctx, { proof: a.password });
    expect(byPassword).not.toEqual(byCode);
    const login = await loginWithPassword(deps(), { email: 'herstelcodes@example.nl', password: a.password, ...req });
    await expectCode(
      completeLoginWithCode(deps(), { pendingToken: login.pendingToken, code: byCode[0]!, ...req }),
      'auth.invalid_code',
    );
    await completeLoginWithCode(deps(), { pendingToken: login.pendingToken, code: byPassword[0]!, ...req });
    const actions = await auditActions(a.staffId);
    expect(actions.filter((x) => x === 'auth.recovery_codes_renewed')).toHaveLength(2);
    expect(actions.filter((x) => x === 'auth.reauth_failed')).toHaveLength(3);
  });

  it('ends the other sessions only after a current code or the password', async () => {
    const a = await withTwoSessions('anderen@example.nl');
    await expectCode(endOtherSessions(deps(), a.ctx, { proof: 'raden' }), 'auth.reauth_failed');
    expect(await validateSessionToken(db, a.sessionToken, now)).not.toBeNull();
    expect(await endOtherSessions(deps(), a.ctx, { proof: a.password })).toBe(1);
    expect(await validateSessionToken(db, a.sessionToken, now)).toBeNull();
    expect(await validateSessionToken(db, a.currentToken, now)).not.toBeNull();
    expect(await auditActions(a.staffId)).toContain('auth.end_other_sessions');
  });

  it('changes the password after a current code or the password, and ends the other sessions', async () => {
    const a = await withTwoSessions('wijzigen@example.nl');
    const fresh = 'mijn nieuwe zin over de molen';
    await expectCode(
      changePassword(deps(), a.ctx, { proof: 'fout', password: fresh, repeat: fresh }),
      'auth.reauth_failed',
    );
    await expectCode(
      changePassword(deps(), a.ctx, { proof: a.password, password: 'wachtwoord123', repeat: 'wachtwoord123' }),
      'auth.weak_password',
    );
    await expectCode(
      changePassword(deps(), a.ctx, { proof: a.password, password: fresh, repeat: `${fresh}!` }),
      'auth.password_mismatch',
    );
    // Nothing changed so far.
    await loginWithPassword(deps(), { email: 'wijzigen@example.nl', password: a.password, ...req });
    await changePassword(deps(), a.ctx, { proof: totpCodeAt(a.key, now), password: fresh, repeat: fresh });
    await expectCode(
      loginWithPassword(deps(), { email: 'wijzigen@example.nl', password: a.password, ...req }),
      'auth.invalid_credentials',
    );
    await loginWithPassword(deps(), { email: 'wijzigen@example.nl', password: fresh, ...req });
    expect(await validateSessionToken(db, a.sessionToken, now)).toBeNull();
    expect(await validateSessionToken(db, a.currentToken, now)).not.toBeNull();
    expect(await auditActions(a.staffId)).toContain('auth.password_changed');
  });

  it('limits guesses: after five wrong answers even the right one waits', async () => {
    const a = await withTwoSessions('gokken@example.nl');
    for (let i = 0; i < 5; i++)
      await expectCode(renewRecoveryCodes(deps(), a.ctx, { proof: `gok ${i}` }), 'auth.reauth_failed');
    await expectCode(renewRecoveryCodes(deps(), a.ctx, { proof: a.password }), 'auth.rate_limited');
    advance(15 * 60 * 1000);
    expect(await renewRecoveryCodes(deps(), a.ctx, { proof: a.password })).toHaveLength(8);
  });
});
