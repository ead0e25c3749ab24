import { describe, expect, it } from 'vitest';
import { normaliseSearchText, searchGemeenten, searchTerms } from './gemeente-search';

const gemeenten = [
  { slug: 'beekdaelen', name: 'Beekdaelen', kernen: ['Nuth', 'Schimmert', 'Oirsbeek'] },
  { slug: 'haarlem', name: 'Haarlem', kernen: ['Schalkwijk', 'Haarlem-Zuid-West', 'Spaarndam'] },
  { slug: 'heerenveen', name: 'Heerenveen', kernen: ['Heerenveen', 'Akkrum'] },
];

describe('searching a gemeente by name or village', () => {
  it('finds Beekdaelen for someone from Schimmert, whatever the case or spaces', () => {
    for (const q of ['Schimmert', ' schimmert ', 'SCHIMM']) {
      expect(searchGemeenten(gemeenten, q).map((m) => [m.gemeente.slug, m.matchedKernen])).toEqual([
        ['beekdaelen', ['Schimmert']],
      ]);
    }
  });

  it('finds a gemeente by its own name without naming a kern that is just the same name', () => {
    expect(searchGemeenten(gemeenten, 'heerenveen')).toEqual([{ gemeente: gemeenten[2], matchedKernen: [] }]);
  });

  it('ignores accents and hyphens, and puts names that start with the query first', () => {
    expect(searchGemeenten(gemeenten, 'zuid west')[0]?.matchedKernen).toEqual(['Haarlem-Zuid-West']);
    expect(
      searchGemeenten([{ slug: 'x', name: 'Súdwest-Fryslân', kernen: ['Bolsward'] }], 'sudwest fryslan'),
    ).toHaveLength(1);
    expect(searchGemeenten(gemeenten, 'sch').map((m) => m.gemeente.slug)).toEqual(['beekdaelen', 'haarlem']);
  });

  it('returns nothing for a one-letter query or a place we do not know', () => {
    expect(searchGemeenten(gemeenten, 's')).toEqual([]);
    expect(searchGemeenten(gemeenten, 'Appelscha')).toEqual([]);
  });

  it('gives the instant filter the same normalised words', () => {
    expect(searchTerms(gemeenten[1]!)).toBe('haarlem|schalkwijk|haarlem zuid west|spaarndam');
    expect(normaliseSearchText('’s-Hertogenbosch')).toBe('s hertogenbosch');
  });
});
