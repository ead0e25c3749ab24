/**
 * What a staff password must be: long enough and not one of the passwords everyone tries
 * first (NIST SP 800-63B: length and a blocklist, no composition rules).
 * The blocklist is a curated file beside this module (common-passwords.txt).
 */
import commonPasswordsText from './common-passwords.txt?raw';

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 128;

const COMMON = new Set(
  commonPasswordsText
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith('#')),
);

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common';

export function checkPasswordStrength(password: string, context: { email?: string } = {}): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (length > MAX_PASSWORD_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  // "Welkom123456!" is "welkom" with a tail; "aaaaaaaaaaaa" is one character.
  const withoutTail = lower.replace(/[\d\W_]+$/u, '');
  const withoutHead = lower.replace(/^[\d\W_]+/u, '');
  if (COMMON.has(lower) || COMMON.has(withoutTail) || COMMON.has(withoutHead)) return 'too_common';
  if (new Set(lower).size <= 3) return 'too_common';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'too_common';
  return null;
}

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `Kies een wachtwoord van minstens ${MIN_PASSWORD_LENGTH} tekens. Een zin van een paar woorden werkt goed.`,
  too_long: `Kies een wachtwoord van hoogstens ${MAX_PASSWORD_LENGTH} tekens.`,
  too_common:
    'Dit wachtwoord is te makkelijk te raden. Kies iets dat alleen jij bedenkt, bijvoorbeeld een zin van een paar woorden.',
};
