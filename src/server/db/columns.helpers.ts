import { sql } from 'drizzle-orm';
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
