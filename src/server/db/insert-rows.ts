/**
 * INSERT statements for the busiest writes (a sign-up's row, its ledger facts, its mails), with
 * the column list made once per table and the values simply appended, instead of drizzle's query
 * builder on every call. The builder walks every column of the table through its generic
 * SQL tree on each insert: 45-90 microseconds of CPU for one of these rows, a sizeable part of
 * what a sign-up costs the web process (issue 18, docs/decisions/035-prepared-statements.md).
 *
 * What stays the same as `db.insert(table).values(rows)`: the table's own columns and names
 * (with the snake_case casing of db.ts), each value converted by its column (jsonb, timestamps),
 * `$defaultFn`/`$onUpdateFn` applied to a missing value and the SQL `default` otherwise, and the
 * result typed by the table. Everything else (updates, selects, rarer inserts) keeps the query
 * builder: this is for a handful of statements that run on every sign-up.
 */
import { type Column, getTableColumns, getTableName, is, Param, SQL, sql, type Table } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { DbOrTx } from './db';

const columnsOf = new WeakMap<Table, [string, Column][]>();
const heads = new WeakMap<Table, SQL>();
const COMMA = sql.raw(', ');
const ROWS = sql.raw('), (');
const DEFAULT = sql.raw('default');

function columns(table: Table): [string, Column][] {
  let entries = columnsOf.get(table);
  if (!entries) {
    entries = Object.entries(getTableColumns(table));
    columnsOf.set(table, entries);
  }
  return entries;
}

/** The column's name in the database: its own, or its key in snake_case (db.ts `casing`). */
const databaseName = (column: Column) => (column.keyAsName ? toSnakeCase(column.name) : column.name);

/** `insert into "table" ("a", "b", ...) values (`, made once per table. */
function head(table: Table): SQL {
  let made = heads.get(table);
  if (!made) {
    const names = columns(table).map(([, column]) => `"${databaseName(column)}"`);
    made = sql.raw(`insert into "${getTableName(table)}" (${names.join(', ')}) values (`);
    heads.set(table, made);
  }
  return made;
}

/** The value of one column of one row, as the query builder would send it (pg-core dialect). */
function columnValue(column: Column, value: unknown): SQL | Param {
  const given =
    value !== undefined
      ? value
      : column.defaultFn !== undefined
        ? column.defaultFn()
        : !column.default && column.onUpdateFn !== undefined
          ? column.onUpdateFn()
          : undefined;
  if (given === undefined) return DEFAULT;
  return is(given, SQL) ? given : new Param(given, column);
}

/**
 * One INSERT of `rows` into `table`; `suffix` is what follows the values, written out by the
 * caller (`on conflict ... do nothing`). Runs it and returns nothing.
 */
export async function insertRows<T extends Table>(
  db: DbOrTx,
  table: T,
  rows: readonly T['$inferInsert'][],
  suffix?: SQL,
): Promise<void> {
  if (rows.length === 0) return;
  const entries = columns(table);
  const chunks: (SQL | Param)[] = [head(table)];
  rows.forEach((row, r) => {
    if (r > 0) chunks.push(ROWS);
    entries.forEach(([key, column], c) => {
      if (c > 0) chunks.push(COMMA);
      chunks.push(columnValue(column, (row as Record<string, unknown>)[key]));
    });
  });
  chunks.push(sql.raw(')'));
  if (suffix) chunks.push(sql.raw(' '), suffix);
  await db.execute(new SQL(chunks));
}
