import { describe, expect, it } from 'vitest';
import { cropAroundMark, highlightField, highlightWords, wordMatches } from './search.highlight';
import { foldText, nationalPhone, parseSearchText } from './search.query';

describe('parseSearchText', () => {
  it('recognises phone numbers in any format', () => {
    for (const typed of [
      '06-12345678',
      '+31612345678',
      '0612345678',
      '06 1234 5678',
      '+31 6 12345678',
      '0031 6 1234 5678',
      '(06) 1234-5678',
    ]) {
      expect(parseSearchText(typed).phones, typed).toEqual(['0612345678']);
    }
    expect(nationalPhone('+32 470 12 34 56')).toBe('32470123456');
    expect(nationalPhone('1234')).toBeNull();
  });

  it('recognises postcodes with or without space, and e-mail addresses, and keeps the rest as folded words', () => {
    expect(parseSearchText('6438 AB Oirsbeek')).toMatchObject({ postcodes: ['6438ab'], words: ['oirsbeek'] });
    expect(parseSearchText('6438ab')).toMatchObject({ postcodes: ['6438ab'], words: [] });
    expect(parseSearchText('Mail: F.ElAmrani@Hotmail.com, graag')).toMatchObject({
      emails: ['f.elamrani@hotmail.com'],
      words: ['mail', 'graag'],
    });
    expect(parseSearchText('Renée  Öztürk-Çelik')).toMatchObject({
      words: ['renee', 'ozturk', 'celik'],
      whole: 'renee ozturk-celik',
    });
  });

  it('keeps a postcode number apart from a phone number and caps the number of words', () => {
    expect(parseSearchText('6191 AB 06 12345678')).toMatchObject({
      phones: ['0612345678'],
      postcodes: ['6191ab'],
      words: [],
    });
    expect(parseSearchText('a b c d e f g h i j k').words).toHaveLength(8);
    expect(parseSearchText('x'.repeat(500)).words[0]).toHaveLength(200);
  });

  it('folds accents like PostgreSQL unaccent', () => {
    expect(foldText('Fátima Ñúñez Björn Zoë')).toBe('fatima nunez bjorn zoe');
  });
});

describe('highlighting', () => {
  it('marks prefixes and small typos, not other words', () => {
    expect(wordMatches('steungezinnen', 'steungezin')).toBe(true);
    expect(wordMatches('fatima', 'fatma')).toBe(true);
    expect(wordMatches('janssen', 'jansen')).toBe(true);
    expect(wordMatches('jabeek', 'nuth')).toBe(false);
    expect(wordMatches('de', 'da')).toBe(false);
  });

  it('returns plain text parts that rebuild the value exactly', () => {
    const value = 'Jo <b>van der</b> Berg & "Fátima"';
    const parts = highlightWords(value, parseSearchText('fatma berg'));
    expect(parts.map((p) => p.text).join('')).toBe(value);
    expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['Berg', 'Fátima']);
  });

  it('marks a whole phone number or postcode that matched', () => {
    expect(highlightField('phone', '+31612345678', parseSearchText('06-1234 5678'))).toEqual([
      { text: '06-12345678', mark: true },
    ]);
    expect(highlightField('phone', '+31612345678', parseSearchText('06-9999 5678'))).toEqual([
      { text: '06-12345678', mark: false },
    ]);
    expect(highlightField('postcode', '6438 AB', parseSearchText('6438ab'))).toEqual([{ text: '6438 AB', mark: true }]);
  });

  it('cuts long notes to a window around the first match', () => {
    const note = `${'Eerst een heel lang verhaal over van alles. '.repeat(8)}Past bij een van onze steungezinnen. ${'Daarna nog meer tekst. '.repeat(8)}`;
    const parts = cropAroundMark(highlightWords(note, parseSearchText('steungezin')));
    const text = parts.map((p) => p.text).join('');
    expect(text.startsWith('… ')).toBe(true);
    expect(text.endsWith(' …')).toBe(true);
    expect(text.length).toBeLessThan(200);
    expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['steungezinnen']);
  });
});
