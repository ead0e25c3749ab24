/**
 * Demo staff accounts (development and demos only): the coordinators of Beekdaelen, Heerenveen
 * and Haarlem (the names on their gemeente's page, so the page, the thank-you page and the mail
 * name the same person), the regional coordinator of Noord-Holland (who picks up Uithoorn, which
 * has no coordinator), a backoffice account and a beleidsmedewerker of gemeente Beekdaelen (the
 * gemeente role: its reports, nothing else), each with a password and a TOTP key made at seed
 * time. Their logins are written to DATA_DIR/demo-login.txt so a new developer can log in with any
 * authenticator app.
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
    displayName: 'Maud Hendriks',
    role: 'coordinator',
    gemeenten: ['beekdaelen'],
    regions: [],
  },
  {
    key: 'coordinatorHeerenveen',
    email: 'heerenveen@demo.buurtgezinnen.nl',
    displayName: 'Sietske de Vries',
    role: 'coordinator',
    gemeenten: ['heerenveen'],
    regions: [],
  },
  {
    key: 'coordinatorHaarlem',
    email: 'haarlem@demo.buurtgezinnen.nl',
    displayName: 'Yasmina el Amrani',
    role: 'coordinator',
    gemeenten: ['haarlem'],
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
  {
    key: 'gemeente',
    email: 'gemeente@demo.buurtgezinnen.nl',
    displayName: 'Lieke Janssen',
    role: 'gemeente',
    gemeenten: ['beekdaelen'],
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
export type DemoLogin = {
  email: string;
  displayName: string;
  role: StaffRole;
  /** Where the account works, in words ("Beekdaelen", "regio Noord-Holland (Haarlem en Uithoorn)"). */
  workArea: string;
  password: string;
  totpSecret: string;
  totpUri: string;
};

/** The demo coordinator of a gemeente (demo records are written in her name), or null. */
export function demoCoordinatorOf(gemeente: string, ids: Record<DemoStaffKey, string>): string | null {
  const found = DEMO_STAFF.find(
    (account) => account.role === 'coordinator' && (account.gemeenten as readonly string[]).includes(gemeente),
  );
  return found ? ids[found.key] : null;
}

/**
 * Passwords, hashes and TOTP keys, made before the seeding transaction (hashing is slow).
 * `workAreas` says in words where each account works (the login file names it).
 */
export async function prepareDemoStaff(
  appSecret: string,
  workAreas: (account: { role: StaffRole; gemeenten: readonly string[]; regions: readonly string[] }) => string = () =>
    '',
) {
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
          displayName: s.displayName,
          role: s.role,
          workArea: workAreas(s),
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

const DEMO_LOGIN_INTRO = [
  'Inloggen in de demo van het Buurtgezinnen-portaal (alleen voor ontwikkeling en demo’s).',
  '',
  'Elk account hieronder heeft een wachtwoord en een TOTP-sleutel. Voeg de sleutel toe aan een app voor',
  'inlogcodes (of open de link op je telefoon) en typ bij het inloggen de code die de app geeft.',
  'Geen app bij de hand? `npm run demo:code` laat de code van nu zien.',
  'Een code werkt één keer: wil je opnieuw inloggen met hetzelfde account, wacht dan op de volgende code (elke 30 seconden).',
  'Alles opnieuw, met nieuwe wachtwoorden en sleutels? Stop het portaal, voer `npm run demo:reset` uit en start het weer met `npm start`.',
].join('\n');

export function describeDemoLogins(logins: DemoLogin[]): string {
  return [
    DEMO_LOGIN_INTRO,
    ...logins.map((l) =>
      [
        `Naam: ${l.displayName}`,
        `Rol: ${l.role}`,
        `Werkt in: ${l.workArea}`,
        `E-mail: ${l.email}`,
        `Wachtwoord: ${l.password}`,
        `TOTP-sleutel: ${l.totpSecret}`,
        `TOTP-link: ${l.totpUri}`,
      ].join('\n'),
    ),
  ]
    .join('\n\n')
    .concat('\n');
}

type ParsedLogin = { email: string; role: string; name: string; password: string; totpSecret: string };

/** Reads back what describeDemoLogins wrote: the demo accounts by e-mail address. */
export function parseDemoLogins(text: string): Record<string, ParsedLogin> {
  const out: Record<string, ParsedLogin> = {};
  for (const block of text.split('\n\n')) {
    const get = (label: string) => new RegExp(`^${label}: (.+)$`, 'm').exec(block)?.[1]?.trim();
    const email = get('E-mail');
    const role = get('Rol');
    if (email && role)
      out[email] = {
        email,
        role,
        name: get('Naam') ?? '',
        password: get('Wachtwoord')!,
        totpSecret: get('TOTP-sleutel')!,
      };
  }
  return out;
}
