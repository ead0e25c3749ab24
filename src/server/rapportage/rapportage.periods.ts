/**
 * The period of a report: a quarter, a half-year, a year or a custom range of calendar days in
 * Europe/Amsterdam (the ledger's days are Amsterdam days), and the period before it to compare
 * with. Pure: "today" comes from the caller's clock.
 */
import { addDays, addMonths, daysBetween, isIsoDate } from '~/lib/dates';

const periodKinds = ['kwartaal', 'halfjaar', 'jaar', 'anders'] as const;
type PeriodKind = (typeof periodKinds)[number];

export type Period = {
  kind: PeriodKind;
  /** First day, included. */
  from: string;
  /** Last day, included. */
  to: string;
  /** Stable key, stored with the coordinator's text: 2026-K3, 2026-H2, 2026, 2026-01-01_2026-02-15. */
  key: string;
  /** "3e kwartaal 2026", "1e halfjaar 2026", "2026", "1 januari 2026 tot en met 15 februari 2026". */
  label: string;
  year: number;
  /** Quarter (1-4) or half (1-2); 0 for a year or a custom range. */
  part: number;
};

/** A custom range is at most this long (a report over a longer span is a set of years). */
const MAX_CUSTOM_DAYS = 3 * 366;
const FIRST_YEAR = 2015;

const dayLabel = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const longDate = (iso: string) => dayLabel.format(new Date(`${iso}T12:00:00Z`));
const pad = (n: number) => String(n).padStart(2, '0');

function quarter(year: number, part: number): Period {
  const from = `${year}-${pad((part - 1) * 3 + 1)}-01`;
  return {
    kind: 'kwartaal',
    from,
    to: addDays(addMonths(from, 3), -1),
    key: `${year}-K${part}`,
    label: `${part}e kwartaal ${year}`,
    year,
    part,
  };
}

function half(year: number, part: number): Period {
  const from = `${year}-${part === 1 ? '01' : '07'}-01`;
  return {
    kind: 'halfjaar',
    from,
    to: addDays(addMonths(from, 6), -1),
    key: `${year}-H${part}`,
    label: `${part}e halfjaar ${year}`,
    year,
    part,
  };
}

function wholeYear(year: number): Period {
  return {
    kind: 'jaar',
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    key: String(year),
    label: String(year),
    year,
    part: 0,
  };
}

function custom(from: string, to: string): Period {
  return {
    kind: 'anders',
    from,
    to,
    key: `${from}_${to}`,
    label: `${longDate(from)} tot en met ${longDate(to)}`,
    year: Number(from.slice(0, 4)),
    part: 0,
  };
}

/** The period just before, of the same length (the previous quarter, half-year, year or range). */
export function previousPeriod(period: Period): Period {
  switch (period.kind) {
    case 'kwartaal':
      return period.part === 1 ? quarter(period.year - 1, 4) : quarter(period.year, period.part - 1);
    case 'halfjaar':
      return period.part === 1 ? half(period.year - 1, 2) : half(period.year, 1);
    case 'jaar':
      return wholeYear(period.year - 1);
    case 'anders': {
      const length = daysBetween(period.from, period.to);
      const to = addDays(period.from, -1);
      return custom(addDays(to, -length), to);
    }
  }
}

/** The period of one key (2026-K3, 2026-H1, 2026, 2026-01-01_2026-02-15), or null. */
export function periodOfKey(key: string): Period | null {
  const quarterMatch = /^(\d{4})-K([1-4])$/.exec(key);
  if (quarterMatch) return quarter(Number(quarterMatch[1]), Number(quarterMatch[2]));
  const halfMatch = /^(\d{4})-H([12])$/.exec(key);
  if (halfMatch) return half(Number(halfMatch[1]), Number(halfMatch[2]));
  if (/^\d{4}$/.test(key)) return wholeYear(Number(key));
  const rangeMatch = /^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})$/.exec(key);
  if (rangeMatch && isIsoDate(rangeMatch[1]!) && isIsoDate(rangeMatch[2]!))
    return custom(rangeMatch[1]!, rangeMatch[2]!);
  return null;
}

export type PeriodInput = { soort?: string; jaar?: string; deel?: string; van?: string; tot?: string };

/**
 * The period a coordinator asked for (the form on the report page), checked; the current
 * quarter when nothing (or nothing valid) was asked. `error` says in Dutch what was wrong.
 */
export function parsePeriod(input: PeriodInput, today: string): { period: Period; error: string | null } {
  const thisYear = Number(today.slice(0, 4));
  const current = quarter(thisYear, Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1);
  const kind = periodKinds.find((k) => k === input.soort);
  if (!kind) return { period: current, error: null };
  if (kind === 'anders') {
    const from = (input.van ?? '').trim();
    const to = (input.tot ?? '').trim();
    if (!isIsoDate(from) || !isIsoDate(to))
      return { period: current, error: 'Vul bij een eigen periode twee datums in, zoals 2026-01-01.' };
    if (to < from) return { period: current, error: 'De einddatum ligt voor de begindatum.' };
    if (daysBetween(from, to) > MAX_CUSTOM_DAYS)
      return { period: current, error: 'Kies een periode van hoogstens drie jaar.' };
    return { period: custom(from, to), error: null };
  }
  const year = Number(input.jaar);
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > thisYear + 1)
    return { period: current, error: `Kies een jaar tussen ${FIRST_YEAR} en ${thisYear + 1}.` };
  if (kind === 'jaar') return { period: wholeYear(year), error: null };
  const part = Number(input.deel);
  const parts = kind === 'kwartaal' ? 4 : 2;
  if (!Number.isInteger(part) || part < 1 || part > parts)
    return { period: current, error: kind === 'kwartaal' ? 'Kies kwartaal 1, 2, 3 of 4.' : 'Kies halfjaar 1 of 2.' };
  return { period: kind === 'kwartaal' ? quarter(year, part) : half(year, part), error: null };
}

/** The share of a year a period covers, for the target of the period (a quarter is a quarter). */
export function yearShare(period: Period): number {
  if (period.kind === 'kwartaal') return 1 / 4;
  if (period.kind === 'halfjaar') return 1 / 2;
  if (period.kind === 'jaar') return 1;
  return (daysBetween(period.from, period.to) + 1) / 365;
}

/** The query string that asks for this period again (the form's fields). */
export function periodQuery(period: Period): string {
  const params: Record<string, string> =
    period.kind === 'anders'
      ? { soort: 'anders', van: period.from, tot: period.to }
      : period.kind === 'jaar'
        ? { soort: 'jaar', jaar: String(period.year) }
        : { soort: period.kind, jaar: String(period.year), deel: String(period.part) };
  return new URLSearchParams(params).toString();
}
