/**
 * The register of processing (docs/privacy/register.md) against the database schema itself: every
 * table and every column of the migrated database must be in the register, as personal data or
 * not; a table with personal data needs a purpose, a legal basis, a term and who sees it, and its
 * term must be one the code keeps (checked on the schema's foreign keys). A new column without an
 * entry fails here, with the lines to add.
 */
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '~/server/db/db';
import { createTestDatabase } from '~tests/support/database';

const REGISTER = new URL('../../../docs/privacy/register.md', import.meta.url);

/** Terms the code keeps (decision 027); the register names one per table. */
const TERMS = ['with-sign-up', 'access-log', 'expiry', 'staff-account', 'outbox', 'search-words', 'none'] as const;
type Term = (typeof TERMS)[number];

type Entry = {
  table: string;
  personal: string[];
  other: string[];
  term: string | undefined;
  fields: Record<string, string>;
};

const codes = (line: string | undefined) => [...(line ?? '').matchAll(/`([a-z_0-9-]+)`/g)].map((match) => match[1]!);

function parseRegister(text: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  for (const section of text.split(/^### /m).slice(1)) {
    const [heading, ...lines] = section.split('\n');
    const table = /`([a-z_0-9]+)`/.exec(heading!)?.[1];
    if (!table) continue;
    const fields: Record<string, string> = {};
    for (const line of lines) {
      const field = /^- \*\*([^*]+)\*\*:?\s*(.*)$/.exec(line);
      if (field) fields[field[1]!.replace(/:$/, '').toLowerCase()] = field[2]!;
    }
    entries.set(table, {
      table,
      personal: codes(fields['personal data']),
      other: codes(fields['no personal data']),
      term: codes(fields.term)[0],
      fields,
    });
  }
  return entries;
}

let db: Database;
let schema: Map<string, string[]>;
let register: Map<string, Entry>;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  const rows = await db.execute<{ table: string; column: string }>(sql`
    select c.table_name as "table", c.column_name as "column"
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`);
  schema = new Map();
  for (const row of rows) schema.set(row.table, [...(schema.get(row.table) ?? []), row.column]);
  register = parseRegister(fs.readFileSync(REGISTER, 'utf8'));
});

/** Tables whose rows go when a row of `target` is deleted (ON DELETE CASCADE, followed through). */
async function cascadesFrom(target: string): Promise<Set<string>> {
  const rows = await db.execute<{ child: string; parent: string }>(sql`
    select child.relname as child, parent.relname as parent
    from pg_constraint con
    join pg_class child on child.oid = con.conrelid
    join pg_class parent on parent.oid = con.confrelid
    where con.contype = 'f' and con.confdeltype = 'c'`);
  const reached = new Set([target]);
  for (let grown = true; grown; ) {
    grown = false;
    for (const { child, parent } of rows)
      if (reached.has(parent) && !reached.has(child)) {
        reached.add(child);
        grown = true;
      }
  }
  return reached;
}

describe('register of processing (docs/privacy/register.md)', () => {
  it('lists every table and column of the database, each once, as personal data or not', () => {
    const missing: string[] = [];
    for (const [table, columns] of schema) {
      const entry = register.get(table);
      const listed = new Set([...(entry?.personal ?? []), ...(entry?.other ?? [])]);
      const absent = columns.filter((column) => !listed.has(column));
      if (absent.length > 0)
        missing.push(`### \`${table}\`: add ${absent.map((column) => `\`${column}\``).join(', ')}`);
    }
    expect(missing, `Add these to docs/privacy/register.md:\n${missing.join('\n')}`).toEqual([]);
    const unknown = [...register.values()].flatMap((entry) =>
      [...entry.personal, ...entry.other]
        .filter((column) => !schema.get(entry.table)?.includes(column))
        .map((column) => `${entry.table}.${column}`),
    );
    expect(unknown, 'in the register but not in the database').toEqual([]);
    const twice = [...register.values()].flatMap((entry) =>
      entry.personal.filter((column) => entry.other.includes(column)).map((column) => `${entry.table}.${column}`),
    );
    expect(twice).toEqual([]);
  });

  it('gives each table with personal data its purpose, legal basis, term and who sees it', () => {
    for (const entry of register.values()) {
      expect(TERMS, `${entry.table}: term`).toContain(entry.term);
      if (entry.personal.length === 0) continue;
      expect(entry.term, `${entry.table} holds personal data`).not.toBe('none');
      for (const field of ['purpose', 'legal basis', 'who sees it'])
        expect(entry.fields[field]?.trim(), `${entry.table}: ${field}`).toBeTruthy();
    }
  });

  it('names terms the schema keeps: "with the sign-up" and "with the staff account" tables cascade from them', async () => {
    const withSignUp = await cascadesFrom('registrations');
    const withAccount = await cascadesFrom('staff_users');
    const expected: Partial<Record<Term, Set<string>>> = {
      'with-sign-up': withSignUp,
      'staff-account': withAccount,
    };
    for (const entry of register.values()) {
      const reach = expected[entry.term as Term];
      if (reach) expect(reach.has(entry.table), `${entry.table} is deleted with its ${entry.term}`).toBe(true);
    }
    // And the other way round: every table that goes with a sign-up says so (or keeps no personal data).
    for (const table of withSignUp) {
      const entry = register.get(table);
      if (entry && entry.personal.length > 0) expect(entry.term, table).toBe('with-sign-up');
    }
  });
});
