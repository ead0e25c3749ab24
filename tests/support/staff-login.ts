/**
 * Logging staff in over real HTTP (for integration tests and e2e): password step, then a TOTP
 * code computed from the account's key. Also reads DATA_DIR/demo-login.txt.
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { parseDemoLogins } from '~/server/staff/staff.demo';

export type StaffLogin = { email: string; role: string; password: string; totpSecret: string };

export function readDemoLogins(dataDir: string): Record<string, StaffLogin> {
  return parseDemoLogins(fs.readFileSync(path.join(dataDir, 'demo-login.txt'), 'utf8'));
}

/** The code an authenticator app would show now for a base32 key; `offsetSteps` picks another 30 s step. */
export function totpNow(base32Secret: string, offsetSteps = 0): string {
  const step = Math.floor(Date.now() / 30_000) + offsetSteps;
  return generateHOTP(decodeBase32IgnorePadding(base32Secret.replace(/\s+/g, '')), BigInt(step), 6);
}
