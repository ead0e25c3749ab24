/**
 * The one module that reads the environment. Everything else receives an `AppConfig`.
 * A bad value stops the start with a message that names the variable and says what is expected.
 */
import { isIPv4 } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const bool = (name: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => ['1', '0', 'true', 'false', 'yes', 'no', 'ja', 'nee'].includes(v), {
      message: `${name} moet true of false zijn`,
    })
    .transform((v) => ['1', 'true', 'yes', 'ja'].includes(v));

const url = (name: string, protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      { message: `${name} moet een URL zijn die begint met ${protocols.map((p) => `${p}//`).join(' of ')}` },
    );

const envSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], {
      message: 'NODE_ENV moet development, production of test zijn',
    })
    .default('development'),
  DATABASE_URL: url('DATABASE_URL', ['postgres:', 'postgresql:']).optional(),
  DATA_DIR: z.string().trim().min(1, 'DATA_DIR mag niet leeg zijn').default('data'),
  HOST: z.string().trim().min(1, 'HOST mag niet leeg zijn').default('localhost'),
  PORT: z.coerce
    .number({ message: 'PORT moet een getal zijn' })
    .int('PORT moet een heel getal zijn')
    .min(1, 'PORT moet tussen 1 en 65535 liggen')
    .max(65535, 'PORT moet tussen 1 en 65535 liggen')
    .default(4321),
  PUBLIC_URL: url('PUBLIC_URL', ['http:', 'https:']).optional(),
  SMTP_URL: url('SMTP_URL', ['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .regex(
      /^(.+<)?[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+>?$/,
      'MAIL_FROM moet een e-mailadres zijn, bijvoorbeeld "Buurtgezinnen <noreply@buurtgezinnen.nl>"',
    )
    .default('Buurtgezinnen <noreply@buurtgezinnen.nl>'),
  MEILISEARCH_URL: url('MEILISEARCH_URL', ['http:', 'https:']).optional(),
  MEILISEARCH_KEY: z.string().trim().min(1).optional(),
  APP_SECRET: z.string().min(32, 'APP_SECRET moet minstens 32 tekens lang zijn').optional(),
  TRUST_PROXY: bool('TRUST_PROXY').default(false),
  DEMO_CONTENT: bool('DEMO_CONTENT').optional(),
  OUTBOX_WORKER: bool('OUTBOX_WORKER').default(true),
  REGISTRATION_MIN_FILL_SECONDS: z.coerce
    .number({ message: 'REGISTRATION_MIN_FILL_SECONDS moet een getal zijn' })
    .min(0, 'REGISTRATION_MIN_FILL_SECONDS mag niet negatief zijn')
    .max(600, 'REGISTRATION_MIN_FILL_SECONDS mag hoogstens 600 zijn')
    .default(3),
  REGISTRATION_LIMIT_PER_HOUR: z.coerce
    .number({ message: 'REGISTRATION_LIMIT_PER_HOUR moet een getal zijn' })
    .int('REGISTRATION_LIMIT_PER_HOUR moet een heel getal zijn')
    .min(1, 'REGISTRATION_LIMIT_PER_HOUR moet minstens 1 zijn')
    .default(20),
  PROFILE_CACHE_MS: z.coerce
    .number({ message: 'PROFILE_CACHE_MS moet een getal zijn' })
    .int('PROFILE_CACHE_MS moet een heel getal zijn')
    .min(0, 'PROFILE_CACHE_MS mag niet negatief zijn')
    .max(1000, 'PROFILE_CACHE_MS mag hoogstens 1000 zijn: wijzigingen moeten binnen een seconde zichtbaar zijn')
    .default(1000),
  VOG_RENEWAL_YEARS: z.coerce
    .number({ message: 'VOG_RENEWAL_YEARS moet een getal zijn' })
    .int('VOG_RENEWAL_YEARS moet een heel getal zijn')
    .min(1, 'VOG_RENEWAL_YEARS moet tussen 1 en 10 liggen')
    .max(10, 'VOG_RENEWAL_YEARS moet tussen 1 en 10 liggen')
    .default(3),
  PAGE_CACHE_MB: z.coerce
    .number({ message: 'PAGE_CACHE_MB moet een getal zijn' })
    .int('PAGE_CACHE_MB moet een heel getal zijn')
    .min(0, 'PAGE_CACHE_MB mag niet negatief zijn')
    .max(4096, 'PAGE_CACHE_MB mag hoogstens 4096 zijn')
    .default(64),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error'], { message: 'LOG_LEVEL moet debug, info, warn of error zijn' })
    .default('info'),
  LOG_FORMAT: z.enum(['json', 'text'], { message: 'LOG_FORMAT moet json of text zijn' }).optional(),
  PG_BIN_DIR: z.string().trim().min(1).optional(),
  HEALTH_TOKEN: z
    .string()
    .trim()
    .min(32, 'HEALTH_TOKEN moet minstens 32 tekens lang zijn')
    .regex(/^[\x21-\x7e]+$/, 'HEALTH_TOKEN mag alleen zichtbare ASCII-tekens bevatten (geen spaties)')
    .optional(),
});

export type AppConfig = {
  env: 'development' | 'production' | 'test';
  isProduction: boolean;
  /** Absent: the portal runs its own embedded PostgreSQL under `dataDir/postgres`. */
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  meilisearch: { url: string; key: string | undefined } | undefined;
  appSecret: string;
  trustProxy: boolean;
  /**
   * Development tools (demo accounts, the development secret, /dev/mailbox). Only outside
   * production, and then the server must listen on loopback only: see loopbackOnly().
   */
  devTools: boolean;
  demoContent: boolean;
  outboxWorker: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** JSON lines for a log collector (production default) or text for a terminal. */
  logFormat: 'json' | 'text';
  /** Bearer token for /healthz details and /metrics (monitoring); absent: only a staff session sees them. */
  healthToken: string | undefined;
  /** Folder with pg_dump/pg_restore for db:backup and db:restore, when not found by themselves. */
  pgBinDir: string | undefined;
  /** Sign-up forms: fastest plausible fill time (bots are faster) and sign-ups per client address per hour. */
  registrations: { minFillMs: number; limitPerAddressPerHour: number };
  /** How long the public profile pages reuse a database answer (0 = never); changes also clear it at once. */
  profileCacheMs: number;
  /** A steungezin's VOG counts as valid this many years after it was received (a reminder comes before). */
  vogRenewalYears: number;
  /** Memory for finished public pages and share images (decision 023), in bytes; 0 = every request renders. */
  pageCacheBytes: number;
};

export class ConfigError extends Error {
  constructor(public readonly problems: { variable: string; message: string }[]) {
    super(
      `De configuratie klopt niet:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n')}\n` +
        'Zie .env.example voor alle instellingen.',
    );
    this.name = 'ConfigError';
  }
}

// Only used outside production, where nothing secret is protected by it.
const DEVELOPMENT_SECRET = 'development-only-secret-do-not-use-in-production!';

export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  // An empty variable means "not set", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '?'), message: issue.message })),
    );
  }
  const e = result.data;
  const isProduction = e.NODE_ENV === 'production';
  const problems: { variable: string; message: string }[] = [];
  if (isProduction && !e.APP_SECRET)
    problems.push({ variable: 'APP_SECRET', message: 'is verplicht in productie (minstens 32 tekens)' });
  if (isProduction && !e.PUBLIC_URL)
    problems.push({
      variable: 'PUBLIC_URL',
      message: 'is verplicht in productie, bijvoorbeeld https://www.buurtgezinnen.nl',
    });
  if (isProduction && e.DEMO_CONTENT)
    problems.push({ variable: 'DEMO_CONTENT', message: 'demo-inhoud kan niet aan in productie' });
  // Development mode uses a secret from the source code, seeds demo staff accounts and shows every
  // e-mail (invitations, password resets) on /dev/mailbox without login: never on a network.
  if (!isProduction && !isLoopbackHost(e.HOST))
    problems.push({
      variable: 'HOST',
      message:
        `in ontwikkelmodus luistert het portaal alleen op deze computer (localhost), niet op ${e.HOST}: ` +
        'het gebruikt dan een bekend geheim, maakt demo-accounts aan en toont alle e-mail zonder inloggen. ' +
        'Zet NODE_ENV=production (met APP_SECRET en PUBLIC_URL) om het portaal op een netwerk te zetten, of laat HOST weg.',
    });
  if (e.MEILISEARCH_URL && !e.MEILISEARCH_KEY && isProduction)
    problems.push({ variable: 'MEILISEARCH_KEY', message: 'is verplicht als MEILISEARCH_URL gezet is' });
  if (problems.length) throw new ConfigError(problems);

  return {
    env: e.NODE_ENV,
    isProduction,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    host: e.HOST,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    meilisearch: e.MEILISEARCH_URL ? { url: e.MEILISEARCH_URL, key: e.MEILISEARCH_KEY } : undefined,
    appSecret: e.APP_SECRET ?? DEVELOPMENT_SECRET,
    trustProxy: e.TRUST_PROXY,
    devTools: !isProduction,
    demoContent: e.DEMO_CONTENT ?? !isProduction,
    outboxWorker: e.OUTBOX_WORKER,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (isProduction ? 'json' : 'text'),
    healthToken: e.HEALTH_TOKEN,
    pgBinDir: e.PG_BIN_DIR,
    registrations: {
      minFillMs: Math.round(e.REGISTRATION_MIN_FILL_SECONDS * 1000),
      limitPerAddressPerHour: e.REGISTRATION_LIMIT_PER_HOUR,
    },
    profileCacheMs: e.PROFILE_CACHE_MS,
    vogRenewalYears: e.VOG_RENEWAL_YEARS,
    pageCacheBytes: e.PAGE_CACHE_MB * 1024 * 1024,
  };
}

/**
 * Whether HOST keeps the server on this computer: `localhost`, 127.0.0.0/8 or ::1. Anything else
 * (0.0.0.0, ::, a network address or a name) can be reached from other machines.
 */
function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost' || bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  return isIPv4(bare) && bare.startsWith('127.');
}

/** The start message: which mode runs and why, in one or two sentences. */
export function describeStartMode(config: AppConfig): string {
  if (config.isProduction)
    return (
      `Productiemodus (NODE_ENV=production): het portaal is bereikbaar via ${config.publicUrl}` +
      (config.trustProxy ? ' achter een proxy (TRUST_PROXY=true)' : '') +
      '; alle hulpmiddelen voor ontwikkeling staan uit.'
    );
  return (
    `Ontwikkelmodus (NODE_ENV is niet production): demo-inhoud, een geheim uit de broncode en het postvak ` +
    `op /dev/mailbox staan aan. Daarom is het portaal alleen bereikbaar op deze computer (HOST=${config.host}). ` +
    'Voor echt gebruik: NODE_ENV=production met APP_SECRET en PUBLIC_URL.'
  );
}

let cached: AppConfig | undefined;
/** The process configuration, parsed once. */
export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** For command-line scripts: the configuration, or exit with the message naming the bad variable. */
export function getConfigOrExit(): AppConfig {
  try {
    return getConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : String(error));
    process.exit(1);
  }
}
