import { describe, expect, it } from 'vitest';
import {
  type Criterion,
  distanceKm,
  rankShortlist,
  type ShortlistCandidate,
  type ShortlistFamily,
  WEIGHTS,
} from './koppelingen.shortlist';

// Approximate centres of three kernen of Beekdaelen (src/content/gemeenten/beekdaelen.json).
const OIRSBEEK = { lat: 50.9497, lon: 5.9086 };
const NUTH = { lat: 50.9167, lon: 5.8856 };
const SCHIMMERT = { lat: 50.9061, lon: 5.8258 };

const TODAY = '2026-11-29';

const family = (over: Partial<ShortlistFamily> = {}): ShortlistFamily => ({
  kern: 'Oirsbeek',
  coordinates: OIRSBEEK,
  days: ['wo'],
  wantsSleepovers: true,
  ageGroups: ['4-12'],
  profileIds: ['profiel-1'],
  ...over,
});

const candidate = (over: Partial<ShortlistCandidate> = {}): ShortlistCandidate => ({
  registrationId: 'steun-a',
  kern: 'Oirsbeek',
  coordinates: OIRSBEEK,
  days: ['wo'],
  sleepovers: 'ja',
  ageGroups: ['4-12'],
  respondedToProfileId: null,
  waitingSince: TODAY,
  declinedWithFamilyOn: null,
  ...over,
});

const criterion = (c: ShortlistCandidate, name: Criterion, f = family()) =>
  rankShortlist(f, [c], TODAY)[0]!.criteria.find((r) => r.criterion === name)!;

describe('each criterion', () => {
  it('distance: same kern is best, points fall with the km between kernen, unknown places score a third', () => {
    expect(criterion(candidate(), 'distance')).toMatchObject({
      fit: 'good',
      points: WEIGHTS.distance,
      text: 'Woont in dezelfde kern (Oirsbeek)',
    });
    const nuth = criterion(candidate({ kern: 'Nuth', coordinates: NUTH }), 'distance');
    expect(nuth.text).toMatch(/^\d(,\d)? km tussen Oirsbeek en Nuth$/);
    expect(nuth.fit).toBe('partial');
    const schimmert = criterion(candidate({ kern: 'Schimmert', coordinates: SCHIMMERT }), 'distance');
    expect(schimmert.points).toBeLessThan(nuth.points);
    expect(criterion(candidate({ kern: 'Ergens', coordinates: null }), 'distance')).toMatchObject({
      fit: 'unknown',
      points: WEIGHTS.distance / 3,
    });
    expect(distanceKm(OIRSBEEK, NUTH)).toBeGreaterThan(3.5);
    expect(distanceKm(OIRSBEEK, NUTH)).toBeLessThan(4.5);
  });

  it('days: all asked days, some of them, none, or not known yet', () => {
    const f = family({ days: ['wo', 'za'] });
    expect(criterion(candidate({ days: ['wo', 'za', 'zo'] }), 'days', f)).toMatchObject({
      fit: 'good',
      points: 20,
      text: 'Kan op woensdag, zaterdag',
    });
    expect(criterion(candidate({ days: ['za'] }), 'days', f)).toMatchObject({ fit: 'partial', points: 15 });
    expect(criterion(candidate({ days: ['ma'] }), 'days', f)).toMatchObject({
      fit: 'none',
      points: 0,
      text: 'Geen dag die past: het gezin vraagt woensdag, zaterdag, het steungezin kan maandag',
    });
    expect(criterion(candidate(), 'days', family({ days: [] }))).toMatchObject({ fit: 'unknown', points: 10 });
  });

  it('ages: every child fits, some do, none do', () => {
    const f = family({ ageGroups: ['0-4', '4-12'] });
    expect(criterion(candidate({ ageGroups: ['0-4', '4-12'] }), 'ages', f)).toMatchObject({ fit: 'good', points: 20 });
    expect(criterion(candidate({ ageGroups: ['4-12'] }), 'ages', f)).toMatchObject({ fit: 'partial', points: 10 });
    expect(criterion(candidate({ ageGroups: ['12-18'] }), 'ages', f)).toMatchObject({
      fit: 'none',
      points: 0,
      text: 'Kiest andere leeftijden (12 tot 18 jaar)',
    });
  });

  it('sleep-overs: only counts when the family wants them', () => {
    expect(criterion(candidate({ sleepovers: 'ja' }), 'sleepovers')).toMatchObject({ fit: 'good', points: 10 });
    expect(criterion(candidate({ sleepovers: 'misschien' }), 'sleepovers')).toMatchObject({ points: 5 });
    expect(criterion(candidate({ sleepovers: 'nee' }), 'sleepovers')).toMatchObject({ fit: 'none', points: 0 });
    expect(criterion(candidate({ sleepovers: 'nee' }), 'sleepovers', family({ wantsSleepovers: false }))).toMatchObject(
      { fit: 'good', points: 10, text: 'Logeren is niet nodig' },
    );
  });

  it('responded to this family’s profile (not to another one)', () => {
    expect(criterion(candidate({ respondedToProfileId: 'profiel-1' }), 'responded')).toMatchObject({
      fit: 'good',
      points: 25,
      text: 'Reageerde op het profiel van dit gezin',
    });
    expect(criterion(candidate({ respondedToProfileId: 'profiel-2' }), 'responded')).toMatchObject({ points: 0 });
  });

  it('waiting: longer waiting earns more, full after half a year', () => {
    expect(criterion(candidate({ waitingSince: TODAY }), 'waiting')).toMatchObject({ points: 0 });
    expect(criterion(candidate({ waitingSince: '2026-08-31' }), 'waiting')).toMatchObject({
      fit: 'good',
      points: 8,
      text: 'Wacht 3 maanden op een gezin',
    });
    expect(criterion(candidate({ waitingSince: '2025-01-01' }), 'waiting').points).toBe(15);
    expect(criterion(candidate({ waitingSince: '2026-11-08' }), 'waiting').text).toBe('Wacht 3 weken op een gezin');
  });
});

describe('ranking', () => {
  it('puts the best fit first and shows every criterion for each candidate', () => {
    const ranked = rankShortlist(
      family(),
      [
        candidate({ registrationId: 'far', kern: 'Schimmert', coordinates: SCHIMMERT, days: ['ma'] }),
        candidate({ registrationId: 'near', respondedToProfileId: 'profiel-1' }),
        candidate({ registrationId: 'middle', kern: 'Nuth', coordinates: NUTH }),
      ],
      TODAY,
    );
    expect(ranked.map((r) => r.candidate.registrationId)).toEqual(['near', 'middle', 'far']);
    for (const r of ranked) expect(r.criteria.map((c) => c.criterion)).toHaveLength(6);
    expect(ranked[0]!.score).toBe(30 + 20 + 20 + 10 + 25 + 0);
  });

  it('breaks a tie by who waited longest, then by id (stable)', () => {
    const ranked = rankShortlist(
      family({ days: [] }),
      [
        candidate({ registrationId: 'b', waitingSince: '2026-11-20' }),
        candidate({ registrationId: 'c', waitingSince: '2026-11-19' }),
        candidate({ registrationId: 'a', waitingSince: '2026-11-20' }),
      ],
      TODAY,
    );
    expect(ranked.map((r) => r.candidate.registrationId)).toEqual(['c', 'a', 'b']);
  });

  it('a steungezin whose kennismaking with this family did not click goes last', () => {
    const ranked = rankShortlist(
      family(),
      [
        candidate({ registrationId: 'said-no', respondedToProfileId: 'profiel-1', declinedWithFamilyOn: '2026-10-01' }),
        candidate({ registrationId: 'far', kern: 'Schimmert', coordinates: SCHIMMERT }),
      ],
      TODAY,
    );
    expect(ranked.map((r) => r.candidate.registrationId)).toEqual(['far', 'said-no']);
  });
});
