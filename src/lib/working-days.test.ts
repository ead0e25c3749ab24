import { describe, expect, it } from 'vitest';
import { addWorkingDays } from './working-days';

describe('working days (Monday to Friday, without Dutch public holidays)', () => {
  it('skips weekends', () => {
    expect(addWorkingDays('2026-11-23', 10)).toBe('2026-12-07'); // Monday -> Monday two weeks on
    expect(addWorkingDays('2026-11-28', 1)).toBe('2026-11-30'); // Saturday -> Monday
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Friday -> Monday
  });

  it('skips Christmas, New Year, Easter Monday, Koningsdag, Ascension and Whit Monday', () => {
    expect(addWorkingDays('2026-12-21', 10)).toBe('2027-01-06');
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-03'); // Good Friday is a working day
    expect(addWorkingDays('2026-04-03', 1)).toBe('2026-04-07'); // Easter Monday 6 April
    expect(addWorkingDays('2026-04-24', 1)).toBe('2026-04-28'); // Koningsdag Monday 27 April
    expect(addWorkingDays('2026-05-13', 1)).toBe('2026-05-15'); // Ascension 14 May
    expect(addWorkingDays('2026-05-22', 1)).toBe('2026-05-26'); // Whit Monday 25 May
    expect(addWorkingDays('2025-04-25', 1)).toBe('2025-04-28'); // Koningsdag on a Sunday moves to Saturday 26th
  });
});
