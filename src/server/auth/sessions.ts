/**
 * Staff sessions after the Lucia guide (lucia-auth.com/sessions/basic and
 * /sessions/inactivity-timeout): token `id.secret`, SHA-256(secret) stored, constant-time
 * comparison, an inactivity timeout with a sliding refresh and an absolute lifetime.
 */
import { and, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import { staffUsers } from '~/server/staff/staff.table';
import { staffSessions } from './auth.table';
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

export type StaffSession = typeof staffSessions.$inferSelect;
export type SessionStaff = Pick<typeof staffUsers.$inferSelect, 'id' | 'email' | 'displayName' | 'role'>;

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
  const [session] = await db
    .insert(staffSessions)
    .values({
      id,
      secretHash,
      staffId: input.staffId,
      createdAt: input.now,
      lastVerifiedAt: input.now,
      twoFactorVerifiedAt: input.twoFactorVerified ? input.now : null,
      clientAddress: input.clientAddress ?? null,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    })
    .returning();
  return { token, session: session! };
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
  const rows = await db
    .select({
      session: staffSessions,
      staff: {
        id: staffUsers.id,
        email: staffUsers.email,
        displayName: staffUsers.displayName,
        role: staffUsers.role,
        disabledAt: staffUsers.disabledAt,
      },
    })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.staffId))
    .where(eq(staffSessions.id, parsed.id));
  const row = rows[0];
  if (!row) return null;
  if (!secretMatchesHash(parsed.secret, row.session.secretHash)) return null;
  if (row.staff.disabledAt !== null || sessionExpiry(row.session, now) !== null) {
    await db.delete(staffSessions).where(eq(staffSessions.id, row.session.id));
    return null;
  }
  let refreshed = false;
  let session = row.session;
  if (
    session.twoFactorVerifiedAt !== null &&
    now.getTime() - session.lastVerifiedAt.getTime() >= ACTIVITY_CHECK_INTERVAL_MS
  ) {
    await db.update(staffSessions).set({ lastVerifiedAt: now }).where(eq(staffSessions.id, session.id));
    session = { ...session, lastVerifiedAt: now };
    refreshed = true;
  }
  const { disabledAt: _disabled, ...staff } = row.staff;
  return { session, staff, refreshed };
}

export async function invalidateAllSessions(db: DbOrTx, staffId: string): Promise<void> {
  await db.delete(staffSessions).where(eq(staffSessions.staffId, staffId));
}

export async function invalidateOtherSessions(db: DbOrTx, staffId: string, keepSessionId: string): Promise<number> {
  const deleted = await db
    .delete(staffSessions)
    .where(and(eq(staffSessions.staffId, staffId), ne(staffSessions.id, keepSessionId)))
    .returning({ id: staffSessions.id });
  return deleted.length;
}

export async function listSessions(db: DbOrTx, staffId: string, now: Date) {
  const rows = await db.select().from(staffSessions).where(eq(staffSessions.staffId, staffId));
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
