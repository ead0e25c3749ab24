/**
 * `npm run demo:reset`: start the demo over. Everything in the portal's database goes (tables,
 * search set-up and the record of applied migrations), as do the development mailbox and
 * DATA_DIR/demo-login.txt; the next `npm start` then migrates, loads the gemeenten and seeds
 * fresh demo content with new passwords and TOTP keys, exactly as on a first start. Only for
 * development: the script refuses in production and for a database the portal does not run
 * itself (DATABASE_URL), and the DATA_DIR claim makes it refuse while the portal is running
 * (src/server/db/data-dir-lock.ts).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseConnection } from '~/server/db/db';

export async function resetDemoContent(connection: DatabaseConnection, options: { dataDir: string }): Promise<void> {
  await connection.sql.begin(async (sql) => {
    await sql.unsafe('drop schema if exists drizzle cascade');
    await sql.unsafe('drop schema public cascade');
    await sql.unsafe('create schema public');
  });
  // Mail and logins of the old demo point at records and accounts that are gone.
  await fs.rm(path.join(options.dataDir, 'mail'), { recursive: true, force: true });
  await fs.rm(path.join(options.dataDir, 'demo-login.txt'), { force: true });
}
