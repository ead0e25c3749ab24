/**
 * A PostgreSQL server from Debian's packages (`postgresql`, installed by scripts/test.sh when
 * missing), in a temporary folder on a free port: for tests that need the server's own client
 * tools (pg_dump/pg_restore of the same major version, which the embedded package does not ship).
 */
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '~/server/db/embedded-postgres';

export type SystemPostgres = { url: string; binDir: string; major: number; stop: () => Promise<void> };

/** uid/gid to run the server as: root may not run PostgreSQL, so use the package's 'postgres' user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('user postgres is missing (apt-get install postgresql)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export async function startSystemPostgres(): Promise<SystemPostgres> {
  const major = readdirSync('/usr/lib/postgresql')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .sort((a, b) => b - a)[0];
  if (!major) throw new Error('no PostgreSQL in /usr/lib/postgresql (apt-get install postgresql)');
  const binDir = `/usr/lib/postgresql/${major}/bin`;
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'buurtgezinnen-syspg-'));
  const user = serverUser();
  if (user) await fs.chown(root, user.uid, user.gid);
  const dataDir = path.join(root, 'data');
  const run = (file: string, args: string[]) =>
    execFileSync(path.join(binDir, file), args, { ...user, cwd: root, stdio: 'pipe' });
  run('initdb', ['-D', dataDir, '--encoding=UTF8', '--locale=C.UTF-8', '-A', 'trust', '-U', 'postgres']);
  const port = await freePort();
  const server = spawn(
    path.join(binDir, 'postgres'),
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${root}`],
    { ...user, cwd: root, stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  process.once('exit', () => server.kill('SIGKILL'));
  for (let i = 0; i < 100; i++) {
    try {
      run('pg_isready', ['-h', '127.0.0.1', '-p', String(port)]);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    binDir,
    major,
    stop: async () => {
      server.kill('SIGINT');
      await exited;
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}
