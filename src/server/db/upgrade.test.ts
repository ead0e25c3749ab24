/**
 * Rolling upgrades (docs/deploy.md, "Upgrades"): each migration must apply to a database that
 * already holds data from the migrations before it, because in production it always does.
 * For the newest migrations: migrate an empty database up to the one before, fill every table
 * with rows that fit its columns, enums, foreign keys and checks (a check that lists the allowed
 * values gives them; one with a pattern gets an everyday value that matches), then apply the rest. A
 * migration that adds a NOT NULL column without a default, a unique index existing rows break,
 * or a type change they cannot take fails here, not on the live database.
 *
 * And the expand-then-contract rule, checked on the SQL: a migration that removes or renames
 * something old instances still use must say so (`-- contract:` with the release whose code
 * stopped using it), so the reviewer knows it may only ship after every instance runs that release.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from './db';
import { migrateDatabase } from './migrate';

const MIGRATIONS = path.resolve('db/migrations');
/** How many of the newest migrations to check against a filled database (older ones run in production already). */
const NEWEST = 3;
/** Migrations written before the rule; later ones need a `-- contract:` line to remove or rename. */
// 0015_gemeente_words renames tables and columns: it predates the rule and needs a full stop to upgrade (docs/deploy.md).
const BEFORE_THE_RULE = 15;

type Journal = { entries: { idx: number; tag: string }[] };
const journal = async (): Promise<Journal> =>
  JSON.parse(await fs.readFile(path.join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as Journal;

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A folder with the first `count` migrations of the repository (journal cut to match). */
async function migrationsUpTo(count: number): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'buurtgezinnen-migrations-'));
  cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
  const full = await journal();
  await fs.mkdir(path.join(dir, 'meta'));
  await fs.writeFile(
    path.join(dir, 'meta/_journal.json'),
    JSON.stringify({ ...full, entries: full.entries.slice(0, count) }),
  );
  for (const entry of full.entries.slice(0, count))
    await fs.copyFile(path.join(MIGRATIONS, `${entry.tag}.sql`), path.join(dir, `${entry.tag}.sql`));
  return dir;
}

async function emptyDatabase(): Promise<string> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `upgrade_${randomBytes(5).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const drop = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await drop.unsafe(`drop database if exists ${name} with (force)`);
    await drop.end();
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function migrate(url: string, folder: string) {
  const previous = process.env.MIGRATIONS_DIR;
  process.env.MIGRATIONS_DIR = folder;
  const connection = connectDatabase(url, { max: 2 });
  try {
    await migrateDatabase(connection);
  } finally {
    await connection.close();
    if (previous === undefined) delete process.env.MIGRATIONS_DIR;
    else process.env.MIGRATIONS_DIR = previous;
  }
}

type Column = {
  name: string;
  type: string;
  notNull: boolean;
  hasDefault: boolean;
  generated: boolean;
  enumLabels: string[] | null;
};

/** Values tried for a text column a check limits to a pattern (a time, a day, a postcode, a phone number). */
const PATTERN_SAMPLES = ['19:30', '2026-01-15', '6191 AB', '+31612345678', '0612345678', 'abc', '1'];

/** A value of `type` for row `i` (as text, cast by the INSERT). */
function valueFor(column: Column, i: number): string | null {
  if (column.enumLabels?.length) return column.enumLabels[i % column.enumLabels.length]!;
  const type = column.type;
  if (type.endsWith('[]')) return '{}';
  if (type === 'uuid') return randomUUID();
  if (/^(integer|bigint|smallint)$/.test(type)) return String(i + 1);
  if (/^(numeric|double precision|real)/.test(type)) return String(i + 1.5);
  if (type === 'boolean') return i % 2 ? 'true' : 'false';
  if (type.startsWith('timestamp')) return new Date(Date.now() - i * 86_400_000).toISOString();
  if (type === 'date') return `2026-01-${String((i % 27) + 1).padStart(2, '0')}`;
  if (type === 'jsonb' || type === 'json') return '{}';
  if (type === 'inet') return `192.0.2.${i + 1}`;
  if (type === 'bytea') return '\\x00';
  if (type === 'interval') return '1 day';
  if (type === 'tsvector') return '';
  return `${column.name}-${i}-${randomBytes(3).toString('hex')}`;
}

/** Fills every table of the public schema with up to `rows` rows each, in foreign-key order. */
async function fillEveryTable(url: string, rows: number): Promise<Record<string, number>> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const tables = (
      await sql<{ name: string }[]>`
        select c.relname as name from pg_class c
        where c.relkind in ('r', 'p') and c.relnamespace = 'public'::regnamespace and not c.relispartition`
    ).map((t) => t.name);
    const foreignKeys = await sql<
      { table: string; column: string; refTable: string; refColumn: string; notNull: boolean; deferred?: boolean }[]
    >`
      select cl.relname as table, a.attname as column, rcl.relname as "refTable", ra.attname as "refColumn",
        a.attnotnull as "notNull"
      from pg_constraint con
      join pg_class cl on cl.oid = con.conrelid
      join pg_class rcl on rcl.oid = con.confrelid
      join lateral unnest(con.conkey, con.confkey) as k(col, refcol) on true
      join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.col
      join pg_attribute ra on ra.attrelid = con.confrelid and ra.attnum = k.refcol
      where con.contype = 'f' and con.connamespace = 'public'::regnamespace`;
    // Foreign-key order; self references and nullable links in a cycle are left null.
    const ordered: string[] = [];
    const pending = new Set(tables);
    const blocking = (t: string) =>
      foreignKeys.filter((fk) => fk.table === t && fk.refTable !== t && !fk.deferred && pending.has(fk.refTable));
    while (pending.size) {
      let ready = [...pending].filter((t) => blocking(t).length === 0);
      if (!ready.length) {
        const breakable = [...pending].find((t) => blocking(t).every((fk) => !fk.notNull));
        if (!breakable) throw new Error(`foreign-key cycle among ${[...pending].join(', ')}`);
        for (const fk of blocking(breakable)) fk.deferred = true;
        ready = [breakable];
      }
      for (const t of ready.sort()) {
        ordered.push(t);
        pending.delete(t);
      }
    }
    const filled: Record<string, number> = {};
    for (const table of ordered) {
      const columns = await sql<Column[]>`
        select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as "notNull",
          a.atthasdef as "hasDefault", (a.attgenerated <> '' or a.attidentity <> '') as generated,
          (select array_agg(e.enumlabel order by e.enumsortorder) from pg_enum e where e.enumtypid = a.atttypid) as "enumLabels"
        from pg_attribute a
        where a.attrelid = ${`public.${table}`}::regclass and a.attnum > 0 and not a.attisdropped
        order by a.attnum`;
      // A text column a check limits to a list (`fact in ('registration', …)`) gets one of those values.
      const checks = await sql<{ definition: string }[]>`
        select pg_get_constraintdef(oid) as definition from pg_constraint
        where conrelid = ${`public.${table}`}::regclass and contype = 'c'`;
      const allowed = new Map<string, string[]>();
      for (const { definition } of checks) {
        const list = /\(?"?(\w+)"?\)? = ANY \(+ARRAY\[(.+?)\]/.exec(definition);
        if (list)
          allowed.set(
            list[1]!,
            [...list[2]!.matchAll(/'([^']*)'/g)].map((value) => value[1]!),
          );
        // A list of one (`kind in ('erase')`): PostgreSQL keeps it as `kind = 'erase'::text`.
        const single = !list && /^CHECK \(+"?(\w+)"? = '([^']*)'::text\)+$/.exec(definition);
        if (single) allowed.set(single[1]!, [single[2]!]);
        // A pattern (`start_time ~ '^…$'`): the first of a few everyday values that matches it.
        const pattern = /\(?"?(\w+)"?\)? ~ '(.+?)'::text/.exec(definition);
        const sample = pattern && PATTERN_SAMPLES.find((value) => new RegExp(pattern[2]!).test(value));
        if (pattern && sample) allowed.set(pattern[1]!, [sample]);
      }
      // Some tables get their rows from the migration itself (a settings singleton).
      const [existing] = await sql.unsafe(`select count(*)::int as n from "${table}"`);
      filled[table] = existing!.n as number;
      for (let i = 0; i < rows; i++) {
        const row: Record<string, string | null> = {};
        for (const column of columns) {
          if (column.generated) continue;
          const fk = foreignKeys.find((k) => k.table === table && k.column === column.name);
          if (fk) {
            if (fk.refTable === table || fk.deferred) continue;
            // Two links to the same table (a koppeling's two families) point at different rows.
            const sameTarget = foreignKeys.filter((k) => k.table === table && k.refTable === fk.refTable);
            const offset = i + sameTarget.indexOf(fk);
            const [pick] = [
              ...(await sql.unsafe(
                `select "${fk.refColumn}"::text as v from "${fk.refTable}" order by 1 limit 1 offset ${offset}`,
              )),
              ...(await sql.unsafe(`select "${fk.refColumn}"::text as v from "${fk.refTable}" order by 1 limit 1`)),
            ];
            if (pick) row[column.name] = pick.v as string;
            continue;
          }
          if (column.hasDefault) continue; // ids, timestamps and statuses as the schema intends
          const choices = allowed.get(column.name);
          row[column.name] = choices?.length ? choices[i % choices.length]! : valueFor(column, i);
        }
        const names = Object.keys(row);
        const casts = names.map((name, n) => `$${n + 1}::${columns.find((c) => c.name === name)!.type}`);
        try {
          await sql.unsafe(
            names.length
              ? `insert into "${table}" (${names.map((n) => `"${n}"`).join(', ')}) values (${casts.join(', ')})`
              : `insert into "${table}" default values`,
            names.map((n) => row[n]!) as never[],
          );
          filled[table]++;
        } catch (error) {
          const code = (error as { code?: string }).code;
          // A table that takes one row only (a singleton, a unique value per parent) is full.
          if (filled[table]! > 0 && (code === '23505' || code === '23514')) break;
          throw new Error(`could not fill ${table}: ${(error as Error).message}`);
        }
      }
    }
    return filled;
  } finally {
    await sql.end();
  }
}

async function tableOids(url: string, tables: string[]): Promise<Record<string, number>> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const oids: Record<string, number> = {};
    for (const table of tables) {
      const [row] = await sql<{ oid: number }[]>`select ${`public.${table}`}::regclass::oid::int as oid`;
      oids[table] = row!.oid;
    }
    return oids;
  } finally {
    await sql.end();
  }
}

describe('migrations on a database with data', async () => {
  const { entries } = await journal();
  for (const entry of entries.slice(-NEWEST)) {
    it(`${entry.tag} applies after the migrations before it, on filled tables`, async () => {
      const url = await emptyDatabase();
      await migrate(url, await migrationsUpTo(entry.idx));
      const filled = await fillEveryTable(url, 5);
      const oids = await tableOids(url, Object.keys(filled));
      expect(
        Object.values(filled).every((n) => n > 0),
        JSON.stringify(filled),
      ).toBe(true);
      await migrate(url, await migrationsUpTo(entry.idx + 1));
      // No rows lost (a migration may add some, e.g. a backfill; a contract migration that drops says so and is exempt).
      // Tables are followed by their oid, so a renamed table still counts as the same table.
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      const after: Record<string, number> = {};
      for (const [table, oid] of Object.entries(oids)) {
        const [current] = await sql<{ name: string }[]>`select relname as name from pg_class where oid = ${oid}`;
        if (!current) {
          after[table] = -1; // dropped
          continue;
        }
        const [row] = await sql.unsafe(`select count(*)::int as n from "${current.name}"`);
        after[table] = row!.n as number;
      }
      await sql.end();
      const sqlText = await fs.readFile(path.join(MIGRATIONS, `${entry.tag}.sql`), 'utf8');
      const lost = Object.keys(filled).filter((table) => after[table]! < filled[table]!);
      if (!/^-- contract:/m.test(sqlText)) expect(lost, JSON.stringify({ filled, after })).toEqual([]);
    }, 60_000);
  }
});

it('says "-- contract:" in every newer migration that drops or renames (expand, then contract)', async () => {
  const { entries } = await journal();
  const offenders: string[] = [];
  for (const entry of entries.slice(BEFORE_THE_RULE + 1)) {
    const text = await fs.readFile(path.join(MIGRATIONS, `${entry.tag}.sql`), 'utf8');
    const destructive =
      /\b(drop\s+(table|column|type|schema)|rename\s+(to|column)|alter\s+column\s+\S+\s+(set\s+data\s+)?type)\b/i;
    if (destructive.test(text) && !/^-- contract: .+/m.test(text)) offenders.push(entry.tag);
  }
  expect(offenders).toEqual([]);
});
