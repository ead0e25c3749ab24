/**
 * Demo staff accounts (development and demos only): a coordinator, a regional coordinator and a
 * backoffice account, each with a password and a TOTP key made at seed time. Their logins are
 * written to DATA_DIR/demo-login.txt so a new developer can log in with any authenticator app.
 */
import { randomBytes } from 'node:crypto';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { hashPassword } from '~/server/auth/password';
import { encryptTotpKey, generateTotpKey, totpKeyUri } from '~/server/auth/totp';
import type { DbOrTx } from '~/server/db/db';
import { createStaffRepository, type StaffRole } from './staff.repository';

const DEMO_STAFF = [
  {
    key: 'coordinator',
    email: 'coordinator@demo.buurtgezinnen.nl',
    displayName: 'Demi Coördinator',
    role: 'coordinator',
    gemeenten: ['beekdaelen', 'heerenveen'],
    regions: [],
  },
  {
    key: 'regional',
    email: 'regio@demo.buurtgezinnen.nl',
    displayName: 'Rik Regio',
    role: 'regional',
    gemeenten: [],
    regions: ['Noord-Holland'],
  },
  {
    key: 'backoffice',
    email: 'bureau@demo.buurtgezinnen.nl',
    displayName: 'Bo Bureau',
    role: 'backoffice',
    gemeenten: [],
    regions: [],
  },
] as const satisfies readonly {
  key: string;
  email: string;
  displayName: string;
  role: StaffRole;
  gemeenten: readonly string[];
  regions: readonly string[];
}[];

export type DemoStaffKey = (typeof DEMO_STAFF)[number]['key'];
export type DemoLogin = { email: string; role: StaffRole; password: string; totpSecret: string; totpUri: string };

/** Passwords, hashes and TOTP keys, made before the seeding transaction (hashing is slow). */
export async function prepareDemoStaff(appSecret: string) {
  return Promise.all(
    DEMO_STAFF.map(async (s) => {
      const password = `demo-${randomBytes(6).toString('base64url')}`;
      const key = generateTotpKey();
      return {
        ...s,
        password,
        passwordHash: await hashPassword(password),
        totpKeyEncrypted: encryptTotpKey(key, appSecret),
        login: {
          email: s.email,
          role: s.role,
          password,
          totpSecret: encodeBase32UpperCaseNoPadding(key),
          totpUri: totpKeyUri(s.email, key),
        } satisfies DemoLogin,
      };
    }),
  );
}

export async function insertDemoStaff(
  tx: DbOrTx,
  prepared: Awaited<ReturnType<typeof prepareDemoStaff>>,
  now = new Date(),
): Promise<Record<DemoStaffKey, string>> {
  const ids = {} as Record<DemoStaffKey, string>;
  const accounts = createStaffRepository({ db: tx });
  for (const s of prepared) {
    const { id } = await accounts.insert(
      {
        email: s.email,
        displayName: s.displayName,
        role: s.role,
        passwordHash: s.passwordHash,
        totpKeyEncrypted: s.totpKeyEncrypted,
        totpEnrolledAt: now,
      },
      { gemeenten: s.gemeenten, regions: s.regions },
    );
    ids[s.key] = id;
  }
  return ids;
}

export function describeDemoLogins(logins: DemoLogin[]): string {
  return logins
    .map((l) =>
      [
        `Rol: ${l.role}`,
        `E-mail: ${l.email}`,
        `Wachtwoord: ${l.password}`,
        `TOTP-sleutel: ${l.totpSecret}`,
        `TOTP-link: ${l.totpUri}`,
      ].join('\n'),
    )
    .join('\n\n')
    .concat(
      '\n\nVoeg de TOTP-sleutel toe aan een app voor inlogcodes (of open de link op je telefoon) en typ bij het inloggen de code die de app geeft.' +
        '\nGeen app bij de hand? `npm run demo:code` laat de code van nu zien.\n',
    );
}

/** Reads back what describeDemoLogins wrote: the demo accounts by role. */
export function parseDemoLogins(text: string): Record<string, Omit<DemoLogin, 'role' | 'totpUri'> & { role: string }> {
  const out: Record<string, Omit<DemoLogin, 'role' | 'totpUri'> & { role: string }> = {};
  for (const block of text.split('\n\n')) {
    const get = (label: string) => new RegExp(`^${label}: (.+)$`, 'm').exec(block)?.[1]?.trim();
    const role = get('Rol');
    if (role)
      out[role] = { role, email: get('E-mail')!, password: get('Wachtwoord')!, totpSecret: get('TOTP-sleutel')! };
  }
  return out;
}
