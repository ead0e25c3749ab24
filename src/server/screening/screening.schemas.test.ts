import { describe, expect, it } from 'vitest';
import { parseIntakeForm } from './screening.schemas';

// Every form built on the shared text field refuses a BSN (src/lib/form-fields.ts; issue 12).
describe('the intake notes of a steungezin', () => {
  const intake = { number: '1', heldOn: '2026-11-20', heldBy: 'Maud Hendriks' };

  it('are stored as written', () => {
    const result = parseIntakeForm({ ...intake, notes: 'Warm gezin, twee kinderen van 8 en 11, tuin.' }, '2026-11-29');
    expect(result.success).toBe(true);
  });

  it.each(['BSN vader 123456782', 'Burgerservicenummer: 1234.56.782', 'sofinummer 111 222 333'])(
    'never keep a BSN: "%s"',
    (notes) => {
      const result = parseIntakeForm({ ...intake, notes }, '2026-11-29');
      expect(result.success).toBe(false);
      if (!result.success) expect(result.errors.notes).toMatch(/burgerservicenummer \(BSN\)/);
    },
  );

  it('a short field (who held the intake) takes a 9-digit number, but not one called a BSN', () => {
    expect(parseIntakeForm({ ...intake, heldBy: 'Maud, personeelsnummer 123456782' }, '2026-11-29').success).toBe(true);
    const result = parseIntakeForm({ ...intake, heldBy: 'Maud, BSN 123456782' }, '2026-11-29');
    expect(result.success).toBe(false);
    if (!result.success) expect(result.errors.heldBy).toMatch(/burgerservicenummer \(BSN\)/);
  });

  it('the notes refuse a bare number that passes the 11-check', () => {
    const result = parseIntakeForm({ ...intake, notes: 'Vader gaf 123 456 782 op.' }, '2026-11-29');
    expect(result.success).toBe(false);
  });
});
