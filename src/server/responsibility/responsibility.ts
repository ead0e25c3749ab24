/**
 * Who is responsible for a sign-up, decided here and nowhere else (docs/domain.md, "Who is
 * responsible, always"; docs/decisions/019-who-is-responsible.md):
 *
 *   1. the gemeente's coordinators who can log in (active, enrolled);
 *   2. if there are none (starting up, a vacancy): the regional coordinators of its region;
 *   3. if there are none either: the national office (backoffice).
 *
 * The same rule decides who is notified of a new sign-up (at once or in the daily digest, as each
 * chose), whom the family is told will contact them and within how many working days, which
 * sign-ups a regional coordinator or the office sees as theirs ("zonder coördinator" in the inbox),
 * and where a regional coordinator stands in for the missing coordinator (permissions.ts).
 */
import { amsterdamDate } from '~/lib/dates';
import { addWorkingDays } from '~/lib/working-days';
import type { StaffContext } from '~/server/access/permissions';
import type { DbOrTx } from '~/server/db/db';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import { createStaffRepository } from '~/server/staff/staff.repository';

/** The promise on the confirmation page and in the mail: contact within this many working days. */
export const FIRST_CONTACT_WORKING_DAYS = 10;

export type ResponsibleLevel = 'coordinator' | 'regional' | 'backoffice';

type Candidate = {
  id: string;
  name: string;
  email: string;
  notificationMode: 'immediate' | 'daily_digest';
};

export type Responsible = {
  level: ResponsibleLevel;
  /** The people who pick it up, longest-serving first (may be empty: an installation without any account). */
  people: Candidate[];
  gemeente: { slug: string; name: string; region: string };
};

/** The rule, on the candidates of one gemeente (each list: people who can log in). */
function chooseResponsible(candidates: {
  coordinators: Candidate[];
  regional: Candidate[];
  backoffice: Candidate[];
}): Pick<Responsible, 'level' | 'people'> {
  if (candidates.coordinators.length > 0) return { level: 'coordinator', people: candidates.coordinators };
  if (candidates.regional.length > 0) return { level: 'regional', people: candidates.regional };
  return { level: 'backoffice', people: candidates.backoffice };
}

/**
 * Who picks up a sign-up in this gemeente now. Unknown gemeente: an Error (a bug, not input). A
 * caller that has just read the gemeente passes it instead of its slug (a sign-up: one read less).
 */
export async function findResponsible(
  db: DbOrTx,
  gemeenteOrSlug: string | Responsible['gemeente'],
): Promise<Responsible> {
  const gemeente =
    typeof gemeenteOrSlug === 'string' ? await createGemeentenRepository({ db }).find(gemeenteOrSlug) : gemeenteOrSlug;
  if (!gemeente) throw new Error(`unknown gemeente "${gemeenteOrSlug}"`);
  const candidates = await createStaffRepository({ db }).responsibleCandidates(gemeente);
  return {
    ...chooseResponsible(candidates),
    gemeente: { slug: gemeente.slug, name: gemeente.name, region: gemeente.region },
  };
}

/**
 * What a family (or referrer) is promised at sign-up, stored with the sign-up and put in the
 * confirmation mail, so the inbox shows exactly what was said. `dueOn` is the last day
 * (Europe/Amsterdam) of the term.
 */
export type FirstContactPromise = {
  level: ResponsibleLevel;
  /** The people named; the office is named as the office, not by person. */
  names: string[];
  gemeenteName: string;
  region: string;
  workingDays: number;
  dueOn: string;
};

/**
 * A promise names at most this many people ("Maud Hendriks of Anouk Peeters"); a larger team is
 * promised as "een coördinator van …", which stays true and readable (and fits the mail).
 */
const MAX_NAMED = 3;

export function firstContactPromise(responsible: Responsible, at: Date): FirstContactPromise {
  const named = responsible.level !== 'backoffice' && responsible.people.length <= MAX_NAMED;
  return {
    level: responsible.level,
    names: named ? responsible.people.map((person) => person.name) : [],
    gemeenteName: responsible.gemeente.name,
    region: responsible.gemeente.region,
    workingDays: FIRST_CONTACT_WORKING_DAYS,
    dueOn: addWorkingDays(amsterdamDate(at), FIRST_CONTACT_WORKING_DAYS),
  };
}

/** Of these gemeenten, the ones without a coordinator who can log in ("zonder coördinator"). */
export async function gemeentenWithoutCoordinator(db: DbOrTx, slugs: readonly string[]): Promise<Set<string>> {
  const covered = await createStaffRepository({ db }).gemeentenWithCoordinator(slugs);
  return new Set(slugs.filter((slug) => !covered.has(slug)));
}

/**
 * The gemeenten whose new sign-ups are this staff member's to pick up under the rule above: a
 * coordinator's own gemeenten; for a regional coordinator the gemeenten of her region without a
 * coordinator; for the office the gemeenten with neither a coordinator nor a regional coordinator.
 */
export async function gemeentenInMyCare(
  db: DbOrTx,
  ctx: Pick<StaffContext, 'staff' | 'gemeenten'>,
): Promise<Set<string>> {
  const gemeenten = createGemeentenRepository({ db });
  const slugs = ctx.gemeenten === 'all' ? await gemeenten.allSlugs() : [...ctx.gemeenten];
  if (ctx.staff.role === 'coordinator') return new Set(slugs);
  const uncovered = await gemeentenWithoutCoordinator(db, slugs);
  if (ctx.staff.role === 'regional') return uncovered;
  const regions = await gemeenten.regionsBySlug([...uncovered]);
  const withRegional = await createStaffRepository({ db }).regionsWithRegional([...new Set(regions.values())]);
  return new Set([...uncovered].filter((slug) => !withRegional.has(regions.get(slug) ?? '')));
}

/** What someone who signs up in this gemeente now is told (the thank-you page). */
export async function currentFirstContactPromise(
  deps: { db: DbOrTx; clock: () => Date },
  gemeenteSlug: string,
): Promise<FirstContactPromise> {
  return firstContactPromise(await findResponsible(deps.db, gemeenteSlug), deps.clock());
}
