import { describe, expect, it } from 'vitest';
import { addDays, addMonths, amsterdamDate, amsterdamInstant, daysBetween, isIsoDate } from './dates';

describe('amsterdamDate', () => {
  it('is the Dutch day, not the UTC day, around midnight in winter (UTC+1)', () => {
    expect(amsterdamDate(new Date('2026-01-14T22:59:59Z'))).toBe('2026-01-14');
    expect(amsterdamDate(new Date('2026-01-14T23:00:00Z'))).toBe('2026-01-15');
  });

  it('is the Dutch day around midnight in summer (UTC+2)', () => {
    expect(amsterdamDate(new Date('2026-07-14T21:59:59Z'))).toBe('2026-07-14');
    expect(amsterdamDate(new Date('2026-07-14T22:00:00Z'))).toBe('2026-07-15');
  });

  it('follows the clock change in March: the night of 28 to 29 March 2026', () => {
    // 23:30 UTC on the 28th is 00:30 CET on the 29th; the clocks go forward at 02:00 CET (01:00 UTC).
    expect(amsterdamDate(new Date('2026-03-28T22:59:00Z'))).toBe('2026-03-28');
    expect(amsterdamDate(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
    // After the change midnight is at 22:00 UTC.
    expect(amsterdamDate(new Date('2026-03-29T21:59:00Z'))).toBe('2026-03-29');
    expect(amsterdamDate(new Date('2026-03-29T22:00:00Z'))).toBe('2026-03-30');
  });

  it('follows the clock change in October: the night of 24 to 25 October 2026', () => {
    expect(amsterdamDate(new Date('2026-10-24T21:59:00Z'))).toBe('2026-10-24');
    expect(amsterdamDate(new Date('2026-10-24T22:00:00Z'))).toBe('2026-10-25');
    // After the change midnight is at 23:00 UTC again.
    expect(amsterdamDate(new Date('2026-10-25T22:30:00Z'))).toBe('2026-10-25');
    expect(amsterdamDate(new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
  });
});

describe('addMonths', () => {
  it('adds calendar months', () => {
    expect(addMonths('2026-01-15', 2)).toBe('2026-03-15');
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
    expect(addMonths('2024-10-01', 24)).toBe('2026-10-01');
  });

  it('ends on the last day of a shorter month', () => {
    expect(addMonths('2026-12-31', 2)).toBe('2027-02-28');
    expect(addMonths('2027-12-31', 2)).toBe('2028-02-29'); // leap year
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
    expect(addMonths('2026-03-31', 6)).toBe('2026-09-30');
  });

  it('refuses what is not a date', () => {
    expect(() => addMonths('2026-02-30', 1)).toThrow();
  });
});

describe('addDays, daysBetween, isIsoDate', () => {
  it('counts days across month, year and clock changes', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-01-10', '2026-01-01')).toBe(-9);
  });

  it('accepts only real dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-1')).toBe(false);
    expect(isIsoDate('gisteren')).toBe(false);
  });
});

describe('amsterdamInstant', () => {
  it('turns a time on the Dutch clock into the right instant in winter and summer', () => {
    expect(amsterdamInstant('2026-12-03', '10:00').toISOString()).toBe('2026-12-03T09:00:00.000Z');
    expect(amsterdamInstant('2026-07-01', '10:00').toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(amsterdamInstant('2026-12-31', '23:30').toISOString()).toBe('2026-12-31T22:30:00.000Z');
  });

  it('is right on the days the clocks change', () => {
    expect(amsterdamInstant('2026-03-29', '01:30').toISOString()).toBe('2026-03-29T00:30:00.000Z'); // before the change
    expect(amsterdamInstant('2026-03-29', '10:00').toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(amsterdamInstant('2026-10-25', '10:00').toISOString()).toBe('2026-10-25T09:00:00.000Z');
  });
});
