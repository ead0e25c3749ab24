/**
 * The portal's database inside the embedded PostgreSQL of a server started with `DATA_DIR` and
 * no DATABASE_URL (the e2e server, the sign-up benchmark). That cluster listens on 127.0.0.1 on
 * a port it picks at start; PostgreSQL writes the port on line 4 of `postmaster.pid` in its data
 * folder. User, password and database name are the fixed local-only values of
 * src/server/db/embedded-postgres.ts and open-database.ts. See docs/decisions/010-test-factories-and-e2e-staff.md.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function embeddedDatabaseUrl(dataDir: string): string {
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  const port = Number(readFileSync(pidFile, 'utf8').split('\n')[3]);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`no port in ${pidFile}: is the server running?`);
  return `postgres://postgres:buurtgezinnen-local@127.0.0.1:${port}/buurtgezinnen`;
}
