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
  const db = drizzle(preparing(client), { schema, casing: 'snake_case' });
  return { db, sql: client, close: () => client.end({ timeout: 5 }) };
}

/**
 * The postgres.js client as drizzle sees it, with every query a prepared statement (decision 035).
 *
 * Drizzle runs its queries through `unsafe(query, params, { prepare: false })` unless a query is
 * `.prepare()`d by name. postgres.js then sends an unprepared query with parameters in two round
 * trips (Parse and Describe, wait for the parameter types, then Bind and Execute) and queues every
 * later query of the same connection behind it, so statements issued together are not pipelined.
 * Prepared, a statement is described once per connection (postgres.js keeps it by its text) and
 * after that costs one round trip, pipelines with its neighbours, and PostgreSQL skips parsing and,
 * once its plan is cached, planning. The same holds inside transactions and savepoints: their
 * clients are wrapped too. postgres.js's own tagged queries are prepared already.
 */
function preparing<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'unsafe')
        return (query: string, parameters?: unknown[], options?: object) =>
          value.call(target, query, parameters, { ...options, prepare: true });
      if (property === 'begin' || property === 'savepoint')
        return (...args: unknown[]) => {
          const callback = args.pop() as (client: object) => unknown;
          return value.call(target, ...args, (inner: object) => callback(preparing(inner)));
        };
      return value;
    },
  });
}
