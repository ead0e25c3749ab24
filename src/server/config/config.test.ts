import { describe, expect, it } from 'vitest';
import { ConfigError, describeStartMode, parseConfig } from './config';

function problemsOf(env: Record<string, string>) {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the configuration to be refused');
}

describe('parseConfig', () => {
  it('needs no setting at all for development', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      env: 'development',
      databaseUrl: undefined,
      port: 4321,
      host: 'localhost',
      publicUrl: 'http://localhost:4321',
      smtpUrl: undefined,
      demoContent: true,
      trustProxy: false,
    });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('has sign-up abuse settings with safe defaults, in milliseconds inside', () => {
    expect(parseConfig({}).registrations).toEqual({ minFillMs: 3000, limitPerAddressPerHour: 20 });
    expect(
      parseConfig({ REGISTRATION_MIN_FILL_SECONDS: '0.5', REGISTRATION_LIMIT_PER_HOUR: '100' }).registrations,
    ).toEqual({ minFillMs: 500, limitPerAddressPerHour: 100 });
  });

  it('caches public profile pages at most one second', () => {
    expect(parseConfig({}).profileCacheMs).toBe(1000);
    expect(parseConfig({ PROFILE_CACHE_MS: '0' }).profileCacheMs).toBe(0);
  });

  it('renews a VOG after three years unless told otherwise', () => {
    expect(parseConfig({}).vogRenewalYears).toBe(3);
    expect(parseConfig({ VOG_RENEWAL_YEARS: '5' }).vogRenewalYears).toBe(5);
  });

  it('keeps finished public pages in 64 MB of memory unless told otherwise', () => {
    expect(parseConfig({}).pageCacheBytes).toBe(64 * 1024 * 1024);
    expect(parseConfig({ PAGE_CACHE_MB: '0' }).pageCacheBytes).toBe(0);
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ DATABASE_URL: '', PORT: ' ' }).port).toBe(4321);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT', /getal/],
    [{ PORT: '70000' }, 'PORT', /tussen 1 en 65535/],
    [{ PORT: '12.5' }, 'PORT', /heel getal/],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL', /postgres:\/\//],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL', /postgres:\/\//],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL', /smtp:\/\/ of smtps:\/\//],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL', /http:\/\//],
    [{ TRUST_PROXY: 'misschien' }, 'TRUST_PROXY', /true of false/],
    [{ MAIL_FROM: 'geen adres' }, 'MAIL_FROM', /e-mailadres/],
    [{ APP_SECRET: 'kort' }, 'APP_SECRET', /32 tekens/],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV', /development, production of test/],
    [{ REGISTRATION_MIN_FILL_SECONDS: '-1' }, 'REGISTRATION_MIN_FILL_SECONDS', /negatief/],
    [{ REGISTRATION_LIMIT_PER_HOUR: '0' }, 'REGISTRATION_LIMIT_PER_HOUR', /minstens 1/],
    [{ PROFILE_CACHE_MS: '5000' }, 'PROFILE_CACHE_MS', /hoogstens 1000/],
    [{ VOG_RENEWAL_YEARS: '0' }, 'VOG_RENEWAL_YEARS', /tussen 1 en 10/],
    [{ PAGE_CACHE_MB: '-1' }, 'PAGE_CACHE_MB', /negatief/],
  ])('refuses %o naming %s', (env, variable, message) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.variable).toBe(variable);
    expect(problems[0]!.message).toMatch(message);
  });

  it('lists every bad variable at once, in a message that points to .env.example', () => {
    let message = '';
    try {
      parseConfig({ PORT: 'x', SMTP_URL: 'nope' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('PORT');
    expect(message).toContain('SMTP_URL');
    expect(message).toContain('.env.example');
  });

  it('demands a secret and a public URL in production, and never demo content', () => {
    const problems = problemsOf({ NODE_ENV: 'production', DEMO_CONTENT: 'true' }).map((p) => p.variable);
    expect(problems).toEqual(['APP_SECRET', 'PUBLIC_URL', 'DEMO_CONTENT']);
    const config = parseConfig({
      NODE_ENV: 'production',
      APP_SECRET: 'x'.repeat(40),
      PUBLIC_URL: 'https://www.buurtgezinnen.nl/',
    });
    expect(config.demoContent).toBe(false);
    expect(config.publicUrl).toBe('https://www.buurtgezinnen.nl');
  });

  it.each(['0.0.0.0', '::', '192.168.1.20', 'portaal.example.nl', '10.0.0.7'])(
    'refuses development mode on the network address %s (public secret, demo accounts, open mailbox)',
    (host) => {
      const envs: Record<string, string>[] = [
        { HOST: host },
        { HOST: host, NODE_ENV: 'test' },
        { HOST: host, NODE_ENV: 'development' },
      ];
      for (const env of envs) {
        const problems = problemsOf(env);
        expect(problems.map((p) => p.variable)).toEqual(['HOST']);
        expect(problems[0]!.message).toMatch(/ontwikkelmodus/);
        expect(problems[0]!.message).toContain('NODE_ENV=production');
      }
    },
  );

  it.each(['localhost', '127.0.0.1', '127.0.1.1', '::1', '[::1]'])('allows development mode on loopback %s', (host) => {
    const config = parseConfig({ HOST: host });
    expect(config.devTools).toBe(true);
    expect(config.demoContent).toBe(true);
  });

  it('lets production listen on any address, without development tools', () => {
    const config = parseConfig({
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      APP_SECRET: 'x'.repeat(40),
      PUBLIC_URL: 'https://a.nl',
    });
    expect(config.devTools).toBe(false);
    expect(config.demoContent).toBe(false);
  });

  it('says at start which mode runs and why', () => {
    expect(describeStartMode(parseConfig({}))).toMatch(
      /^Ontwikkelmodus \(NODE_ENV is niet production\).*alleen bereikbaar op deze computer/s,
    );
    const production = parseConfig({ NODE_ENV: 'production', APP_SECRET: 'x'.repeat(40), PUBLIC_URL: 'https://a.nl' });
    expect(describeStartMode(production)).toMatch(/^Productiemodus \(NODE_ENV=production\)/);
    expect(describeStartMode(production)).not.toMatch(/demo/i);
  });
});
