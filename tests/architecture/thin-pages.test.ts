/**
 * Pages stay thin (docs/architecture.md, "Rules the boundary test enforces"): a page parses
 * input, finds out who asks, calls one use case and lays the result out; sections are named
 * components. Checked here: no page over 150 lines, no database or repository code in pages and
 * components, and no single-letter names in them (they are read by people who did not write them).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MAX_PAGE_LINES = 150;

function listFiles(folder: string, pattern: RegExp): string[] {
  const out: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (pattern.test(entry.name)) out.push(child);
    }
  };
  walk(folder);
  return out.sort();
}

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const pages = listFiles('src/pages', /\.astro$/);
const uiFiles = [...listFiles('src/pages', /\.(astro|ts)$/), ...listFiles('src/components', /\.(astro|ts|tsx)$/)];

/** Identifiers of one letter that the code declares: parameters, variables, catch bindings. */
function singleLetterNames(source: string): string[] {
  const found: string[] = [];
  const params = (list: string) =>
    list
      .split(',')
      .map((param) => param.replace(/[:=].*$/s, '').replace(/[{}[\].\s?]/g, ''))
      .filter((name) => /^[A-Za-z$]$/.test(name));
  for (const match of source.matchAll(/\(([^()]*)\)\s*(?::\s*[^=;{]+)?=>/g)) found.push(...params(match[1]!));
  for (const match of source.matchAll(/(?:^|[^\w$.])([A-Za-z$])\s*=>/gm)) found.push(match[1]!);
  for (const match of source.matchAll(/\bfunction\s*[\w$]*\s*(?:<[^>]*>)?\(([^()]*)\)/g))
    found.push(...params(match[1]!));
  for (const match of source.matchAll(/\b(?:const|let|var)\s+([A-Za-z$])\s*[=:;]/g)) found.push(match[1]!);
  for (const match of source.matchAll(/\bcatch\s*\(\s*([A-Za-z$])\s*\)/g)) found.push(match[1]!);
  for (const match of source.matchAll(/\bfor\s*\(\s*(?:const|let)\s+([A-Za-z$])\s+(?:of|in)\b/g)) found.push(match[1]!);
  // Renamed destructuring: `{ values: v }`.
  for (const match of source.matchAll(/\b(?:const|let)\s*\{([^}]*)\}\s*=/g))
    for (const part of match[1]!.split(',')) if (/:\s*[A-Za-z$]\s*$/.test(part)) found.push(part.split(':')[1]!.trim());
  return found;
}

describe('thin pages', () => {
  it('finds the pages and components (the scan itself works)', () => {
    expect(pages.length).toBeGreaterThan(30);
    expect(uiFiles).toContain('src/components/inbox/Notes.astro');
    expect(singleLetterNames('rows.map((r) => r.id); const v = 1; catch (e) {} for (const x of y) {}')).toEqual([
      'r',
      'v',
      'e',
      'x',
    ]);
    expect(singleLetterNames('const { values: v, errors } = state; list.map((entry, i) => i); s => s')).toEqual([
      'i',
      's',
      'v',
    ]);
    expect(singleLetterNames('rows.map((row) => row.id); const value = 1; (a.b) => 0;')).toEqual([]);
  });

  it(`keeps every page at ${MAX_PAGE_LINES} lines or fewer (split sections into src/components/<domain>/)`, () => {
    const long = pages
      .map((file) => ({ file, lines: read(file).split('\n').length - 1 }))
      .filter((page) => page.lines > MAX_PAGE_LINES)
      .map((page) => `${page.file}: ${page.lines} lines`);
    expect(long).toEqual([]);
  });

  it('keeps database code out of pages and components (they call use cases)', () => {
    const offenders = uiFiles.filter((file) => {
      const source = read(file);
      return (
        /from 'drizzle-orm/.test(source) ||
        /\bsql`/.test(source) ||
        /^import (?!type )[^;]*from '[^']*\.repository'/m.test(source)
      );
    });
    expect(offenders, 'Ask a use case (src/server/<domain>/<domain>.usecases.ts) for what the page shows.').toEqual([]);
  });

  it('uses no single-letter names in pages and components', () => {
    const offenders = uiFiles
      .map((file) => ({ file, names: [...new Set(singleLetterNames(read(file)))] }))
      .filter((entry) => entry.names.length > 0)
      .map((entry) => `${entry.file}: ${entry.names.join(', ')}`);
    expect(offenders, 'Name what it is: (row) => …, catch (error), (profile, index) => …').toEqual([]);
  });
});
