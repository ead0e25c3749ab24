/**
 * Staff authentication: invitation -> password -> TOTP enrolment -> recovery codes; login in two
 * steps (password, then TOTP or a recovery code); password reset by e-mail; my sessions.
 * Dependencies come in as arguments (db, clock, config, mail) so this runs in plain vitest.
 */
import type { StaffContext } from '~/server/access/permissions';
import { auditActor, recordAudit } from '~/server/audit/audit.usecases';
import type { AppConfig } from '~/server/config/config';
import type { DbOrTx } from '~/server/db/db';
import { queueEmail } from '~/server/email/email.usecases';
import { isAppError } from '~/server/errors/errors';
import {
  type BackoffPolicy,
  backoffWaitMs,
  clearFailures,
  consumeRateLimit,
  recordFailure,
} from '~/server/rate-limits/rate-limits';
import { createStaffRepository, type StaffRole } from '~/server/staff/staff.repository';
import { STAFF_LIMITS } from '~/server/staff/staff.schemas';
import { authError } from './auth.errors';
import { createAuthRepository } from './auth.repository';
import { issueKnownDeviceToken, knownDeviceId } from './known-device';
import { hashPassword, verifyPassword } from './password';
import { checkPasswordStrength, PASSWORD_PROBLEM_MESSAGES } from './password-policy';
import { createSession, invalidateAllSessions, invalidateOtherSessions, validateSessionToken } from './sessions';
import { generateIdSecretToken, hashSecret, parseIdSecretToken, secretMatchesHash } from './tokens';
import {
  decryptTotpKey,
  encryptTotpKey,
  generateRecoveryCodes,
  generateTotpKey,
  hashRecoveryCode,
  normaliseRecoveryCode,
  totpKeyForDisplay,
  totpKeyUri,
  verifyTotpCode,
} from './totp';

export type AuthDeps = {
  /** A transaction joins the caller's: the use case's own transaction becomes a savepoint. */
  db: DbOrTx;
  clock: () => Date;
  config: Pick<AppConfig, 'appSecret' | 'publicUrl'>;
};

export type RequestInfo = { clientAddress: string; userAgent?: string | null };

const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** Sessions idle this long are deleted by pruneAuthData (past every timeout in sessions.ts). */
const PRUNE_SESSIONS_IDLE_MS = 8 * 24 * 60 * 60 * 1000;
const PASSWORD_RESET_LIFETIME_MS = 60 * 60 * 1000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Per client address and per account; generous for people, tight for scripts. */
const AUTH_RATE_LIMITS = {
  resetByAddress: { limit: 10, windowMs: 60 * MINUTE },
  resetByAccount: { limit: 3, windowMs: 60 * MINUTE },
  invitationByAddress: { limit: 20, windowMs: 15 * MINUTE },
} as const;

async function limit(db: DbOrTx, name: keyof typeof AUTH_RATE_LIMITS, subject: string, now: Date) {
  // Keys carry a hash, never an e-mail address in plain text.
  const result = await consumeRateLimit(db, {
    key: `auth:${name}:${hashSecret(subject.toLowerCase())}`,
    ...AUTH_RATE_LIMITS[name],
    now,
  });
  if (!result.allowed) throw authError('auth.rate_limited', { retryAfterMs: result.retryAfterMs });
}

/**
 * Login and re-authentication count FAILURES only, with back-off instead of a lock
 * (docs/decisions/012-login-throttling.md). Keys: the account with the client address (a
 * guesser slows down, the owner elsewhere does not), the account for unknown devices only (a
 * guesser with many addresses slows down unknown devices, never the owner's known device), the
 * client address over all accounts (one address trying many accounts), and a known device.
 */
const backoff = (freeFailures: number) => ({
  freeFailures,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * MINUTE,
  forgetAfterMs: 24 * HOUR,
});
const LOGIN_BACKOFF = {
  accountAddress: backoff(5),
  accountUnknownDevices: backoff(20),
  address: backoff(30),
  device: backoff(10),
} satisfies Record<string, BackoffPolicy>;
const CODE_BACKOFF = {
  accountAddress: backoff(3),
  accountUnknownDevices: backoff(6),
  address: backoff(30),
  device: backoff(6),
} satisfies Record<string, BackoffPolicy>;
const REAUTH_BACKOFF = backoff(5);

type Throttle = { keys: { key: string; policy: BackoffPolicy }[]; clearOnSuccess: string[] };

/** The back-off keys for one attempt: a known device has its own; anyone else shares the others. */
function loginThrottle(
  step: 'password' | 'code',
  policies: typeof LOGIN_BACKOFF,
  account: string,
  clientAddress: string,
  deviceId: string | null,
): Throttle {
  const key = (kind: string, subject: string) => `auth:${step}:${kind}:${hashSecret(subject.toLowerCase())}`;
  if (deviceId) {
    const device = key('device', `${account}|${deviceId}`);
    return { keys: [{ key: device, policy: policies.device }], clearOnSuccess: [device] };
  }
  const accountAddress = key('account-address', `${account}|${clientAddress}`);
  return {
    keys: [
      { key: accountAddress, policy: policies.accountAddress },
      { key: key('account-unknown-devices', account), policy: policies.accountUnknownDevices },
      { key: key('address', clientAddress), policy: policies.address },
    ],
    clearOnSuccess: [accountAddress],
  };
}

async function waitForTurn(db: DbOrTx, throttle: Throttle, now: Date): Promise<void> {
  const waitMs = await backoffWaitMs(
    db,
    throttle.keys.map((entry) => entry.key),
    now,
  );
  if (waitMs > 0) throw authError('auth.rate_limited', { retryAfterMs: waitMs }, rateLimitedMessage(waitMs));
}

async function countFailure(db: DbOrTx, throttle: Throttle, now: Date): Promise<void> {
  for (const { key, policy } of throttle.keys) await recordFailure(db, key, policy, now);
}

function rateLimitedMessage(waitMs: number): string {
  const seconds = Math.ceil(waitMs / 1000);
  const wait = seconds < 90 ? `${seconds} seconden` : `${Math.ceil(seconds / 60)} minuten`;
  return `Te veel mislukte pogingen achter elkaar. Wacht ${wait} en probeer het dan opnieuw.`;
}

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

// Hashing a fixed password for unknown accounts makes "no such account" take as long as
// "wrong password" (no enumeration through timing).
let dummyHash: Promise<string> | undefined;
function getDummyHash() {
  dummyHash ??= hashPassword('dummy-password-for-timing-only');
  return dummyHash;
}

function assertStrongPassword(password: string, repeat: string, email: string) {
  const problem = checkPasswordStrength(password, { email });
  if (problem) throw authError('auth.weak_password', { problem }, PASSWORD_PROBLEM_MESSAGES[problem]);
  if (password !== repeat) throw authError('auth.password_mismatch');
}

// ---------------------------------------------------------------- login

/** Step 1: e-mail and password. Returns a pending session token (second factor still needed). */
export async function loginWithPassword(
  deps: AuthDeps,
  input: { email: string; password: string; deviceToken?: string | null } & RequestInfo,
): Promise<{ pendingToken: string }> {
  const now = deps.clock();
  const email = normaliseEmail(input.email);
  const staff = await createStaffRepository({ db: deps.db }).findByEmail(email);
  const deviceId = staff ? knownDeviceId(deps.config.appSecret, staff.id, input.deviceToken, now) : null;
  // Keyed on the e-mail address typed, so an unknown account is throttled exactly like a known one.
  const throttle = loginThrottle('password', LOGIN_BACKOFF, email, input.clientAddress, deviceId);
  await waitForTurn(deps.db, throttle, now);
  if (!staff?.passwordHash) {
    await verifyPassword(await getDummyHash(), input.password);
    await countFailure(deps.db, throttle, now);
    throw authError('auth.invalid_credentials');
  }
  const ok = await verifyPassword(staff.passwordHash, input.password);
  if (!ok || staff.disabledAt !== null || staff.totpEnrolledAt === null) {
    await countFailure(deps.db, throttle, now);
    throw authError('auth.invalid_credentials');
  }
  await clearFailures(deps.db, throttle.clearOnSuccess);
  const { token } = await createSession(deps.db, { staffId: staff.id, now, twoFactorVerified: false, ...input });
  return { pendingToken: token };
}

/**
 * Step 2: a TOTP code (or a recovery code) for a pending session. The pending session is
 * replaced by a new, full one (a fresh token after the privilege change); the login is written
 * to the audit log in the same transaction, and this browser becomes (or stays) a known device
 * of the account. A wrong code counts as a failure (back-off), after the transaction.
 */
export async function completeLoginWithCode(
  deps: AuthDeps,
  input: { pendingToken: string | undefined; code: string; deviceToken?: string | null } & RequestInfo,
): Promise<{
  sessionToken: string;
  staffId: string;
  /** Where the login goes when it was not asked to go anywhere: a gemeente account has no inbox. */
  home: string;
  usedRecoveryCode: boolean;
  deviceToken: string;
}> {
  const now = deps.clock();
  const pending = await validateSessionToken(deps.db, input.pendingToken, now);
  if (!pending || pending.session.twoFactorVerifiedAt !== null) throw authError('auth.login_expired');
  const staffId = pending.staff.id;
  const deviceId = knownDeviceId(deps.config.appSecret, staffId, input.deviceToken, now);
  const throttle = loginThrottle('code', CODE_BACKOFF, staffId, input.clientAddress, deviceId);
  await waitForTurn(deps.db, throttle, now);
  let result: { sessionToken: string; usedRecoveryCode: boolean };
  try {
    result = await deps.db.transaction(async (tx) => {
      const usedRecoveryCode = await checkSecondFactor(tx, deps, staffId, input.code, now);
      await createAuthRepository({ db: tx }).deleteSession(pending.session.id);
      const { token } = await createSession(tx, { staffId, now, twoFactorVerified: true, ...input });
      await recordAudit(
        tx,
        { staffId, clientAddress: input.clientAddress },
        { action: usedRecoveryCode ? 'auth.login_recovery_code' : 'auth.login' },
        now,
      );
      return { sessionToken: token, usedRecoveryCode };
    });
  } catch (error) {
    if (isAppError(error, 'auth.invalid_code')) await countFailure(deps.db, throttle, now);
    throw error;
  }
  await clearFailures(deps.db, throttle.clearOnSuccess);
  const deviceToken = issueKnownDeviceToken(deps.config.appSecret, staffId, now, deviceId ?? undefined);
  return { ...result, staffId, home: pending.staff.role === 'gemeente' ? '/rapportage' : '/inbox', deviceToken };
}

/** TOTP first; a code with letters is tried as a recovery code. Throws auth.invalid_code. */
async function checkSecondFactor(
  tx: DbOrTx,
  deps: AuthDeps,
  staffId: string,
  code: string,
  now: Date,
): Promise<boolean> {
  const accounts = createStaffRepository({ db: tx });
  const staff = await accounts.findByIdForUpdate(staffId);
  if (!staff?.totpKeyEncrypted) throw authError('auth.invalid_code');
  const trimmed = code.trim();
  if (/^[\d\s]+$/.test(trimmed)) {
    const step = verifyTotpCode(
      decryptTotpKey(staff.totpKeyEncrypted, deps.config.appSecret),
      trimmed,
      now,
      staff.totpLastStep,
    );
    if (step === null) throw authError('auth.invalid_code');
    await accounts.setTotpLastStep(staffId, step);
    return false;
  }
  if (normaliseRecoveryCode(trimmed).length !== 10) throw authError('auth.invalid_code');
  const used = await createAuthRepository({ db: tx }).useRecoveryCode(staffId, hashRecoveryCode(trimmed), now);
  if (!used) throw authError('auth.invalid_code');
  return true;
}

/**
 * Ends the session of this cookie value (if it is still valid) and logs it, in one transaction.
 * An unknown or expired token changes nothing.
 */
export async function logout(
  deps: Pick<AuthDeps, 'db' | 'clock'>,
  input: { sessionToken: string | undefined } & RequestInfo,
): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const current = await validateSessionToken(tx, input.sessionToken, now);
    if (!current) return;
    await createAuthRepository({ db: tx }).deleteSession(current.session.id);
    await recordAudit(
      tx,
      { staffId: current.staff.id, clientAddress: input.clientAddress },
      { action: 'auth.logout' },
      now,
    );
  });
}

// ---------------------------------------------------------------- invitation

export type InviteInput = {
  email: string;
  displayName: string;
  role: StaffRole;
  gemeenten: string[];
  regions: string[];
  inviterName?: string;
};

/**
 * Creates the account (no password yet) and queues the invitation mail in one transaction.
 * Access checks (backoffice only) are the caller's: see access/permissions.ts.
 */
export async function inviteStaff(
  deps: AuthDeps,
  input: InviteInput,
): Promise<{ staffId: string; invitationToken: string }> {
  const now = deps.clock();
  const email = normaliseEmail(input.email);
  if (!EMAIL_PATTERN.test(email)) throw authError('auth.invalid_email');
  const displayName = input.displayName.trim();
  if (!displayName || displayName.length > STAFF_LIMITS.displayName)
    throw authError(
      'staff.invalid_input',
      { field: 'displayName' },
      `Vul een naam in (hoogstens ${STAFF_LIMITS.displayName} tekens).`,
    );
  if (input.role === 'coordinator' && input.gemeenten.length === 0)
    throw authError('staff.invalid_input', { field: 'gemeenten' }, 'Kies minstens één gemeente voor een coördinator.');
  if (input.role === 'regional' && input.regions.length === 0)
    throw authError('staff.invalid_input', { field: 'regions' }, 'Kies minstens één regio voor een regiocoördinator.');
  return deps.db.transaction(async (tx) => {
    const accounts = createStaffRepository({ db: tx });
    if (await accounts.findByEmail(email)) throw authError('staff.email_taken');
    const { id: staffId } = await accounts.insert(
      { email, displayName, role: input.role },
      {
        gemeenten: input.role === 'coordinator' || input.role === 'gemeente' ? input.gemeenten : [],
        regions: input.role === 'regional' ? input.regions : [],
      },
    );
    const invitationToken = await createInvitationToken(tx, staffId, email, input.inviterName, now);
    return { staffId, invitationToken };
  });
}

/** A new invitation link for an account that has not finished its set-up (the old one stops working). */
export async function resendInvitation(
  deps: AuthDeps,
  staffId: string,
  inviterName?: string,
): Promise<{ invitationToken: string }> {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const staff = await createStaffRepository({ db: tx }).findById(staffId);
    if (!staff || staff.totpEnrolledAt !== null || staff.disabledAt !== null)
      throw authError(
        'staff.invalid_input',
        {},
        'Dit account is al actief of uitgeschakeld; een uitnodiging is niet nodig.',
      );
    return { invitationToken: await createInvitationToken(tx, staff.id, staff.email, inviterName, now) };
  });
}

async function createInvitationToken(
  tx: DbOrTx,
  staffId: string,
  email: string,
  inviterName: string | undefined,
  now: Date,
) {
  const { id, token, secretHash } = generateIdSecretToken();
  const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS);
  await createAuthRepository({ db: tx }).replaceToken({
    id,
    secretHash,
    purpose: 'invitation',
    staffId,
    createdAt: now,
    expiresAt,
  });
  await queueEmail(tx, {
    to: email,
    template: 'staff-invitation',
    data: { invitePath: `/uitnodiging/${token}`, inviterName, expiresAt },
  });
  return token;
}

async function findValidToken(
  db: DbOrTx,
  token: string | undefined,
  purpose: 'invitation' | 'password_reset',
  now: Date,
) {
  const parsed = parseIdSecretToken(token);
  if (!parsed) throw authError('auth.link_invalid');
  const found = await createAuthRepository({ db }).findToken(parsed.id, purpose);
  if (!found || !secretMatchesHash(parsed.secret, found.secretHash)) throw authError('auth.link_invalid');
  const staff = await createStaffRepository({ db }).findById(found.staffId);
  if (!staff || found.usedAt !== null || found.expiresAt.getTime() <= now.getTime() || staff.disabledAt !== null)
    throw authError('auth.link_invalid');
  return { token: found, staff };
}

export type Enrolment = { email: string; displayName: string; keyText: string; keyUri: string };

/** What the invitation page shows; `enrolment` once a password was chosen. */
export async function getInvitation(
  deps: AuthDeps,
  token: string | undefined,
): Promise<{ email: string; displayName: string; enrolment: Enrolment | null }> {
  const { staff } = await findValidToken(deps.db, token, 'invitation', deps.clock());
  return {
    email: staff.email,
    displayName: staff.displayName,
    enrolment: staff.passwordHash && staff.totpKeyEncrypted ? enrolmentFor(deps, staff) : null,
  };
}

function enrolmentFor(
  deps: AuthDeps,
  staff: { email: string; displayName: string; totpKeyEncrypted: string | null },
): Enrolment {
  const key = decryptTotpKey(staff.totpKeyEncrypted!, deps.config.appSecret);
  return {
    email: staff.email,
    displayName: staff.displayName,
    keyText: totpKeyForDisplay(key),
    keyUri: totpKeyUri(staff.email, key),
  };
}

/** Invitation step 1: choose a password; a new TOTP key is made for step 2. */
export async function choosePasswordForInvitation(
  deps: AuthDeps,
  input: { token: string | undefined; password: string; repeat: string } & RequestInfo,
): Promise<Enrolment> {
  const now = deps.clock();
  await limit(deps.db, 'invitationByAddress', input.clientAddress, now);
  const { staff } = await findValidToken(deps.db, input.token, 'invitation', now);
  assertStrongPassword(input.password, input.repeat, staff.email);
  const passwordHash = await hashPassword(input.password);
  const totpKeyEncrypted = encryptTotpKey(generateTotpKey(), deps.config.appSecret);
  await createStaffRepository({ db: deps.db }).setPasswordAndTotpKey(staff.id, { passwordHash, totpKeyEncrypted });
  return enrolmentFor(deps, { ...staff, totpKeyEncrypted });
}

/**
 * Invitation step 2: prove the authenticator works. Uses up the link, makes recovery codes
 * (shown once), signs the person in and logs the enrolment, in one transaction.
 */
export async function completeInvitation(
  deps: AuthDeps,
  input: { token: string | undefined; code: string } & RequestInfo,
): Promise<{ sessionToken: string; recoveryCodes: string[]; staffId: string }> {
  const now = deps.clock();
  await limit(deps.db, 'invitationByAddress', input.clientAddress, now);
  return deps.db.transaction(async (tx) => {
    const { token, staff } = await findValidToken(tx, input.token, 'invitation', now);
    if (!staff.passwordHash || !staff.totpKeyEncrypted) throw authError('auth.link_invalid');
    const step = verifyTotpCode(
      decryptTotpKey(staff.totpKeyEncrypted, deps.config.appSecret),
      input.code,
      now,
      staff.totpLastStep,
    );
    if (step === null)
      throw authError('auth.invalid_code', {}, 'Deze code klopt niet. Typ de 6 cijfers die je app nu laat zien.');
    if (!(await createAuthRepository({ db: tx }).consumeToken(token.id, now))) throw authError('auth.link_invalid');
    await createStaffRepository({ db: tx }).completeTotpEnrolment(staff.id, now, step);
    const recoveryCodes = await replaceRecoveryCodes(tx, staff.id);
    const { token: sessionToken } = await createSession(tx, {
      staffId: staff.id,
      now,
      twoFactorVerified: true,
      ...input,
    });
    await recordAudit(tx, { staffId: staff.id, clientAddress: input.clientAddress }, { action: 'auth.enrolled' }, now);
    return { sessionToken, recoveryCodes, staffId: staff.id };
  });
}

async function replaceRecoveryCodes(tx: DbOrTx, staffId: string): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await createAuthRepository({ db: tx }).replaceRecoveryCodes(staffId, codes.map(hashRecoveryCode));
  return codes;
}

// ---------------------------------------------------------------- changes that need the person again

/**
 * A signed-in person asking for something a stolen or forgotten session must not get (new
 * recovery codes, a new password, ending the other sessions): `proof` is a current code from
 * the authenticator app or the password (docs/decisions/012-login-throttling.md).
 */
export type Reauthentication = { proof: string };

/**
 * Checks `proof` inside `tx` (the account row locked, so a TOTP step is used once). Five wrong
 * answers are free, then each one doubles the wait (REAUTH_BACKOFF); every wrong answer is
 * counted and audited outside `tx` (on deps.db), so the record stays when `tx` rolls back.
 */
async function confirmIdentity(
  tx: DbOrTx,
  deps: AuthDeps,
  ctx: StaffContext,
  input: Reauthentication,
  now: Date,
): Promise<void> {
  const proof = input.proof.trim() === '' ? '' : input.proof;
  if (!proof) throw authError('auth.reauth_required');
  const key = `auth:reauth:${hashSecret(ctx.staff.id)}`;
  const throttle: Throttle = { keys: [{ key, policy: REAUTH_BACKOFF }], clearOnSuccess: [key] };
  await waitForTurn(deps.db, throttle, now);
  // 'no key update': the audit row below (another connection) may still reference the account.
  const accounts = createStaffRepository({ db: tx });
  const staff = await accounts.findByIdForUpdate(ctx.staff.id, 'no key update');
  let confirmed = false;
  if (staff && /^\s*\d{3}\s?\d{3}\s*$/.test(proof) && staff.totpKeyEncrypted) {
    const step = verifyTotpCode(
      decryptTotpKey(staff.totpKeyEncrypted, deps.config.appSecret),
      proof,
      now,
      staff.totpLastStep,
    );
    if (step !== null) {
      await accounts.setTotpLastStep(staff.id, step);
      confirmed = true;
    }
  }
  if (!confirmed && staff?.passwordHash) confirmed = await verifyPassword(staff.passwordHash, proof.slice(0, 1000));
  if (!confirmed) {
    await countFailure(deps.db, throttle, now);
    await recordAudit(deps.db, auditActor(ctx), { action: 'auth.reauth_failed' }, now);
    throw authError('auth.reauth_failed');
  }
  await clearFailures(deps.db, throttle.clearOnSuccess);
}

/**
 * For another domain's use case that hands out lasting access (the private agenda link):
 * confirms `input` inside its transaction `tx`, with the same back-off and audit as above.
 * `deps.db` must be the pool, not `tx` (wrong answers are counted outside the transaction).
 */
export function confirmItIsYou(tx: DbOrTx, deps: AuthDeps, ctx: StaffContext, input: Reauthentication): Promise<void> {
  return confirmIdentity(tx, deps, ctx, input, deps.clock());
}

/** New recovery codes (the old ones stop working), shown once; logged in the same transaction. */
export async function renewRecoveryCodes(
  deps: AuthDeps,
  ctx: StaffContext,
  input: Reauthentication,
): Promise<string[]> {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    await confirmIdentity(tx, deps, ctx, input, now);
    const codes = await replaceRecoveryCodes(tx, ctx.staff.id);
    await recordAudit(tx, auditActor(ctx), { action: 'auth.recovery_codes_renewed' }, now);
    return codes;
  });
}

/** "Log overal anders uit": ends every session of the account except the one asking; logs how many. */
export async function endOtherSessions(deps: AuthDeps, ctx: StaffContext, input: Reauthentication): Promise<number> {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    await confirmIdentity(tx, deps, ctx, input, now);
    const ended = await invalidateOtherSessions(tx, ctx.staff.id, ctx.sessionId);
    await recordAudit(tx, auditActor(ctx), { action: 'auth.end_other_sessions', detail: { ended } }, now);
    return ended;
  });
}

/** A new password; every other session ends (someone who knew the old one is logged out). */
export async function changePassword(
  deps: AuthDeps,
  ctx: StaffContext,
  input: Reauthentication & { password: string; repeat: string },
): Promise<{ endedSessions: number }> {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    await confirmIdentity(tx, deps, ctx, input, now);
    const accounts = createStaffRepository({ db: tx });
    const staff = await accounts.findById(ctx.staff.id);
    assertStrongPassword(input.password, input.repeat, staff!.email);
    await accounts.setPasswordHash(ctx.staff.id, await hashPassword(input.password));
    const endedSessions = await invalidateOtherSessions(tx, ctx.staff.id, ctx.sessionId);
    await recordAudit(tx, auditActor(ctx), { action: 'auth.password_changed', detail: { endedSessions } }, now);
    return { endedSessions };
  });
}

export async function countUnusedRecoveryCodes(deps: Pick<AuthDeps, 'db'>, staffId: string): Promise<number> {
  return createAuthRepository({ db: deps.db }).countUnusedRecoveryCodes(staffId);
}

// ---------------------------------------------------------------- password reset

/** Always answers the same way; a mail goes out only for an active account. */
export async function requestPasswordReset(deps: AuthDeps, input: { email: string } & RequestInfo): Promise<void> {
  const now = deps.clock();
  const email = normaliseEmail(input.email);
  if (!EMAIL_PATTERN.test(email)) throw authError('auth.invalid_email');
  await limit(deps.db, 'resetByAddress', input.clientAddress, now);
  await limit(deps.db, 'resetByAccount', email, now);
  await deps.db.transaction(async (tx) => {
    const staff = await createStaffRepository({ db: tx }).findByEmail(email);
    if (!staff || staff.disabledAt !== null || staff.totpEnrolledAt === null) return;
    const { id, token, secretHash } = generateIdSecretToken();
    const expiresAt = new Date(now.getTime() + PASSWORD_RESET_LIFETIME_MS);
    await createAuthRepository({ db: tx }).replaceToken({
      id,
      secretHash,
      purpose: 'password_reset',
      staffId: staff.id,
      createdAt: now,
      expiresAt,
    });
    await queueEmail(tx, {
      to: staff.email,
      template: 'password-reset',
      data: { resetPath: `/wachtwoord-herstellen?code=${token}`, expiresAt },
    });
  });
}

export async function checkPasswordResetToken(deps: AuthDeps, token: string | undefined): Promise<{ email: string }> {
  const { staff } = await findValidToken(deps.db, token, 'password_reset', deps.clock());
  return { email: staff.email };
}

/** Sets the new password, uses up the link and ends every session of the account. */
export async function resetPassword(
  deps: AuthDeps,
  input: { token: string | undefined; password: string; repeat: string } & RequestInfo,
): Promise<void> {
  const now = deps.clock();
  await limit(deps.db, 'resetByAddress', input.clientAddress, now);
  const { token, staff } = await findValidToken(deps.db, input.token, 'password_reset', now);
  assertStrongPassword(input.password, input.repeat, staff.email);
  const passwordHash = await hashPassword(input.password);
  await deps.db.transaction(async (tx) => {
    if (!(await createAuthRepository({ db: tx }).consumeToken(token.id, now))) throw authError('auth.link_invalid');
    await createStaffRepository({ db: tx }).setPasswordHash(staff.id, passwordHash);
    await invalidateAllSessions(tx, staff.id);
  });
}

/**
 * Housekeeping: expired tokens and sessions carry no information any more.
 * @public Not scheduled yet: the retention job of the privacy issue (#16) will call it.
 */
export async function pruneAuthData(db: DbOrTx, now: Date): Promise<void> {
  await createAuthRepository({ db }).prune(now, new Date(now.getTime() - PRUNE_SESSIONS_IDLE_MS));
}
