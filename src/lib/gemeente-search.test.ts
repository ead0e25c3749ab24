import { describe, expect, it } from 'vitest';
import {
  matchesSearchTerms,
  normaliseSearchText,
  postcodeRanges,
  searchGemeenten,
  searchTerms,
} from './gemeente-search';

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

describe('small typos and postcodes (issue 12)', () => {
  const withPostcodes = [
    { ...gemeenten[0]!, postcodes: ['6333', '6361-6365'] },
    { ...gemeenten[1]!, postcodes: ['2011-2037'] },
    { ...gemeenten[2]!, postcodes: ['8441-8449', '8491'] },
  ];
  const found = (q: string) => searchGemeenten(withPostcodes, q).map((m) => [m.gemeente.slug, m.matchedKernen]);

  it.each([
    ['schimert', 'beekdaelen', ['Schimmert']],
    ['Schimmer', 'beekdaelen', ['Schimmert']],
    ['schimmmert', 'beekdaelen', ['Schimmert']],
    ['oirsbek', 'beekdaelen', ['Oirsbeek']],
    ['harlem', 'haarlem', []],
    ['heerenven', 'heerenveen', []],
    ['spaarndma', 'haarlem', ['Spaarndam']],
  ])('finds "%s"', (q, slug, kernen) => {
    expect(found(q)).toEqual([[slug, kernen]]);
  });

  it('puts exact matches before near ones', () => {
    const list = [
      { slug: 'a', name: 'Nut', kernen: ['Nut'] },
      { slug: 'b', name: 'Beekdaelen', kernen: ['Nuth'] },
    ];
    expect(searchGemeenten(list, 'nuth').map((m) => m.gemeente.slug)).toEqual(['b', 'a']);
  });

  it('does not guess wildly: short words need to be exact, unknown places stay unknown', () => {
    expect(found('nuh')).toEqual([]);
    expect(found('Appelscha')).toEqual([]);
    expect(found('Haren')).toEqual([]);
    expect(found('Amsterdam')).toEqual([]);
  });

  it.each([
    ['6333', 'beekdaelen'],
    ['6333 AB', 'beekdaelen'],
    ['6333ab', 'beekdaelen'],
    ['6364', 'beekdaelen'],
    ['2035 XK', 'haarlem'],
    ['8491', 'heerenveen'],
  ])('finds the gemeente of postcode %s', (q, slug) => {
    const matches = searchGemeenten(withPostcodes, q);
    expect(matches.map((m) => m.gemeente.slug)).toEqual([slug]);
    expect(matches[0]!.postcode).toBe(q.slice(0, 4));
  });

  it('says nothing for a postcode outside every gemeente, or a number that is no postcode', () => {
    expect(found('1011 AB')).toEqual([]);
    expect(found('123')).toEqual([]);
    expect(found('0123')).toEqual([]);
  });

  it('gives the instant filter the same answer as the server', () => {
    for (const q of ['schimert', '6333 ab', 'harlem', 'xyz', 'akkrum']) {
      const server = searchGemeenten(withPostcodes, q).map((m) => m.gemeente.slug);
      const browser = withPostcodes
        .filter((g) => matchesSearchTerms(q, searchTerms(g), postcodeRanges(g)))
        .map((g) => g.slug);
      expect(browser.sort()).toEqual(server.sort());
    }
  });
});
