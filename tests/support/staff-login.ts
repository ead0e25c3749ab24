/**
 * Logging staff in over real HTTP (for integration tests and e2e): password step, then a TOTP
 * code computed from the account's key. Also reads DATA_DIR/demo-login.txt.
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { parseDemoLogins } from '../../src/server/staff/staff.demo';

export type StaffLogin = { email: string; role: string; password: string; totpSecret: string };

export function readDemoLogins(dataDir: string): Record<string, StaffLogin> {
  return parseDemoLogins(fs.readFileSync(path.join(dataDir, 'demo-login.txt'), 'utf8'));
}

/** The code an authenticator app would show now for a base32 key; `offsetSteps` picks another 30 s step. */
export function totpNow(base32Secret: string, offsetSteps = 0): string {
  const step = Math.floor(Date.now() / 30_000) + offsetSteps;
  return generateHOTP(decodeBase32IgnorePadding(base32Secret.replace(/\s+/g, '')), BigInt(step), 6);
}

function cookieFrom(response: Response): string | undefined {
  const set = response.headers.getSetCookie().find((c) => c.startsWith('bg_sessie='));
  return set?.split(';')[0];
}

const usedSteps = new Map<string, number>();

/** Logs in and returns the `bg_sessie=...` cookie. Waits for a fresh TOTP step when needed (no replay). */
export async function loginOverHttp(baseUrl: string, login: StaffLogin): Promise<string> {
  const origin = new URL(baseUrl).origin;
  const first = await fetch(`${baseUrl}/inloggen`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ email: login.email, password: login.password, terug: '/inbox' }),
  });
  const pending = cookieFrom(first);
  if (first.status !== 303 || !pending) throw new Error(`password step failed: ${first.status}`);
  let step = Math.floor(Date.now() / 30_000);
  const last = usedSteps.get(login.email);
  if (last !== undefined && step <= last) {
    await new Promise((r) => setTimeout(r, (last + 1) * 30_000 - Date.now() + 50));
    step = Math.floor(Date.now() / 30_000);
  }
  usedSteps.set(login.email, step);
  const second = await fetch(`${baseUrl}/inloggen/code`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin, cookie: pending },
    body: new URLSearchParams({ code: totpNow(login.totpSecret), terug: '/inbox' }),
  });
  const session = cookieFrom(second);
  if (second.status !== 303 || !session) throw new Error(`code step failed: ${second.status} ${await second.text()}`);
  return session;
}
