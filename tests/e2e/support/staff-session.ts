/**
 * A signed-in browser without going through the login screens (one spec does that for real:
 * inbox.spec.ts): a session row for a demo account, written straight into the e2e server's
 * embedded PostgreSQL, and its cookie in the browser context. Also direct database access for
 * setting up what a spec needs (e.g. an e-mail the outbox gave up on).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { createSession, SESSION_COOKIE } from '~/server/auth/sessions';
import { connectDatabase, type DatabaseConnection } from '~/server/db/db';
import { staffUsers } from '~/server/staff/staff.table';
import { readDemoLogins } from '../../support/staff-login';

const dataDir = process.env.E2E_DATA_DIR!;

/** The e2e server's database (its embedded cluster; port from postmaster.pid, as in server-lifecycle.test.ts). */
export function e2eDatabase(): DatabaseConnection {
  const port = readFileSync(path.join(dataDir, 'postgres/postmaster.pid'), 'utf8').split('\n')[3];
  return connectDatabase(`postgres://postgres:buurtgezinnen-local@127.0.0.1:${port}/buurtgezinnen`, { max: 2 });
}

/** Signs `context` in as the demo account with this role; returns its login (the password, for re-authentication). */
export async function signInAs(
  context: BrowserContext,
  role: 'coordinator' | 'regional' | 'backoffice',
  baseURL: string,
) {
  const login = readDemoLogins(dataDir)[role]!;
  const connection = e2eDatabase();
  try {
    const [staff] = await connection.db.select().from(staffUsers).where(eq(staffUsers.email, login.email));
    const { token } = await createSession(connection.db, {
      staffId: staff!.id,
      now: new Date(),
      twoFactorVerified: true,
    });
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseURL, httpOnly: true, sameSite: 'Lax' }]);
  } finally {
    await connection.close();
  }
  return login;
}
