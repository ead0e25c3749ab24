import { describe, expect, it } from 'vitest';
import { formatPhoneNumber } from './phone';

describe('formatPhoneNumber: a stored number as Dutch people write it', () => {
  it.each([
    // mobile
    ['+31687654321', '06-87654321'],
    ['+31612345678', '06-12345678'],
    // landlines with a short area code (three digits with the 0)
    ['+31431234567', '043-1234567'],
    ['+31201234567', '020-1234567'],
    ['+31101234567', '010-1234567'],
    ['+31455551234', '045-5551234'],
    ['+31701234567', '070-1234567'],
    // landlines with a long area code (four digits with the 0)
    ['+31513123456', '0513-123456'],
    ['+31464123456', '046-4123456'],
    ['+31118123456', '0118-123456'],
    ['+31297123456', '0297-123456'],
    // numbers for the whole country
    ['+31851234567', '085-1234567'],
    ['+31881234567', '088-1234567'],
    ['+31800123456', '0800-123456'],
    ['+31900123456', '0900-123456'],
  ])('%s -> %s', (stored, written) => expect(formatPhoneNumber(stored)).toBe(written));

  it('also tidies a number written another way (content files, older rows)', () => {
    expect(formatPhoneNumber('06 12 34 56 01')).toBe('06-12345601');
    expect(formatPhoneNumber('0031 43 123 45 67')).toBe('043-1234567');
  });

  it('leaves foreign numbers in their international form, and anything unreadable as it is', () => {
    expect(formatPhoneNumber('+32470123456')).toBe('+32 470123456');
    expect(formatPhoneNumber('+4915123456789')).toBe('+49 15123456789');
    expect(formatPhoneNumber('bel na zessen')).toBe('bel na zessen');
    expect(formatPhoneNumber('')).toBe('');
  });
});
