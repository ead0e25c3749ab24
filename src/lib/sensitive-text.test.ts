import { describe, expect, it } from 'vitest';
import { findBsn, findHealthWords, passesElfproef } from './sensitive-text';

describe('the 11-check (elfproef)', () => {
  it.each(['123456782', '111222333', '999999990'])('accepts %s', (bsn) => {
    expect(passesElfproef(bsn)).toBe(true);
  });
  it.each(['123456789', '111222334', '000000000', '12345678', '1234567820'])('refuses %s', (digits) => {
    expect(passesElfproef(digits)).toBe(false);
  });
});

describe('finding a BSN in free text', () => {
  it.each([
    ['ADHD en autisme, BSN 123456782', '123456782'],
    ['Mijn burgerservicenummer is 1234.56.782.', '1234.56.782'],
    ['Zoon: 123 456 782, dochter nog niet', '123 456 782'],
    ['bsn: 12-34-56-782', '12-34-56-782'],
    ['Het sofinummer van vader is 111222333', '111222333'],
  ])('finds it in "%s"', (text, bsn) => {
    expect(findBsn(text)).toContain(bsn);
  });

  it('finds a number labelled as a BSN even when it fails the 11-check', () => {
    expect(findBsn('BSN 123456789')).toEqual(['123456789']);
    expect(findBsn('bsn van de moeder: 123456789')).toEqual(['123456789']);
  });

  it('for a short field only a number called a BSN: a bare 9-digit number there is a reference', () => {
    expect(findBsn('Wijkteam Nuth, dossier 123456782', { labelledOnly: true })).toEqual([]);
    expect(findBsn('Wijkteam Nuth, BSN 123456782', { labelledOnly: true })).toEqual(['123456782']);
  });

  it.each([
    'Bel me op 0612345678 of 06-12345678.',
    'Mijn nummer is +31 6 12345678, mijn man heeft +32 471 23 45 67.',
    'IBAN NL91 ABNA 0417 1643 00, postcode 6361 AB, huisnummer 12.',
    'Kinderen van 4, 7 en 11. Geboren 12-03-2017. Van 13.30 tot 17.00 uur.',
    'Het klantnummer is 12345678 en het dossier 2024-118.',
  ])('stays quiet on "%s"', (text) => {
    expect(findBsn(text)).toEqual([]);
  });
});

describe('diagnosis and health words in a note', () => {
  it('names what it found, once each, in lower case', () => {
    expect(
      findHealthWords('Zoon heeft ADHD en autisme; moeder is chronisch ziek. ADHD speelt vooral op school.'),
    ).toEqual(['adhd', 'autisme', 'chronisch ziek']);
  });
  it('does not count money or housing worries as health', () => {
    expect(findHealthWords('Er zijn schulden en er komt een deurwaarder.')).toEqual([]);
  });
});
