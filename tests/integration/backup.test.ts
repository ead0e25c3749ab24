/**
 * MUST SHOW (issue 17): the backup round trip with the real tools. `npm run db:backup` dumps a
 * database full of (demo) data with pg_dump, `npm run db:restore` puts it into a new database
 * with pg_restore; the row counts match, a restore never overwrites a database with data, and
 * a staff member logs in (password + TOTP) on a portal started on the restored database.
 *
 * The server is Debian's PostgreSQL with its own client tools: the embedded package ships no
 * pg_dump, and pg_dump must be at least the server's version (docs/deploy.md, backups).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { countRows } from '~/server/db/backup';
import { connectDatabase } from '~/server/db/db';
import { migrateDatabase } from '~/server/db/migrate';
import { ensureDatabase } from '~/server/db/open-database';
import { seedDemoContent } from '~/server/demo/demo.seed';
import { loadGemeenteCatalog } from '~/server/gemeenten/gemeenten.catalog';
import { syncGemeenten } from '~/server/gemeenten/gemeenten.usecases';
import { createLogger } from '~/server/logger';
import { parseDemoLogins } from '~/server/staff/staff.demo';
import { type ServerProcess, startServer } from '~tests/support/server-process';
import { totpCodeFor } from '~tests/support/staff-login';
import { type SystemPostgres, startSystemPostgres } from '~tests/support/system-postgres';

let pg: SystemPostgres | undefined;
let server: ServerProcess | undefined;
let workDir: string;
afterAll(async () => {
  await server?.stop();
  await pg?.stop();
  if (workDir) await fs.rm(workDir, { recursive: true, force: true });
});

/** `npm run <script> -- <args>` as an operator types it; resolves with exit code and output. */
function npmRun(script: string, args: string[], env: Record<string, string>) {
  const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      APP_SECRET: 'x'.repeat(40),
      PUBLIC_URL: 'https://portaal.example',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, output })),
  );
}

it('backs up with pg_dump and restores with pg_restore into a new database: same rows, staff can log in', async () => {
  workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'buurtgezinnen-backup-'));
  pg = await startSystemPostgres();
  const sourceUrl = await ensureDatabase(pg.url, 'portaal');
  const source = connectDatabase(sourceUrl, { max: 2 });
  await migrateDatabase(source);
  await syncGemeenten({ db: source.db, catalog: loadGemeenteCatalog() });
  await seedDemoContent({ db: source.db, dataDir: workDir, log: createLogger('warn'), appSecret: 'x'.repeat(40) });
  await source.close();
  const before = await countRows(sourceUrl);
  expect(before['public.registrations']).toBeGreaterThan(0);
  expect(before['public.staff_users']).toBeGreaterThan(0);

  const file = path.join(workDir, 'kopie.dump');
  const backup = await npmRun('db:backup', ['--file', file], { DATABASE_URL: sourceUrl, DATA_DIR: workDir });
  expect(backup.output).toContain(`Reservekopie gemaakt: ${file}`);
  expect(backup.code).toBe(0);
  expect((await fs.stat(file)).size).toBeGreaterThan(10_000);
  await expect(fs.access(`${file}.part`)).rejects.toThrow();

  const restoredUrl = sourceUrl.replace(/\/portaal$/, '/hersteld');
  const restore = await npmRun('db:restore', [file, '--to', restoredUrl], {
    DATABASE_URL: sourceUrl,
    DATA_DIR: workDir,
  });
  expect(restore.output).toContain('Teruggezet in');
  expect(restore.code).toBe(0);
  expect(await countRows(restoredUrl)).toEqual(before);

  // Never over data: the same restore into the (now full) database is refused, and nothing changes.
  const again = await npmRun('db:restore', [file, '--to', restoredUrl], { DATA_DIR: workDir });
  expect(again.code).toBe(1);
  expect(again.output).toContain('is niet leeg');
  expect(await countRows(restoredUrl)).toEqual(before);

  // The portal on the restored database: the demo coordinator logs in with password and TOTP.
  server = await startServer({ DATABASE_URL: restoredUrl, OUTBOX_WORKER: 'false' });
  const logins = parseDemoLogins(await fs.readFile(path.join(workDir, 'demo-login.txt'), 'utf8'));
  const coordinator = Object.values(logins).find((login) => login.role === 'coordinator')!;
  const post = (pathname: string, body: Record<string, string>, cookie?: string) =>
    fetch(`${server!.url}${pathname}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        origin: server!.url,
        'content-type': 'application/x-www-form-urlencoded',
        ...(cookie ? { cookie } : {}),
      },
      body: new URLSearchParams(body),
    });
  const password = await post('/inloggen', { email: coordinator.email, password: coordinator.password });
  expect(password.status).toBe(303);
  const pending = password.headers.getSetCookie()[0]!.split(';')[0]!;
  const code = await post('/inloggen/code', { code: totpCodeFor(coordinator.totpSecret) }, pending);
  expect(code.status).toBe(303);
  const session = code.headers.getSetCookie()[0]!.split(';')[0]!;
  const inbox = await fetch(`${server.url}/inbox`, { headers: { cookie: session }, redirect: 'manual' });
  expect(inbox.status).toBe(200);
  expect(await inbox.text()).toContain('Inbox');

  // docs/deploy.md step 9 on the restored database: the first backoffice account from the shell.
  const invite = await npmRun(
    'staff:invite',
    ['--email', 'nieuw@buurtgezinnen.example', '--name', 'Nieuwe Beheerder'],
    {
      DATABASE_URL: restoredUrl,
      DATA_DIR: workDir,
      PUBLIC_URL: server.url,
    },
  );
  expect(invite.output).toContain('Account aangemaakt');
  expect(invite.code).toBe(0);
  const link = /Eenmalige link .*: (\S+)/.exec(invite.output)![1]!;
  const invitation = await fetch(link);
  expect(invitation.status).toBe(200);
  expect(await invitation.text()).toContain('Nieuwe Beheerder');
}, 180_000);
