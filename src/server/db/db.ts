/**
 * The one database module: one postgres.js pool, wrapped by drizzle with the whole schema.
 * Domain code receives a `Database` as an argument; it never opens its own connection.
 */
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Database = PostgresJsDatabase<typeof schema>;
/** A database handle or an open transaction: repositories accept either. */
export type DbOrTx = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

export type DatabaseConnection = { db: Database; sql: postgres.Sql; close: () => Promise<void> };

export function connectDatabase(url: string, options: { max?: number } = {}): DatabaseConnection {
  const client = postgres(url, {
    max: options.max ?? 10,
    // Fail fast while PostgreSQL is down or restarting (the default waits 30 s): the visitor gets a
    // Dutch 503 page within seconds, and the next query after the restart reconnects by itself.
    connect_timeout: 3,
    // postgres.js waits before reconnecting after a failed connection, growing to 20 s; a query
    // queued meanwhile waits too. Retry within a second instead, so a request during an outage
    // gets its 503 at once and the first one after the restart gets through (issue 17 faults).
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    onnotice: () => {},
    connection: { application_name: 'buurtgezinnen', TimeZone: 'UTC' },
  });
  const db = drizzle(client, { schema, casing: 'snake_case' });
  return { db, sql: client, close: () => client.end({ timeout: 5 }) };
}
