/**
 * Domains own their tables (docs/architecture.md, "Rules the boundary test enforces"): a
 * domain's `*.table.ts` is imported only by that domain's `*.repository.ts`; every other domain
 * asks that repository (or a use case), inside its own transaction when both must commit together.
 *
 * This test reads every source file (src/, tests/, scripts/, the config files at the top), lists
 * which files import which domain's tables, and fails on an import the rules below do not allow.
 * It also looks inside `sql` template literals of the portal's code for raw SQL that names
 * another domain's table (`from registrations`, `update staff_users` ...), which an import check
 * alone would miss. The failure message prints the whole map and says what to do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCANNED_FOLDERS = ['src', 'tests', 'scripts'];
const SOURCE_FILE = /\.(ts|tsx|mts|mjs|js|astro)$/;

/** Where a table may be imported besides its own domain's repository, and why. */
const ALLOWED_IMPORTERS: { path: RegExp; reason: string }[] = [
  {
    path: /^src\/server\/db\/schema\.ts$/,
    reason: 'schema wiring: the list of every table for drizzle and drizzle-kit (only db.ts imports it)',
  },
  { path: /^src\/server\/.+\.table\.ts$/, reason: 'foreign keys: a table references the table it points to' },
  {
    path: /^tests\/support\/factories\.ts$/,
    reason: 'shared test factories: one place that builds test data, so a schema change touches one file',
  },
  {
    path: /^scripts\/bench\//,
    reason:
      'benchmarks: they seed and reset 100,000-row data sets with set-based SQL; they measure the portal and are not part of it',
  },
];

/**
 * Test files that still import another domain's tables, each with the reason: they arrange
 * states that no use case or factory (tests/support/factories.ts) can make yet. An entry that no
 * longer crosses a boundary fails the test ("keeps the pending list honest"): delete it. Reads of
 * what was stored go through the owning repository (e.g. createAuditRepository({ db }).list(…)).
 */
const PENDING: Record<string, string> = {
  'src/server/email/email.delivery.test.ts':
    'puts outbox rows in states the worker must survive (deleted, due at once, fewer attempts left)',
  'src/server/inbox/inbox.usecases.test.ts':
    'the keyset paging test checks the order against its own read of the sign-ups',
  'src/server/search/search.contract.test.ts':
    'deletes sign-ups (no use case deletes one yet: privacy requests, issue 16)',
  'src/server/search/search.postgres.test.ts':
    'changes and deletes sign-ups, notes and assignments directly, to see that the triggers follow',
};

/** schema.ts re-exports every table: importing it is importing all of them. */
const SCHEMA = 'src/server/db/schema.ts';
const SCHEMA_IMPORTERS = new Set(['src/server/db/db.ts']);

// ---------------------------------------------------------------- reading the tree

function listFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(child);
      } else if (SOURCE_FILE.test(entry.name)) out.push(child);
    }
  };
  if (fs.existsSync(path.join(ROOT, folder))) walk(folder);
  return out;
}

function sourceFiles(): string[] {
  const topLevel = fs.readdirSync(ROOT).filter((name) => !name.startsWith('.') && SOURCE_FILE.test(name));
  return [...topLevel, ...SCANNED_FOLDERS.flatMap(listFiles)].sort();
}

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** Module specifiers of static imports, re-exports and dynamic imports. */
function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\sfrom\s*)?['"]([^'"\n]+)['"]/gm,
    /\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** The repository-relative file a specifier points to, or null for packages and unknown files. */
function resolveSpecifier(importer: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith('~/')) base = `src/${specifier.slice(2)}`;
  else if (specifier.startsWith('~tests/')) base = `tests/${specifier.slice(7)}`;
  else if (specifier.startsWith('.')) base = path.posix.join(path.posix.dirname(importer), specifier);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    const full = path.join(ROOT, candidate);
    if (fs.existsSync(full) && fs.statSync(full).isFile()) return candidate;
  }
  return null;
}

/** `src/server/<domain>/<name>.table.ts` -> '<domain>' (the folder owns the table). */
const domainOf = (tableFile: string) => path.posix.basename(path.posix.dirname(tableFile));

// ---------------------------------------------------------------- the rules

type Verdict = { allowed: true; reason: string } | { allowed: false; reason: string };

function judgeImport(importer: string, tableFile: string): Verdict {
  const folder = path.posix.dirname(tableFile);
  const sameFolder = path.posix.dirname(importer) === folder;
  if (sameFolder && importer.endsWith('.repository.ts')) return { allowed: true, reason: 'its own repository' };
  for (const rule of ALLOWED_IMPORTERS) if (rule.path.test(importer)) return { allowed: true, reason: rule.reason };
  // A domain's own tests may read and arrange its own tables: they test that repository and
  // check what it stored; set-up of other domains' data goes through the factories.
  if (sameFolder && importer.endsWith('.test.ts'))
    return { allowed: true, reason: 'a test of the same domain (reads and arranges its own tables)' };
  const pending = Object.hasOwn(PENDING, importer) ? PENDING[importer] : undefined;
  if (pending) return { allowed: true, reason: `pending: ${pending}` };
  return {
    allowed: false,
    reason: `only ${folder}/*.repository.ts may import this (domain "${domainOf(tableFile)}")`,
  };
}

type ImportEdge = { importer: string; tableFile: string; verdict: Verdict };

function importMap(files: string[], tableFiles: Set<string>): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const importer of files) {
    for (const specifier of importSpecifiers(read(importer))) {
      const target = resolveSpecifier(importer, specifier);
      if (!target) continue;
      if (tableFiles.has(target) && target !== importer)
        edges.push({ importer, tableFile: target, verdict: judgeImport(importer, target) });
      if (target === SCHEMA && !SCHEMA_IMPORTERS.has(importer))
        edges.push({
          importer,
          tableFile: SCHEMA,
          verdict: { allowed: false, reason: 'schema.ts re-exports every table; only db.ts imports it' },
        });
    }
  }
  return edges;
}

/** The text of every sql`...` template literal (nested ${...} skipped), for the raw-SQL check. */
function sqlTemplates(source: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const start = source.indexOf('sql`', from);
    if (start === -1) return out;
    let text = '';
    let depth = 0;
    let index = start + 4;
    for (; index < source.length; index++) {
      const char = source[index]!;
      if (depth === 0 && char === '`') break;
      if (depth === 0 && char === '$' && source[index + 1] === '{') {
        depth = 1;
        index++;
        text += ' ';
        continue;
      }
      if (depth > 0) {
        if (char === '{') depth++;
        else if (char === '}') depth--;
        continue;
      }
      text += char;
    }
    out.push(text);
    from = index + 1;
  }
}

/** SQL that names a table where a statement reads or writes it. */
function namesTable(sqlText: string, table: string): boolean {
  return new RegExp(`\\b(from|join|into|update|truncate|table)\\s+(public\\.)?"?${table}"?\\b`, 'i').test(sqlText);
}

function tableNames(tableFile: string): string[] {
  return [...read(tableFile).matchAll(/pgTable\(\s*['"]([a-z_]+)['"]/g)].map((match) => match[1]!);
}

// ---------------------------------------------------------------- the report

function describeMap(edges: ImportEdge[]): string {
  const byTable = new Map<string, ImportEdge[]>();
  for (const edge of edges) byTable.set(edge.tableFile, [...(byTable.get(edge.tableFile) ?? []), edge]);
  const lines: string[] = [];
  for (const [tableFile, importers] of [...byTable].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`${tableFile}`);
    for (const edge of importers.sort((a, b) => a.importer.localeCompare(b.importer)))
      lines.push(`  ${edge.verdict.allowed ? 'ok ' : 'NO '} ${edge.importer}  (${edge.verdict.reason})`);
  }
  return lines.join('\n');
}

const WHAT_TO_DO = `
What to do (docs/architecture.md, "Domains own their tables"):
- Read or write another domain's data through its repository, e.g.
    const registrations = createRegistrationsRepository({ db: tx });
    const registration = await registrations.getForStaff(ctx, id, 'record.write', { lock: true });
  Pass your transaction (tx) when both changes must commit together.
- If that repository has no function for what you need, add one there (a small, named query).
- Types of rows come from the repository too (e.g. RegistrationRow from registrations.repository.ts).
- Test data is built with tests/support/factories.ts, not with inserts into another domain's tables.
`;

// ---------------------------------------------------------------- the tests

const files = sourceFiles();
const tableFiles = new Set(files.filter((file) => /^src\/server\/.+\.table\.ts$/.test(file)));
const edges = importMap(files, tableFiles);

describe('table boundaries', () => {
  it('finds the tables and who imports them (the scan itself works)', () => {
    expect(tableFiles.size).toBeGreaterThanOrEqual(10);
    expect(tableFiles).toContain('src/server/registrations/registrations.table.ts');
    // schema.ts wires every table: the map must show it, or the scan missed imports.
    const wired = new Set(edges.filter((edge) => edge.importer === SCHEMA).map((edge) => edge.tableFile));
    expect(wired).toEqual(tableFiles);
    expect(
      edges.some(
        (edge) =>
          edge.importer === 'src/server/registrations/registrations.repository.ts' &&
          edge.tableFile === 'src/server/registrations/registrations.table.ts',
      ),
    ).toBe(true);
  });

  it('judges imports by the written rules', () => {
    const table = 'src/server/registrations/registrations.table.ts';
    expect(judgeImport('src/server/registrations/registrations.repository.ts', table).allowed).toBe(true);
    expect(judgeImport('src/server/registrations/registrations.usecases.test.ts', table).allowed).toBe(true);
    expect(judgeImport('src/server/inbox/inbox.table.ts', table).allowed).toBe(true);
    expect(judgeImport('tests/support/factories.ts', table).allowed).toBe(true);
    expect(judgeImport('src/server/registrations/registrations.usecases.ts', table).allowed).toBe(false);
    expect(judgeImport('src/server/inbox/inbox.repository.ts', table).allowed).toBe(false);
    expect(judgeImport('src/server/inbox/inbox.usecases.test.ts', 'src/server/inbox/inbox.table.ts').allowed).toBe(
      true,
    );
    expect(judgeImport('src/pages/inbox/[id].astro', table).allowed).toBe(false);
    expect(importSpecifiers("import type { A } from './a.table';\nexport * from '~/b';\nawait import('../c')")).toEqual(
      ['./a.table', '~/b', '../c'],
    );
    expect(sqlTemplates(`sql\`select 1 from $\{x} join inbox_items i on $\{y}\` + sql\`update staff_users\``)).toEqual([
      'select 1 from   join inbox_items i on  ',
      'update staff_users',
    ]);
  });

  it('lets only a domain’s own repository import its tables', () => {
    const violations = edges.filter((edge) => !edge.verdict.allowed);
    expect(
      violations.map((edge) => `${edge.importer} -> ${edge.tableFile}`),
      `A table is imported outside its own domain's repository.\n\nImport map (ok = allowed, NO = not allowed):\n${describeMap(edges)}\n${WHAT_TO_DO}`,
    ).toEqual([]);
  });

  it('keeps the pending list honest: every entry still crosses a boundary', () => {
    const crossing = new Set(
      edges.filter((edge) => edge.verdict.reason.startsWith('pending: ')).map((edge) => edge.importer),
    );
    const stale = Object.keys(PENDING).filter((file) => !crossing.has(file));
    expect(stale, 'These files no longer import another domain’s tables: delete them from PENDING.').toEqual([]);
  });

  it('names another domain’s tables in raw SQL only inside that domain’s repository', () => {
    const owners = [...tableFiles].flatMap((tableFile) =>
      tableNames(tableFile).map((table) => ({ table, folder: path.posix.dirname(tableFile) })),
    );
    expect(owners.map((owner) => owner.table)).toContain('registrations');
    const portalCode = files.filter(
      (file) => file.startsWith('src/') && !file.endsWith('.table.ts') && !/\.test\.tsx?$/.test(file),
    );
    const crossings: string[] = [];
    for (const file of portalCode) {
      const statements = sqlTemplates(read(file));
      for (const { table, folder } of owners) {
        const owned = path.posix.dirname(file) === folder && file.endsWith('.repository.ts');
        if (!owned && statements.some((statement) => namesTable(statement, table)))
          crossings.push(`${file} names table ${table} (owned by ${folder}/*.repository.ts)`);
      }
    }
    expect(crossings, `Raw SQL names a table outside its owner's repository.\n${WHAT_TO_DO}`).toEqual([]);
  });
});
