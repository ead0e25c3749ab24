/**
 * The rhythm of a koppeling (docs/domain.md, "The rhythm of a koppeling"): an evaluation after the
 * two-month trial period, then one every six months after the last evaluation held, and afronding
 * at the latest two years after the start. All dates are calendar days in Europe/Amsterdam
 * (src/lib/dates.ts); "today" comes from an injected clock. docs/decisions/018-koppelingen.md explains why the next
 * evaluation counts from the last one held rather than from a fixed grid.
 */
import { addDays, addMonths, amsterdamDate } from '~/lib/dates';

const TRIAL_PERIOD_MONTHS = 2;
const EVALUATION_INTERVAL_MONTHS = 6;
const MAX_DURATION_MONTHS = 24;
/** A due date this many days ahead (or nearer) counts as "due" in the lists, the digest and the feed. */
export const DUE_SOON_DAYS = 14;

export type NextDue =
  | { kind: 'evaluation'; sequence: number; trial: boolean; dueOn: string }
  | { kind: 'closure'; dueOn: string };

export type DueState = 'overdue' | 'due' | 'later';

/** The latest day the guidance may end: two years after the start. */
export function closureDeadline(startDate: string): string {
  return addMonths(startDate, MAX_DURATION_MONTHS);
}

/**
 * What is due next on an active koppeling. `evaluations` are the ones held (any order); when the
 * last one decided to stop, afronding is due at once.
 */
export function nextDue(input: {
  startDate: string;
  evaluations: readonly { heldOn: string; decision: string }[];
}): NextDue {
  const deadline = closureDeadline(input.startDate);
  const held = [...input.evaluations].sort((a, b) => a.heldOn.localeCompare(b.heldOn));
  const last = held.at(-1);
  if (last?.decision === 'stop') {
    // Dates as text compare like dates (YYYY-MM-DD); the earlier of the two.
    const [earliest] = [last.heldOn, deadline].sort();
    return { kind: 'closure', dueOn: earliest! };
  }
  const dueOn = last
    ? addMonths(last.heldOn, EVALUATION_INTERVAL_MONTHS)
    : addMonths(input.startDate, TRIAL_PERIOD_MONTHS);
  if (dueOn >= deadline) return { kind: 'closure', dueOn: deadline };
  return { kind: 'evaluation', sequence: held.length + 1, trial: !last, dueOn };
}

/** Overdue once the day has passed; due from DUE_SOON_DAYS before. */
export function dueState(dueOn: string, today: string): DueState {
  if (dueOn < today) return 'overdue';
  if (dueOn <= addDays(today, DUE_SOON_DAYS)) return 'due';
  return 'later';
}

/** Today in the Netherlands for a clock. */
export function todayFor(clock: () => Date): string {
  return amsterdamDate(clock());
}

/** The planned evaluations from the start, before any was held: for the start page and the agreements. */
export function plannedDates(startDate: string): { trial: string; every6Months: string[]; closure: string } {
  const trial = addMonths(startDate, TRIAL_PERIOD_MONTHS);
  const deadline = closureDeadline(startDate);
  const every6Months: string[] = [];
  // Counted from the trial date each time, so 31 March does not drift to the 30th.
  for (let n = 1; addMonths(trial, n * EVALUATION_INTERVAL_MONTHS) < deadline; n++)
    every6Months.push(addMonths(trial, n * EVALUATION_INTERVAL_MONTHS));
  return { trial, every6Months, closure: deadline };
}
