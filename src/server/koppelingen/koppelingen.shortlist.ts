/**
 * The shortlist: approved, available steungezinnen for one vraaggezin, ranked, with the reason
 * for every criterion so the coordinator sees why (she decides; nothing is matched
 * automatically). Pure functions: the use case loads the data (koppelingen.usecases.ts).
 * Weights and their reasons: docs/decisions/018-koppelingen.md.
 */
import { dayNumber } from '~/lib/dates';
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
type Fit = 'good' | 'partial' | 'none' | 'unknown';
type CriterionResult = { criterion: Criterion; fit: Fit; points: number; max: number; text: string };
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
const DISTANCE_ZERO_KM = 15;
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

// One formatter for all candidates: toLocaleString makes a new one per call (slow for 2,000 candidates).
const kmFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
const km = (value: number) => `${kmFormat.format(value)} km`;
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
const sameKern = (family: ShortlistFamily, c: ShortlistCandidate) =>
  !!family.kern && !!c.kern && family.kern.toLowerCase() === c.kern.toLowerCase();
const countIn = (wanted: readonly string[], offered: readonly string[]) => {
  let n = 0;
  for (const w of wanted) if (offered.includes(w)) n++;
  return n;
};

type Scored = { criterion: Criterion; fit: Fit; points: number; max: number };

// Scoring runs for every candidate, so it only counts; the sentences (below) are written for the
// candidates that are shown.
function scoreAll(family: ShortlistFamily, c: ShortlistCandidate, today: number): Scored[] {
  const out: Scored[] = [];
  // distance
  let max = WEIGHTS.distance;
  if (sameKern(family, c)) out.push({ criterion: 'distance', fit: 'good', points: max, max });
  else if (!family.coordinates || !c.coordinates)
    out.push({ criterion: 'distance', fit: 'unknown', points: Math.round(max / 3), max });
  else {
    const d = distanceKm(family.coordinates, c.coordinates);
    out.push({
      criterion: 'distance',
      fit: d <= 3 ? 'good' : d <= 8 ? 'partial' : 'none',
      points: Math.round(max * Math.max(0, 1 - d / DISTANCE_ZERO_KM)),
      max,
    });
  }
  // days
  max = WEIGHTS.days;
  const dayOverlap = countIn(family.days, c.days);
  if (family.days.length === 0) out.push({ criterion: 'days', fit: 'unknown', points: max / 2, max });
  else if (dayOverlap === 0) out.push({ criterion: 'days', fit: 'none', points: 0, max });
  else if (dayOverlap === family.days.length) out.push({ criterion: 'days', fit: 'good', points: max, max });
  else out.push({ criterion: 'days', fit: 'partial', points: Math.round(max * 0.75), max });
  // ages
  max = WEIGHTS.ages;
  const ageFit = countIn(family.ageGroups, c.ageGroups);
  if (family.ageGroups.length === 0 || c.ageGroups.length === 0)
    out.push({ criterion: 'ages', fit: 'unknown', points: max / 2, max });
  else if (ageFit === family.ageGroups.length) out.push({ criterion: 'ages', fit: 'good', points: max, max });
  else if (ageFit > 0) out.push({ criterion: 'ages', fit: 'partial', points: max / 2, max });
  else out.push({ criterion: 'ages', fit: 'none', points: 0, max });
  // sleep-overs
  max = WEIGHTS.sleepovers;
  if (family.wantsSleepovers === false || (family.wantsSleepovers && c.sleepovers === 'ja'))
    out.push({ criterion: 'sleepovers', fit: 'good', points: max, max });
  else if (family.wantsSleepovers === null) out.push({ criterion: 'sleepovers', fit: 'unknown', points: max / 2, max });
  else if (c.sleepovers === 'misschien') out.push({ criterion: 'sleepovers', fit: 'partial', points: max / 2, max });
  else out.push({ criterion: 'sleepovers', fit: 'none', points: 0, max });
  // responded to this family's profile
  max = WEIGHTS.responded;
  const responded = !!c.respondedToProfileId && family.profileIds.includes(c.respondedToProfileId);
  out.push({ criterion: 'responded', fit: responded ? 'good' : 'none', points: responded ? max : 0, max });
  // waiting
  max = WEIGHTS.waiting;
  const waited = Math.max(0, today - dayNumber(c.waitingSince));
  out.push({
    criterion: 'waiting',
    fit: waited >= 90 ? 'good' : waited >= 30 ? 'partial' : 'none',
    points: Math.round(max * Math.min(1, waited / WAITING_FULL_DAYS)),
    max,
  });
  return out;
}

function waitingText(days: number): string {
  if (days < 14) return days <= 1 ? 'Sinds kort beschikbaar' : `Wacht ${days} dagen op een gezin`;
  if (days < 60) return `Wacht ${Math.floor(days / 7)} weken op een gezin`;
  return `Wacht ${Math.floor(days / 30)} maanden op een gezin`;
}

/** The sentence that explains one scored criterion to the coordinator. */
function sentence(s: Scored, family: ShortlistFamily, c: ShortlistCandidate, today: number): string {
  switch (s.criterion) {
    case 'distance':
      if (sameKern(family, c)) return `Woont in dezelfde kern (${c.kern})`;
      if (!family.coordinates || !c.coordinates)
        return `Afstand onbekend: ${c.kern ?? 'geen kern'} staat niet op de kaart van de gemeente`;
      return `${km(distanceKm(family.coordinates, c.coordinates))} tussen ${family.kern} en ${c.kern}`;
    case 'days':
      if (s.fit === 'unknown') return 'Het gezin heeft nog geen vaste dagen genoemd';
      if (s.fit === 'none')
        return `Geen dag die past: het gezin vraagt ${dayNames(family.days)}, het steungezin kan ${dayNames(c.days) || 'nog niets'}`;
      return `Kan op ${dayNames(family.days.filter((d) => c.days.includes(d)))}`;
    case 'ages': {
      const fitting = family.ageGroups.filter((a) => c.ageGroups.includes(a));
      if (s.fit === 'unknown') return 'Leeftijden niet bekend';
      if (s.fit === 'good') return `Past bij de leeftijd van de kinderen (${ageNames(fitting)})`;
      if (s.fit === 'partial') return `Past bij een deel van de kinderen (${ageNames(fitting)})`;
      return `Kiest andere leeftijden (${ageNames(c.ageGroups)})`;
    }
    case 'sleepovers':
      if (family.wantsSleepovers === false) return 'Logeren is niet nodig';
      if (family.wantsSleepovers === null) return 'Niet bekend of logeren nodig is';
      return s.fit === 'good'
        ? 'Logeren kan'
        : s.fit === 'partial'
          ? 'Logeren kan misschien later'
          : 'Logeren kan niet';
    case 'responded':
      return s.fit === 'good'
        ? 'Reageerde op het profiel van dit gezin'
        : 'Reageerde niet op het profiel van dit gezin';
    case 'waiting':
      return waitingText(Math.max(0, today - dayNumber(c.waitingSince)));
  }
}

/** Plain code-unit order (dates as YYYY-MM-DD, ids): much cheaper than localeCompare in a sort of 2,000. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Scores every candidate on each criterion and sorts: best fit first, then who waited longest.
 * Returns the first `limit` with a sentence per criterion (writing 2,000 x 6 sentences nobody
 * reads would cost more than the ranking itself).
 */
export function rankShortlist<C extends ShortlistCandidate>(
  family: ShortlistFamily,
  candidates: readonly C[],
  today: string,
  limit = Number.POSITIVE_INFINITY,
): RankedCandidate<C>[] {
  const todayNumber = dayNumber(today);
  const scored = candidates.map((candidate) => {
    const criteria = scoreAll(family, candidate, todayNumber);
    let score = 0;
    for (const c of criteria) score += c.points;
    return { candidate, criteria, score };
  });
  scored.sort(
    (a, b) =>
      // A kennismaking with this family that did not click goes to the bottom, whatever the score.
      Number(a.candidate.declinedWithFamilyOn !== null) - Number(b.candidate.declinedWithFamilyOn !== null) ||
      b.score - a.score ||
      compare(a.candidate.waitingSince, b.candidate.waitingSince) ||
      compare(a.candidate.registrationId, b.candidate.registrationId),
  );
  return scored.slice(0, limit).map(({ candidate, criteria, score }) => ({
    candidate,
    score,
    criteria: criteria.map((c) => ({ ...c, text: sentence(c, family, candidate, todayNumber) })),
  }));
}
