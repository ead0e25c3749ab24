import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Primary key: random UUID, so ids cannot be guessed or counted from the outside. */
export const idColumn = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);

export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const timestampColumns = () => ({
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  updatedAt: timestamptz('updated_at')
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});

/**
 * `column = any('{…}'::uuid[])`: a list of ids as one parameter. An IN list of 2,000 parameters
 * costs more to send and plan than the lookup itself. Only for ids that come from the database.
 */
export function anyUuid(column: AnyColumn | SQL, ids: readonly string[]): SQL {
  return sql`${column} = any(${`{${ids.join(',')}}`}::uuid[])`;
}
