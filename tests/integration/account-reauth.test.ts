/**
 * /account over real HTTP: new recovery codes, a new password and ending the other sessions
 * need the person again (a current code from the app or the password); a stolen or forgotten
 * session alone changes nothing.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffRecoveryCodes } from '~/server/auth/auth.table';
import { hashPassword } from '~/server/auth/password';
import { createSession, validateSessionToken } from '~/server/auth/sessions';
import { hashRecoveryCode } from '~/server/auth/totp';
import { staffUsers } from '~/server/staff/staff.table';
import { createTestDatabase } from '../support/database';
import { type ServerProcess, startServer } from '../support/server-process';

const database = await createTestDatabase();
const { db } = database;
const password = 'een zin die alleen ik ken';
let server: ServerProcess;
let staffId: string;
let cookie: string;
let otherToken: string;
afterAll(() => server?.stop());

beforeAll(async () => {
  server = await startServer({ DATABASE_URL: database.url, OUTBOX_WORKER: 'false' });
  const [staff] = await db
    .insert(staffUsers)
    .values({
      email: 'account@example.nl',
      displayName: 'Acc Ount',
      role: 'backoffice',
      passwordHash: await hashPassword(password),
      totpEnrolledAt: new Date(),
    })
    .returning();
  staffId = staff!.id;
  await db.insert(staffRecoveryCodes).values({ staffId, codeHash: hashRecoveryCode('abcde-fghij') });
  cookie = `bg_sessie=${(await createSession(db, { staffId, now: new Date(), twoFactorVerified: true })).token}`;
  otherToken = (await createSession(db, { staffId, now: new Date(), twoFactorVerified: true })).token;
}, 120_000);

const post = (form: Record<string, string>) =>
  fetch(`${server.url}/account`, {
    method: 'POST',
    headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
    redirect: 'manual',
  });
const codes = async () =>
  (await db.select().from(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, staffId))).map((r) => r.codeHash);

describe('/account asks who you are before', () => {
  it('making new recovery codes', async () => {
    const before = await codes();
    const refused = await post({ action: 'recovery-codes' });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('Typ eerst de code uit je app of je wachtwoord');
    expect(html).not.toContain('Je nieuwe herstelcodes');
    expect(await codes()).toEqual(before);

    const wrong = await post({ action: 'recovery-codes', confirm: 'niet mijn wachtwoord' });
    expect(wrong.status).toBe(400);
    expect(await codes()).toEqual(before);

    const ok = await post({ action: 'recovery-codes', confirm: password });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Je nieuwe herstelcodes');
    expect(await codes()).toHaveLength(8);
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
    const [unchanged] = await db.select().from(staffUsers).where(eq(staffUsers.id, staffId));
    const ok = await post({ action: 'change-password', confirm: password, password: fresh, repeat: fresh });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/account?opgeslagen=wachtwoord');
    const [changed] = await db.select().from(staffUsers).where(eq(staffUsers.id, staffId));
    expect(changed!.passwordHash).not.toBe(unchanged!.passwordHash);
  });
});
