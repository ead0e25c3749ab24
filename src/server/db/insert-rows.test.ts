/**
 * insertRows writes what drizzle's `db.insert(table).values(rows)` writes (insert-rows.ts), and
 * drizzle's own queries go to PostgreSQL as prepared statements (db.ts, decision 035).
 */
import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '~tests/support/database';
import { idColumn, timestampColumns, timestamptz } from './columns.helpers';
import type { Database } from './db';
import { insertRows } from './insert-rows';

// A table of this test only, with every kind of column the busy inserts use.
const samples = pgTable('insert_rows_samples', {
  id: idColumn(),
  label: text().notNull(),
  camelCaseName: text(),
  payload: jsonb().$type<{ nested: { list: number[] }; text: string }>(),
  counted: integer().notNull().default(7),
  token: text().$defaultFn(() => 'made-by-default-fn'),
  dueAt: timestamptz('due_at_custom_name'),
  ...timestampColumns(),
});

let db: Database;
beforeAll(async () => {
  db = (await createTestDatabase()).db;
  await db.execute(sql`create table insert_rows_samples (
    id uuid primary key default gen_random_uuid(),
    label text not null unique,
    camel_case_name text,
    payload jsonb,
    counted integer not null default 7,
    token text,
    due_at_custom_name timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`);
});

const row = (label: string) => ({
  label,
  camelCaseName: 'Zoë "quoted" \\ back',
  payload: { nested: { list: [1, 2, 3] }, text: "l'été" },
  dueAt: new Date('2026-11-30T12:34:56.789Z'),
});
const stored = async (label: string) => {
  const [found] = await db.select().from(samples).where(sql`${samples.label} = ${label}`);
  const { id, createdAt, updatedAt, label: _label, ...rest } = found!;
  return { id: typeof id, createdAt: createdAt instanceof Date, updatedAt: updatedAt instanceof Date, ...rest };
};

describe('insertRows', () => {
  it('stores the same values, defaults and column names as the query builder', async () => {
    await db.insert(samples).values(row('builder'));
    await insertRows(db, samples, [row('ours')]);
    const ours = await stored('ours');
    expect(ours).toEqual(await stored('builder'));
    expect(ours).toMatchObject({
      camelCaseName: 'Zoë "quoted" \\ back',
      payload: { nested: { list: [1, 2, 3] }, text: "l'été" },
      counted: 7,
      token: 'made-by-default-fn',
      dueAt: new Date('2026-11-30T12:34:56.789Z'),
    });
  });

  it('writes several rows in one statement, missing values as defaults, and takes a suffix', async () => {
    await insertRows(db, samples, [
      { label: 'first', counted: 1 },
      { label: 'second', token: 'given', payload: null },
    ]);
    expect(await stored('first')).toMatchObject({ counted: 1, token: 'made-by-default-fn', payload: null });
    expect(await stored('second')).toMatchObject({ counted: 7, token: 'given', payload: null });
    await insertRows(db, samples, [{ label: 'first', counted: 99 }], sql.raw('on conflict (label) do nothing'));
    expect(await stored('first')).toMatchObject({ counted: 1 });
    await expect(insertRows(db, samples, [{ label: 'first' }])).rejects.toSatisfy(
      (error) => (error as { cause?: { code?: string } }).cause?.code === '23505', // unique_violation
    );
  });

  it('does nothing for no rows', async () => {
    await expect(insertRows(db, samples, [])).resolves.toBeUndefined();
  });
});

describe('drizzle queries', () => {
  it('run as prepared statements, also inside a transaction', async () => {
    const prepared = await db.transaction(async (tx) => {
      await tx.select().from(samples).where(sql`${samples.label} = ${'first'}`);
      return tx.execute<{ statement: string }>(sql`select statement from pg_prepared_statements`);
    });
    expect(prepared.map((p) => p.statement)).toContainEqual(expect.stringMatching(/from "insert_rows_samples" where/));
  });
});
