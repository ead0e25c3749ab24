import { afterAll, afterEach, beforeEach, expect, vi } from 'vitest';

// An unexpected console.error fails the test (a test that expects one sets its own
// mockImplementation on the spy). Errors outside a test (module code, beforeAll/afterAll hooks,
// such as starting a server) fail the file when it ends.
let inTest: unknown[][] | null = null;
const outside: unknown[][] = [];
const record = (...args: unknown[]) => {
  (inTest ?? outside).push(args);
};
const describe = (errors: unknown[][]) => errors.map((e) => e.map(String).join(' ')).join('\n');

vi.spyOn(console, 'error').mockImplementation(record);
beforeEach(() => {
  inTest = [];
  vi.spyOn(console, 'error').mockImplementation(record);
});
afterEach(() => {
  const errors = inTest ?? [];
  inTest = null;
  vi.spyOn(console, 'error').mockImplementation(record); // undo a test's own mockImplementation
  expect(errors, `unexpected console.error: ${describe(errors)}`).toEqual([]);
});
afterAll(() => {
  vi.mocked(console.error).mockRestore();
  expect(outside, `unexpected console.error outside a test: ${describe(outside)}`).toEqual([]);
});
