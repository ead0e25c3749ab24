import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it, vi } from 'vitest';
import { createLogger, describeError, scrubLogText } from './logger';

const failedQuery = () =>
  new DrizzleQueryError(
    'select * from "search_documents" where "name_key" = $1',
    ['wilhelmina zeldzaam', 'beekdaelen'],
    Object.assign(new Error('invalid input syntax for type uuid: "Wilhelmina"'), {
      code: '22P02',
      routine: 'string_to_uuid',
      table_name: 'registrations',
    }),
  );

describe('describeError', () => {
  it('tells a failed query by its code and statement, never its parameters or message', () => {
    const line = describeError(failedQuery());
    expect(line).toBe(
      'databasefout code 22P02 (string_to_uuid) tabel registrations bij "select * from "search_documents" …"',
    );
    expect(line).not.toMatch(/wilhelmina|zeldzaam|params/i);
    // Also when it is wrapped.
    expect(describeError(new Error('outer', { cause: failedQuery() }))).toMatch(/^databasefout code 22P02/);
  });

  it('masks e-mail addresses in other messages (an SMTP refusal names the recipient)', () => {
    expect(describeError(new Error('550 5.1.1 <jan.jansen@example.nl>: Recipient address rejected'))).toBe(
      'Error: 550 5.1.1 <j…@example.nl>: Recipient address rejected',
    );
  });
});

describe('the logger', () => {
  it('writes errors in fields as safe lines and scrubs whatever else slips in', () => {
    const lines: string[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation((line: string) => void lines.push(line));
    const log = createLogger('debug');
    log.warn('Zoeken mislukte', { error: failedQuery() });
    log.warn('Iets anders', { error: failedQuery().message });
    warn.mockRestore();
    for (const line of lines) expect(line).not.toMatch(/wilhelmina|zeldzaam|params:/i);
    expect(lines[0]).toContain('databasefout code 22P02');
  });

  it('keeps ordinary text as it is', () => {
    expect(scrubLogText('[portal] Aanmelding opgeslagen {"kind":"vraaggezin"}')).toBe(
      '[portal] Aanmelding opgeslagen {"kind":"vraaggezin"}',
    );
  });
});
