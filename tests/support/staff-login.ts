/**
 * TOTP codes as an authenticator app computes them, for the tests that go through the real code
 * screens (tests/e2e/inbox.spec.ts). Every other test signs staff in with the factories
 * (createStaff({ session: true }), or the e2e `staff` fixture).
 */
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';

/** The current 30-second TOTP time step. */
export function totpStepNow(): number {
  return Math.floor(Date.now() / 30_000);
}

/**
 * The code for `step` of a base32 key. The portal accepts the current step and one either side,
 * each once per account: after using step s, the code of step s + 1 works at once, so a test never
 * has to wait for the next step.
 */
export function totpCodeFor(base32Secret: string, step = totpStepNow()): string {
  return generateHOTP(decodeBase32IgnorePadding(base32Secret.replace(/\s+/g, '')), BigInt(step), 6);
}
