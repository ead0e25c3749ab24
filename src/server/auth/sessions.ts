/**
 * Staff sessions after the Lucia guide (lucia-auth.com/sessions/basic and
 * /sessions/inactivity-timeout): token `id.secret`, SHA-256(secret) stored, constant-time
 * comparison, an inactivity timeout with a sliding refresh and an absolute lifetime.
 */
import type { DbOrTx } from '~/server/db/db';
import { createStaffRepository, type StaffUser } from '~/server/staff/staff.repository';
import { createAuthRepository, type StaffSession } from './auth.repository';
import { generateIdSecretToken, parseIdSecretToken, secretMatchesHash } from './tokens';

export const SESSION_COOKIE = 'bg_sessie';
/** Signed out after this long without a request. */
export const INACTIVITY_TIMEOUT_MS = 4 * 60 * 60 * 1000;
/** last_verified_at is written at most this often (saves a write per request). */
export const ACTIVITY_CHECK_INTERVAL_MS = 5 * 60 * 1000;
/** Signed out after this long however active (a working week). */
export const ABSOLUTE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** Between the password and the second factor. */
export const PENDING_LIFETIME_MS = 10 * 60 * 1000;

export type SessionStaff = Pick<StaffUser, 'id' | 'email' | 'displayName' | 'role'>;

export async function createSession(
  db: DbOrTx,
  input: {
    staffId: string;
    now: Date;
    twoFactorVerified: boolean;
    clientAddress?: string | null;
    userAgent?: string | null;
  },
): Promise<{ token: string; session: StaffSession }> {
  const { id, token, secretHash } = generateIdSecretToken();
  const session = await createAuthRepository({ db }).insertSession({
    id,
    secretHash,
    staffId: input.staffId,
    createdAt: input.now,
    lastVerifiedAt: input.now,
    twoFactorVerifiedAt: input.twoFactorVerified ? input.now : null,
    clientAddress: input.clientAddress ?? null,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, session };
}

/** Why a session is no longer valid at `now`, or null while it is. */
function sessionExpiry(
  session: Pick<StaffSession, 'createdAt' | 'lastVerifiedAt' | 'twoFactorVerifiedAt'>,
  now: Date,
): 'inactive' | 'lifetime' | 'pending' | null {
  const t = now.getTime();
  if (session.twoFactorVerifiedAt === null)
    return t - session.createdAt.getTime() >= PENDING_LIFETIME_MS ? 'pending' : null;
  if (t - session.createdAt.getTime() >= ABSOLUTE_LIFETIME_MS) return 'lifetime';
  if (t - session.lastVerifiedAt.getTime() >= INACTIVITY_TIMEOUT_MS) return 'inactive';
  return null;
}

/**
 * The session and its staff member for a cookie value, or null (and the row deleted when it
 * expired). `refreshed` says the inactivity window moved, so the cookie should be sent again.
 */
export async function validateSessionToken(
  db: DbOrTx,
  token: string | undefined | null,
  now: Date,
): Promise<{ session: StaffSession; staff: SessionStaff; refreshed: boolean } | null> {
  const parsed = parseIdSecretToken(token);
  if (!parsed) return null;
  const sessions = createAuthRepository({ db });
  const found = await sessions.findSession(parsed.id);
  if (!found) return null;
  if (!secretMatchesHash(parsed.secret, found.secretHash)) return null;
  const account = await createStaffRepository({ db }).findById(found.staffId);
  if (!account || account.disabledAt !== null || sessionExpiry(found, now) !== null) {
    await sessions.deleteSession(found.id);
    return null;
  }
  let refreshed = false;
  let session = found;
  if (
    session.twoFactorVerifiedAt !== null &&
    now.getTime() - session.lastVerifiedAt.getTime() >= ACTIVITY_CHECK_INTERVAL_MS
  ) {
    await sessions.touchSession(session.id, now);
    session = { ...session, lastVerifiedAt: now };
    refreshed = true;
  }
  const staff = { id: account.id, email: account.email, displayName: account.displayName, role: account.role };
  return { session, staff, refreshed };
}

export async function invalidateAllSessions(db: DbOrTx, staffId: string): Promise<void> {
  await createAuthRepository({ db }).deleteSessionsOf(staffId);
}

export async function invalidateOtherSessions(db: DbOrTx, staffId: string, keepSessionId: string): Promise<number> {
  return createAuthRepository({ db }).deleteOtherSessions(staffId, keepSessionId);
}

export async function listSessions(db: DbOrTx, staffId: string, now: Date) {
  const rows = await createAuthRepository({ db }).sessionsOf(staffId);
  return rows
    .filter((s) => s.twoFactorVerifiedAt !== null && sessionExpiry(s, now) === null)
    .sort((a, b) => b.lastVerifiedAt.getTime() - a.lastVerifiedAt.getTime())
    .map((s) => ({
      id: s.id,
      createdAt: s.createdAt,
      lastVerifiedAt: s.lastVerifiedAt,
      clientAddress: s.clientAddress,
      userAgent: s.userAgent,
    }));
}

export type CookieOptions = { httpOnly: true; sameSite: 'lax'; secure: boolean; path: '/'; maxAge: number };

/** Secure whenever the public address is https (production); HttpOnly and Lax always. */
export function sessionCookieOptions(publicUrl: string, maxAgeMs = INACTIVITY_TIMEOUT_MS): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: publicUrl.startsWith('https:'),
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
  };
}
