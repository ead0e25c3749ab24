import { describe, expect, it } from 'vitest';
import { formatDateNl, formatMonthNl, groupBy, listNl, telHref } from './format';

describe('Dutch formatting on the public pages', () => {
  it('writes dates the Dutch way, without shifting the day across time zones', () => {
    expect(formatDateNl('2023-10-01')).toBe('1 oktober 2023');
    expect(formatDateNl('2026-12-31')).toBe('31 december 2026');
    expect(formatMonthNl('2024-01-01')).toBe('januari 2024');
  });

  it('joins lists with "en"', () => {
    expect(listNl([])).toBe('');
    expect(listNl(['Nuth'])).toBe('Nuth');
    expect(listNl(['Nuth', 'Schimmert', 'Oirsbeek'])).toBe('Nuth, Schimmert en Oirsbeek');
  });

  it('makes a tel: link in international form', () => {
    expect(telHref('06 12 34 56 01')).toBe('tel:+31612345601');
    expect(telHref('+31 20 123 4567')).toBe('tel:+31201234567');
  });

  it('groups by province in Dutch alphabetical order', () => {
    const groups = groupBy([{ p: 'Noord-Holland' }, { p: 'Friesland' }, { p: 'Noord-Holland' }], (x) => x.p);
    expect(groups.map(([key, items]) => [key, items.length])).toEqual([
      ['Friesland', 1],
      ['Noord-Holland', 2],
    ]);
  });
});
