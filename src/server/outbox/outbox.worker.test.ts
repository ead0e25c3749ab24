import { describe, expect, it } from 'vitest';
import { createHandlerRegistry } from './outbox.handlers';
import { DEFAULT_MAX_ATTEMPTS } from './outbox.usecases';
import { retryDelayMs } from './outbox.worker';

describe('retry backoff', () => {
  const settings = { baseMs: 15_000, maxMs: 3_600_000 };

  it('doubles per attempt, with jitter between half and the full step', () => {
    expect(retryDelayMs(1, settings, () => 0)).toBe(7_500);
    expect(retryDelayMs(1, settings, () => 1)).toBe(15_000);
    expect(retryDelayMs(2, settings, () => 0)).toBe(15_000);
    expect(retryDelayMs(4, settings, () => 1)).toBe(120_000);
  });

  it('never waits longer than the maximum, and spreads workers that failed together', () => {
    expect(retryDelayMs(30, settings, () => 1)).toBe(3_600_000);
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(3, settings)));
    expect(delays.size).toBeGreaterThan(40);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(30_000);
      expect(d).toBeLessThanOrEqual(60_000);
    }
  });

  it('the default attempts keep trying through an SMTP outage of 6 to 12 hours before parking', () => {
    const span = (random: () => number) =>
      Array.from({ length: DEFAULT_MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1, settings, random)).reduce(
        (a, b) => a + b,
        0,
      ) / 3_600_000;
    expect(span(() => 0)).toBeGreaterThan(6);
    expect(span(() => 1)).toBeLessThan(12.1);
  });
});

it('refuses two handlers for one topic', () => {
  const handler = { topic: 'email', deliver: async () => {} };
  expect(() => createHandlerRegistry([handler, { ...handler }])).toThrow('two handlers');
});
