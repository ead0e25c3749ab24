/**
 * The progress report of one gemeente over one period (README.md in this folder): figures from
 * the anonymous ledger, the waiting list as it is today, the target from the gemeente's content
 * file, and the coordinator's text. The gemeente role gets the same report with small numbers
 * hidden (rapportage.suppression.ts).
 */
import { amsterdamDate } from '~/lib/dates';
import { accessError } from '~/server/access/access.errors';
import { can, gemeenteScope, requireStaff, type StaffContext } from '~/server/access/permissions';
import { auditActor, recordAudit } from '~/server/audit/audit.usecases';
import type { DbOrTx } from '~/server/db/db';
import { loadGemeenteCatalog } from '~/server/gemeenten/gemeenten.catalog';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { createScreeningRepository } from '~/server/screening/screening.repository';
import { rapportageError } from './rapportage.errors';
import { computeReport, type Fact } from './rapportage.figures';
import { NOTE_FIELDS, type NoteField, UNKNOWN_KERN } from './rapportage.labels';
import { computeNational } from './rapportage.national';
import {
  type Period,
  type PeriodInput,
  parsePeriod,
  periodOfKey,
  previousPeriod,
  yearShare,
} from './rapportage.periods';
import { createRapportageRepository } from './rapportage.repository';
import { suppressSmallNumbers } from './rapportage.suppression';

export type RapportageDeps = { db: DbOrTx; clock: () => Date };

/** The target when the gemeente's content file names none: 12 to 15 new koppelingen a year. */
const DEFAULT_YEARLY_TARGET = { min: 12, max: 15 } as const;
/** Sign-ups still waiting for a steungezin: not yet proposed, not out of the pipeline. */
const WAITING_STATUSES = ['new', 'contacted', 'intake_1', 'intake_2', 'profile_published'] as const;
export const NOTE_MAX_LENGTH = 4000;

let catalogTargets: Map<string, number | undefined> | undefined;
/** The yearly target of a gemeente from its content file (read once). */
function yearlyTarget(slug: string): { min: number; max: number } {
  catalogTargets ??= new Map(loadGemeenteCatalog().map((gemeente) => [gemeente.slug, gemeente.yearlyTarget]));
  const target = catalogTargets.get(slug);
  return target === undefined ? DEFAULT_YEARLY_TARGET : { min: target, max: target };
}

function periodTarget(slug: string, period: Period) {
  const yearly = yearlyTarget(slug);
  const share = yearShare(period);
  return { min: Math.round(yearly.min * share), max: Math.round(yearly.max * share), yearly };
}

/** Only staff who may read this gemeente's reports; an unknown gemeente or one out of reach is a 404. */
async function loadGemeente(
  db: DbOrTx,
  ctx: StaffContext | null,
  slug: string,
  action: 'report.read' | 'report.write',
) {
  requireStaff(ctx, { action: 'report.read' });
  const gemeente = /^[a-z0-9-]{1,60}$/.test(slug) ? await createGemeentenRepository({ db }).find(slug) : undefined;
  if (!gemeente) throw accessError('access.not_found');
  return { ctx: requireStaff(ctx, { action, gemeente: slug }), gemeente };
}

async function waitingPerKern(db: DbOrTx, slug: string, today: string) {
  const [families, pool] = await Promise.all([
    createRegistrationsRepository({ db }).countPerKern(slug, WAITING_STATUSES),
    createScreeningRepository({ db }).pool([slug], today),
  ]);
  const byKern = new Map<string, { families: number; steungezinnen: number }>();
  const entry = (kern: string | null) => {
    const name = kern?.trim() || UNKNOWN_KERN;
    const found = byKern.get(name) ?? { families: 0, steungezinnen: 0 };
    byKern.set(name, found);
    return found;
  };
  for (const row of families) entry(row.kern).families += row.families;
  for (const steungezin of pool) entry(steungezin.kern).steungezinnen += 1;
  return [...byKern].map(([kern, sums]) => ({ kern, ...sums }));
}

/** Kernen written in another case ("nuth") count with the gemeente's own spelling. */
function canonicalKern(kernen: readonly string[]) {
  const known = new Map(kernen.map((kern) => [kern.toLocaleLowerCase('nl'), kern]));
  return (kern: string) => known.get(kern.toLocaleLowerCase('nl')) ?? kern;
}

/** The report of one gemeente for the period asked for (the current quarter by default). */
export async function getReport(deps: RapportageDeps, ctx: StaffContext | null, slug: string, input: PeriodInput) {
  const access = await loadGemeente(deps.db, ctx, slug, 'report.read');
  const { gemeente } = access;
  const today = amsterdamDate(deps.clock());
  const { period, error } = parsePeriod(input, today);
  const previous = previousPeriod(period);
  const repo = createRapportageRepository({ db: deps.db });
  const [facts, activeNow, activeBefore, waiting, notes] = await Promise.all([
    repo.countedFacts(slug, { previousFrom: previous.from, from: period.from, to: period.to }),
    repo.activeAt(slug, period.to),
    repo.activeAt(slug, previous.to),
    waitingPerKern(deps.db, slug, today),
    repo.findNotes(slug, period.key),
  ]);
  const inPeriod = (from: string, to: string) => (fact: Fact) => fact.occurredOn >= from && fact.occurredOn <= to;
  const kern = canonicalKern(gemeente.kernen);
  const exact = computeReport({
    current: { facts: facts.filter(inPeriod(period.from, period.to)), activeAtEnd: activeNow },
    previous: { facts: facts.filter(inPeriod(previous.from, previous.to)), activeAtEnd: activeBefore },
    target: periodTarget(slug, period),
    waiting: waiting.map((row) => ({ ...row, kern: kern(row.kern) })),
    kernen: gemeente.kernen,
  });
  const suppressed = access.ctx.staff.role === 'gemeente';
  // The families' own words are for the coordinators, never for the gemeente.
  const openAnswers = suppressed ? [] : await repo.openAnswers(slug, period.from, period.to);
  return {
    gemeente: { slug: gemeente.slug, name: gemeente.name },
    period,
    previous,
    periodError: error,
    today,
    target: periodTarget(slug, period),
    sections: suppressed ? suppressSmallNumbers(exact) : exact,
    suppressed,
    openAnswers,
    notes: {
      highlights: notes?.highlights ?? '',
      signals: notes?.signals ?? '',
      plans: notes?.plans ?? '',
      updatedByName: notes?.updatedByName ?? null,
      updatedAt: notes?.updatedAt ?? null,
    },
    canWriteNotes: can(access.ctx, 'report.write', slug),
  };
}

export type Report = Awaited<ReturnType<typeof getReport>>;

/** Saves the coordinator's text (highlights, signals, plans) with the report of one period. */
export async function saveReportNotes(
  deps: RapportageDeps,
  ctx: StaffContext | null,
  slug: string,
  input: { periodKey: string } & Record<NoteField, string>,
) {
  const access = await loadGemeente(deps.db, ctx, slug, 'report.write');
  const period = periodOfKey(input.periodKey);
  if (!period) throw rapportageError('rapportage.invalid_input', { field: 'periodKey' }, 'Kies eerst een periode.');
  const texts = Object.fromEntries(
    NOTE_FIELDS.map((field) => [field.name, (input[field.name] ?? '').trim()]),
  ) as Record<NoteField, string>;
  const tooLong = NOTE_FIELDS.find((field) => texts[field.name].length > NOTE_MAX_LENGTH);
  if (tooLong)
    throw rapportageError(
      'rapportage.invalid_input',
      { fields: { [tooLong.name]: `Schrijf hoogstens ${NOTE_MAX_LENGTH} tekens.` } },
      `${tooLong.label}: schrijf hoogstens ${NOTE_MAX_LENGTH} tekens.`,
    );
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    await createRapportageRepository({ db: tx }).saveNotes({
      gemeenteSlug: slug,
      periodKey: period.key,
      ...texts,
      updatedByName: access.ctx.staff.displayName,
      updatedAt: now,
    });
    await recordAudit(
      tx,
      auditActor(access.ctx),
      { action: 'report.notes', gemeenteSlug: slug, detail: { period: period.key } },
      now,
    );
  });
  return period;
}

/**
 * The start page of /rapportage: the gemeenten whose reports this staff member may open, and for
 * the backoffice the national figures of this year (rapportage.national.ts).
 */
export async function getReportOverview(deps: RapportageDeps, ctx: StaffContext | null) {
  const checked = requireStaff(ctx, { action: 'report.read' });
  const gemeenten = await createGemeentenRepository({ db: deps.db }).listNamed(gemeenteScope(checked));
  if (!can(checked, 'report.national')) return { gemeenten, national: null };
  const today = amsterdamDate(deps.clock());
  const year = Number(today.slice(0, 4));
  const repo = createRapportageRepository({ db: deps.db });
  const [counts, effects, active] = await Promise.all([
    repo.countsBetween(`${year}-01-01`, today),
    repo.effectCountsBetween(`${year}-01-01`, today),
    repo.activePerGemeente(today),
  ]);
  const national = computeNational({
    year,
    lastMonth: Number(today.slice(5, 7)),
    counts,
    effects,
    active,
    gemeenten: gemeenten.map((gemeente) => ({ ...gemeente, target: yearlyTarget(gemeente.slug) })),
  });
  return { gemeenten, national: { year, today, sections: national } };
}
