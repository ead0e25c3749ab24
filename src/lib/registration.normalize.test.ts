import { describe, expect, it } from 'vitest';
import { cleanText, normalizePhone, normalizePostcode, parseChildAges } from './registration.normalize';

describe('normalizePhone', () => {
  it.each([
    ['06-12345678', '+31612345678'],
    ['06 1234 5678', '+31612345678'],
    ['+31 6 12345678', '+31612345678'],
    ['+31 (0)6 12 34 56 78', '+31612345678'],
    ['0031612345678', '+31612345678'],
    ['(010) 123 45 67', '+31101234567'],
    ['+32 470 12 34 56', '+32470123456'],
  ])('%s -> %s', (raw, expected) => expect(normalizePhone(raw)).toBe(expected));

  it.each([
    '',
    '12345',
    '06-1234567',
    '06-123456789',
    '+31 06 12345678',
    'bel me',
    '0612345678; drop table',
    '+1234567',
  ])('refuses %j', (raw) => expect(normalizePhone(raw)).toBeUndefined());
});

describe('normalizePostcode', () => {
  it('writes it as 1234 AB', () => {
    expect(normalizePostcode(' 6361ab ')).toBe('6361 AB');
    expect(normalizePostcode('6361 AB')).toBe('6361 AB');
  });
  it.each(['0123 AB', '123 AB', '6361 A', '6361 SS', 'AB 6361'])('refuses %j', (raw) =>
    expect(normalizePostcode(raw)).toBeUndefined(),
  );
});

describe('parseChildAges', () => {
  it('reads ages and birth years', () => {
    expect(parseChildAges('4, 7 en 11 jaar', 2026)).toEqual([{ age: 4 }, { age: 7 }, { age: 11 }]);
    expect(parseChildAges('2015 en 0', 2026)).toEqual([{ birthYear: 2015 }, { age: 0 }]);
    expect(parseChildAges('geen', 2026)).toEqual([]);
  });
  it('refuses numbers that are neither an age nor a birth year', () => {
    expect(parseChildAges('35', 2026)).toBeUndefined();
    expect(parseChildAges('1990', 2026)).toBeUndefined();
    expect(parseChildAges('2030', 2026)).toBeUndefined();
  });
});

describe('cleanText', () => {
  it('trims, collapses spaces and removes control characters', () => {
    expect(cleanText('  Anna\u0000 de\tVries \n')).toBe('Anna de Vries');
    expect(cleanText('regel 1\r\n\r\n\r\n\r\nregel\u0007 2 ', { multiline: true })).toBe('regel 1\n\nregel 2');
    expect(cleanText('a\ud800b')).toBe('ab');
  });
});
