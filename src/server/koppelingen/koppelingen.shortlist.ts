/**
 * The shortlist: approved, available steungezinnen for one vraaggezin, ranked, with the reason
 * for every criterion so the coordinator sees why (she decides; nothing is matched
 * automatically). Pure functions: the use case loads the data (koppelingen.usecases.ts).
 * Weights and their reasons: docs/decisions/010-koppelingen.md.
 */
import { daysBetween } from '~/lib/dates';
import { ageGroupOptions, dayOptions } from '~/lib/registration.options';

export type Coordinates = { lat: number; lon: number };

export type ShortlistFamily = {
  kern: string | null;
  coordinates: Coordinates | null;
  /** Days the family asked for (from its profile); empty = not known yet. */
  days: readonly string[];
  /** true: the family would like sleep-overs; false: not asked; null: not known. */
  wantsSleepovers: boolean | null;
  /** Age groups (codes of ageGroupOptions) of the children. */
  ageGroups: readonly string[];
  /** This family's recruitment profiles. */
  profileIds: readonly string[];
};

export type ShortlistCandidate = {
  registrationId: string;
  kern: string | null;
  coordinates: Coordinates | null;
  days: readonly string[];
  /** Code of sleepoverOptions: 'ja' | 'misschien' | 'nee', or null. */
  sleepovers: string | null;
  ageGroups: readonly string[];
  /** The profile this steungezin responded to when it signed up. */
  respondedToProfileId: string | null;
  /** Since when it waits for a (next) family. */
  waitingSince: string;
  /** When a kennismaking with this very family did not click. */
  declinedWithFamilyOn: string | null;
};

export type Criterion = 'distance' | 'days' | 'ages' | 'sleepovers' | 'responded' | 'waiting';
export type Fit = 'good' | 'partial' | 'none' | 'unknown';
export type CriterionResult = { criterion: Criterion; fit: Fit; points: number; max: number; text: string };
export type RankedCandidate<C extends ShortlistCandidate = ShortlistCandidate> = {
  candidate: C;
  score: number;
  criteria: CriterionResult[];
};

export const WEIGHTS: Record<Criterion, number> = {
  distance: 30,
  days: 20,
  ages: 20,
  sleepovers: 10,
  responded: 25,
  waiting: 15,
};
/** Beyond this distance between kernen the distance adds nothing. */
export const DISTANCE_ZERO_KM = 15;
/** Waiting this long earns the full waiting points. */
const WAITING_FULL_DAYS = 180;

/** Great-circle distance in km (haversine). */
export function distanceKm(a: Coordinates, b: Coordinates): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

const km = (value: number) => `${value.toLocaleString('nl-NL', { maximumFractionDigits: 1 })} km`;
const dayNames = (codes: readonly string[]) =>
  dayOptions
    .filter((d) => codes.includes(d.value))
    .map((d) => d.label.toLowerCase())
    .join(', ');
const ageNames = (codes: readonly string[]) =>
  ageGroupOptions
    .filter((a) => codes.includes(a.value))
    .map((a) => a.label)
    .join(', ');

function distance(family: ShortlistFamily, c: ShortlistCandidate): CriterionResult {
  const max = WEIGHTS.distance;
  if (family.kern && c.kern && family.kern.toLowerCase() === c.kern.toLowerCase())
    return { criterion: 'distance', fit: 'good', points: max, max, text: `Woont in dezelfde kern (${c.kern})` };
  if (!family.coordinates || !c.coordinates)
    return {
      criterion: 'distance',
      fit: 'unknown',
      points: Math.round(max / 3),
      max,
      text: `Afstand onbekend: ${c.kern ?? 'geen kern'} staat niet op de kaart van de gemeente`,
    };
  const d = distanceKm(family.coordinates, c.coordinates);
  const points = Math.round(max * Math.max(0, 1 - d / DISTANCE_ZERO_KM));
  const fit: Fit = d <= 3 ? 'good' : d <= 8 ? 'partial' : 'none';
  return { criterion: 'distance', fit, points, max, text: `${km(d)} tussen ${family.kern} en ${c.kern}` };
}

function days(family: ShortlistFamily, c: ShortlistCandidate): CriterionResult {
  const max = WEIGHTS.days;
  if (family.days.length === 0)
    return {
      criterion: 'days',
      fit: 'unknown',
      points: max / 2,
      max,
      text: 'Het gezin heeft nog geen vaste dagen genoemd',
    };
  const overlap = family.days.filter((d) => c.days.includes(d));
  if (overlap.length === 0)
    return {
      criterion: 'days',
      fit: 'none',
      points: 0,
      max,
      text: `Geen dag die past: het gezin vraagt ${dayNames(family.days)}, het steungezin kan ${dayNames(c.days) || 'nog niets'}`,
    };
  const all = overlap.length === family.days.length;
  return {
    criterion: 'days',
    fit: all ? 'good' : 'partial',
    points: all ? max : Math.round(max * 0.75),
    max,
    text: `Kan op ${dayNames(overlap)}`,
  };
}

function ages(family: ShortlistFamily, c: ShortlistCandidate): CriterionResult {
  const max = WEIGHTS.ages;
  if (family.ageGroups.length === 0 || c.ageGroups.length === 0)
    return { criterion: 'ages', fit: 'unknown', points: max / 2, max, text: 'Leeftijden niet bekend' };
  const fitting = family.ageGroups.filter((a) => c.ageGroups.includes(a));
  if (fitting.length === family.ageGroups.length)
    return {
      criterion: 'ages',
      fit: 'good',
      points: max,
      max,
      text: `Past bij de leeftijd van de kinderen (${ageNames(fitting)})`,
    };
  if (fitting.length > 0)
    return {
      criterion: 'ages',
      fit: 'partial',
      points: max / 2,
      max,
      text: `Past bij een deel van de kinderen (${ageNames(fitting)})`,
    };
  return {
    criterion: 'ages',
    fit: 'none',
    points: 0,
    max,
    text: `Kiest andere leeftijden (${ageNames(c.ageGroups)})`,
  };
}

function sleepovers(family: ShortlistFamily, c: ShortlistCandidate): CriterionResult {
  const max = WEIGHTS.sleepovers;
  if (family.wantsSleepovers === false)
    return { criterion: 'sleepovers', fit: 'good', points: max, max, text: 'Logeren is niet nodig' };
  if (family.wantsSleepovers === null)
    return { criterion: 'sleepovers', fit: 'unknown', points: max / 2, max, text: 'Niet bekend of logeren nodig is' };
  if (c.sleepovers === 'ja') return { criterion: 'sleepovers', fit: 'good', points: max, max, text: 'Logeren kan' };
  if (c.sleepovers === 'misschien')
    return { criterion: 'sleepovers', fit: 'partial', points: max / 2, max, text: 'Logeren kan misschien later' };
  return { criterion: 'sleepovers', fit: 'none', points: 0, max, text: 'Logeren kan niet' };
}

function responded(family: ShortlistFamily, c: ShortlistCandidate): CriterionResult {
  const max = WEIGHTS.responded;
  return c.respondedToProfileId && family.profileIds.includes(c.respondedToProfileId)
    ? { criterion: 'responded', fit: 'good', points: max, max, text: 'Reageerde op het profiel van dit gezin' }
    : { criterion: 'responded', fit: 'none', points: 0, max, text: 'Reageerde niet op het profiel van dit gezin' };
}

function waitingText(days: number): string {
  if (days < 14) return days <= 1 ? 'Sinds kort beschikbaar' : `Wacht ${days} dagen op een gezin`;
  if (days < 60) return `Wacht ${Math.floor(days / 7)} weken op een gezin`;
  return `Wacht ${Math.floor(days / 30)} maanden op een gezin`;
}

function waiting(c: ShortlistCandidate, today: string): CriterionResult {
  const max = WEIGHTS.waiting;
  const waited = Math.max(0, daysBetween(c.waitingSince, today));
  const points = Math.round(max * Math.min(1, waited / WAITING_FULL_DAYS));
  const fit: Fit = waited >= 90 ? 'good' : waited >= 30 ? 'partial' : 'none';
  return { criterion: 'waiting', fit, points, max, text: waitingText(waited) };
}

/** Scores every candidate on each criterion and sorts: best fit first, then who waited longest. */
export function rankShortlist<C extends ShortlistCandidate>(
  family: ShortlistFamily,
  candidates: readonly C[],
  today: string,
): RankedCandidate<C>[] {
  return candidates
    .map((candidate) => {
      const criteria = [
        distance(family, candidate),
        days(family, candidate),
        ages(family, candidate),
        sleepovers(family, candidate),
        responded(family, candidate),
        waiting(candidate, today),
      ];
      return { candidate, criteria, score: criteria.reduce((sum, c) => sum + c.points, 0) };
    })
    .sort(
      (a, b) =>
        // A kennismaking with this family that did not click goes to the bottom, whatever the score.
        Number(a.candidate.declinedWithFamilyOn !== null) - Number(b.candidate.declinedWithFamilyOn !== null) ||
        b.score - a.score ||
        a.candidate.waitingSince.localeCompare(b.candidate.waitingSince) ||
        a.candidate.registrationId.localeCompare(b.candidate.registrationId),
    );
}
