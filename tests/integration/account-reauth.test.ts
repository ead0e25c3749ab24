/**
 * /account over real HTTP: new recovery codes, a new password and ending the other sessions
 * need the person again (a current code from the app or the password); a stolen or forgotten
 * session alone changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthRepository } from '~/server/auth/auth.repository';
import { createSession, validateSessionToken } from '~/server/auth/sessions';
import { createStaffRepository } from '~/server/staff/staff.repository';
import { createTestDatabase } from '~tests/support/database';
import { createStaff, TEST_PASSWORD } from '~tests/support/factories';
import { type ServerProcess, startServer } from '~tests/support/server-process';

const database = await createTestDatabase();
const { db } = database;
const password = TEST_PASSWORD;
let server: ServerProcess;
let staffId: string;
let cookie: string;
let otherToken: string;
afterAll(() => server?.stop());

beforeAll(async () => {
  server = await startServer({ DATABASE_URL: database.url, OUTBOX_WORKER: 'false' });
  const staff = await createStaff(db, { role: 'backoffice', session: true });
  staffId = staff.id;
  cookie = staff.session.cookie;
  // She is also logged in somewhere else.
  otherToken = (await createSession(db, { staffId, now: new Date(), twoFactorVerified: true })).token;
}, 120_000);

const post = (form: Record<string, string>) =>
  fetch(`${server.url}/account`, {
    method: 'POST',
    headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
    redirect: 'manual',
  });
const unusedCodes = () => createAuthRepository({ db }).countUnusedRecoveryCodes(staffId);
const passwordHash = async () => (await createStaffRepository({ db }).findById(staffId))!.passwordHash;

describe('/account asks who you are before', () => {
  it('making new recovery codes', async () => {
    const before = await unusedCodes();
    const refused = await post({ action: 'recovery-codes' });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('Typ eerst de code uit je app of je wachtwoord');
    expect(html).not.toContain('Je nieuwe herstelcodes');
    expect(await unusedCodes()).toBe(before);

    const wrong = await post({ action: 'recovery-codes', confirm: 'niet mijn wachtwoord' });
    expect(wrong.status).toBe(400);
    expect(await unusedCodes()).toBe(before);

    const ok = await post({ action: 'recovery-codes', confirm: password });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Je nieuwe herstelcodes');
    expect(await unusedCodes()).toBe(8);
  });

  it('ending the other sessions', async () => {
    const refused = await post({ action: 'end-others' });
    expect(refused.status).toBe(400);
    await refused.body?.cancel();
    expect(await validateSessionToken(db, otherToken, new Date())).not.toBeNull();
    const ok = await post({ action: 'end-others', confirm: password });
    expect(ok.status).toBe(303);
    expect(await validateSessionToken(db, otherToken, new Date())).toBeNull();
  });

  it('changing the password', async () => {
    const fresh = 'een nieuwe zin over de zee';
    const refused = await post({ action: 'change-password', password: fresh, repeat: fresh });
    expect(refused.status).toBe(400);
    await refused.body?.cancel();
    const unchanged = await passwordHash();
    const ok = await post({ action: 'change-password', confirm: password, password: fresh, repeat: fresh });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/account?gedaan=change-password');
    expect(await passwordHash()).not.toBe(unchanged);
    const done = await fetch(`${server.url}/account?gedaan=change-password`, { headers: { cookie } });
    expect(await done.text()).toContain('Je nieuwe wachtwoord is opgeslagen. Je bent overal anders uitgelogd.');
  });
});
