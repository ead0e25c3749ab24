import { afterEach, beforeEach, expect, vi } from 'vitest';

// An unexpected console.error fails the test (a test that expects one spies on it itself).
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.mocked(console.error).mockRestore();
  expect(errors, `unexpected console.error: ${errors.map((e) => e.map(String).join(' ')).join('\n')}`).toEqual([]);
});
