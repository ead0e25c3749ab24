/**
 * The report against a fixed data set with known dates (issue 15, "Must show"): the expected
 * figures are computed here, independently of the ledger, from the list of events below, for a
 * quarter, a half-year and a year, with events on period boundaries in Europe/Amsterdam time
 * (00:30 on 1 July is the third quarter; 23:59 on 30 September too; 00:00 on 1 October not).
 * The page shows the same report (tests/e2e/rapportage.spec.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffContext } from '~/server/access/permissions';
import type { Database } from '~/server/db/db';
import { isAppError } from '~/server/errors/errors';
import { changeStatus } from '~/server/inbox/inbox.usecases';
import type { RegistrationRow } from '~/server/registrations/registrations.repository';
import { createTestDatabase } from '~tests/support/database';
import { createKoppeling, createRegistration, createStaff, createSteungezin } from '~tests/support/factories';
import { reportCsv } from './rapportage.csv';
import type { Cell } from './rapportage.figures';
import { createRapportageRepository } from './rapportage.repository';
import { getReport, getReportOverview, type Report, saveReportNotes } from './rapportage.usecases';

let db: Database;
let now = new Date('2026-11-29T12:00:00Z');
const deps = () => ({ db, clock: () => now });
let coordinator: StaffContext;
let gemeenteUser: StaffContext;
let elsewhere: StaffContext;
let backoffice: StaffContext;

/** The day in the Netherlands, computed here without the portal's own date code. */
const dutchDay = (utc: string) => new Date(utc).toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' }); // sv-SE writes YYYY-MM-DD

type SignUp = {
  key: string;
  kind: 'vraaggezin' | 'steungezin' | 'verwijzing';
  at: string;
  kern: string;
  /** For a verwijzing: the referrer's organisation. */
  organisation?: string;
  status?: string;
};
const SIGN_UPS: SignUp[] = [
  { key: 'F1', kind: 'vraaggezin', at: '2025-12-31T23:30:00Z', kern: 'Uithoorn', status: 'matched' }, // 1 Jan 2026 00:30
  { key: 'F2', kind: 'vraaggezin', at: '2025-12-31T22:30:00Z', kern: 'Meerwijk', status: 'matched' }, // 31 Dec 2025 23:30
  { key: 'V3', kind: 'verwijzing', at: '2026-03-31T21:30:00Z', kern: 'Uithoorn', organisation: 'school' }, // 31 Mar 23:30 (CEST)
  { key: 'V4', kind: 'verwijzing', at: '2026-03-31T22:30:00Z', kern: 'Uithoorn', organisation: 'huisarts' }, // 1 Apr 00:30
  { key: 'F6', kind: 'vraaggezin', at: '2026-06-30T21:30:00Z', kern: 'Legmeer', status: 'completed' }, // 30 Jun 23:30
  { key: 'S5', kind: 'steungezin', at: '2026-06-30T22:30:00Z', kern: 'De Kwakel' }, // 1 Jul 00:30
  { key: 'F7', kind: 'vraaggezin', at: '2026-09-30T21:59:00Z', kern: 'Legmeer' }, // 30 Sep 23:59
  { key: 'V8', kind: 'verwijzing', at: '2026-09-30T22:00:00Z', kern: 'Uithoorn', organisation: 'wijkteam' }, // 1 Oct 00:00
  { key: 'F9', kind: 'vraaggezin', at: '2025-03-10T09:00:00Z', kern: 'Zijdelwaard', status: 'completed' },
  { key: 'F10', kind: 'vraaggezin', at: '2026-08-01T10:00:00Z', kern: 'onbekend dorp' },
  { key: 'S1', kind: 'steungezin', at: '2025-06-01T10:00:00Z', kern: 'Uithoorn' },
  { key: 'S2', kind: 'steungezin', at: '2025-06-01T10:00:00Z', kern: 'Uithoorn' },
  { key: 'S3', kind: 'steungezin', at: '2025-06-01T10:00:00Z', kern: 'Uithoorn' },
  { key: 'S4', kind: 'steungezin', at: '2025-06-01T10:00:00Z', kern: 'Uithoorn' },
];
type Koppeling = { family: string; steungezin: string; start: string; closed?: string; reason?: string };
const KOPPELINGEN: Koppeling[] = [
  { family: 'F1', steungezin: 'S1', start: '2026-07-01' },
  { family: 'F6', steungezin: 'S2', start: '2026-08-15', closed: '2026-09-30', reason: 'moved' },
  { family: 'F2', steungezin: 'S3', start: '2026-06-30' },
  { family: 'F9', steungezin: 'S4', start: '2025-09-01', closed: '2026-01-15', reason: 'goal_reached' },
];
/** Through the inbox, after the backfill: an intake at 23:59:59 on 30 September, an exit at 00:00 on 1 July. */
const STATUS_CHANGES = [
  { key: 'F7', to: 'contacted', at: '2026-09-30T21:00:00Z' },
  { key: 'F7', to: 'intake_1', at: '2026-09-30T21:59:59Z' },
  { key: 'V4', to: 'referred_elsewhere', at: '2026-06-30T22:00:00Z', reason: 'safety' },
];

type Range = { from: string; to: string };
const PERIODS: Record<string, { ask: Record<string, string>; current: Range; previous: Range; target: number }> = {
  quarter: {
    ask: { soort: 'kwartaal', jaar: '2026', deel: '3' },
    current: { from: '2026-07-01', to: '2026-09-30' },
    previous: { from: '2026-04-01', to: '2026-06-30' },
    target: 3,
  },
  'half-year': {
    ask: { soort: 'halfjaar', jaar: '2026', deel: '1' },
    current: { from: '2026-01-01', to: '2026-06-30' },
    previous: { from: '2025-07-01', to: '2025-12-31' },
    target: 6,
  },
  year: {
    ask: { soort: 'jaar', jaar: '2026' },
    current: { from: '2026-01-01', to: '2026-12-31' },
    previous: { from: '2025-01-01', to: '2025-12-31' },
    target: 12,
  },
};

const within = (day: string, range: Range) => day >= range.from && day <= range.to;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const daysFrom = (fromDay: string, toDay: string) => (Date.parse(toDay) - Date.parse(fromDay)) / 86_400_000;

/** The figures of one period, computed from the lists above. */
function expected(range: Range) {
  const signedUp = SIGN_UPS.filter((s) => within(dutchDay(s.at), range));
  const started = KOPPELINGEN.filter((k) => within(k.start, range));
  const family = (key: string) => SIGN_UPS.find((s) => s.key === key)!;
  return {
    vraaggezin: signedUp.filter((s) => s.kind === 'vraaggezin').length,
    verwijzing: signedUp.filter((s) => s.kind === 'verwijzing').length,
    steungezin: signedUp.filter((s) => s.kind === 'steungezin').length,
    self: signedUp.filter((s) => s.kind === 'vraaggezin').length,
    school: signedUp.filter((s) => s.organisation === 'school').length,
    huisarts: signedUp.filter((s) => s.organisation === 'huisarts').length,
    intakes: STATUS_CHANGES.filter((c) => c.to === 'intake_1' && within(dutchDay(c.at), range)).length,
    referred: STATUS_CHANGES.filter((c) => c.to === 'referred_elsewhere' && within(dutchDay(c.at), range)).length,
    referredForSafety: STATUS_CHANGES.filter((c) => c.reason === 'safety' && within(dutchDay(c.at), range)).length,
    started: started.length,
    ended: KOPPELINGEN.filter((k) => k.closed && within(k.closed, range)).length,
    moved: KOPPELINGEN.filter((k) => k.reason === 'moved' && within(k.closed!, range)).length,
    active: KOPPELINGEN.filter((k) => k.start <= range.to && !(k.closed && k.closed <= range.to)).length,
    waits: started.map((k) => daysFrom(dutchDay(family(k.family).at), k.start)),
  };
}

const registrations = new Map<string, RegistrationRow>();

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  coordinator = (await createStaff(db, { role: 'coordinator', gemeenten: ['uithoorn'] })).context;
  gemeenteUser = (await createStaff(db, { role: 'gemeente', gemeenten: ['uithoorn'] })).context;
  elsewhere = (await createStaff(db, { role: 'coordinator', gemeenten: ['haarlem'] })).context;
  backoffice = (await createStaff(db, { role: 'backoffice' })).context;
  for (const signUp of SIGN_UPS) {
    const columns = { gemeenteSlug: 'uithoorn', kern: signUp.kern, createdAt: new Date(signUp.at) };
    const row =
      signUp.kind === 'steungezin'
        ? await createSteungezin(db, { ...columns, now: new Date('2026-11-20T10:00:00Z') })
        : await createRegistration(db, signUp.kind, {
            ...columns,
            status: signUp.status ?? 'new',
            ...(signUp.organisation
              ? {
                  details: {
                    referrer: {
                      name: 'Iemand',
                      organisationType: signUp.organisation,
                      organisationName: 'Org',
                      email: 'a@example.nl',
                      phone: null,
                    },
                  },
                }
              : {}),
          });
    registrations.set(signUp.key, row);
  }
  for (const koppeling of KOPPELINGEN)
    await createKoppeling(db, {
      gemeenteSlug: 'uithoorn',
      vraaggezin: registrations.get(koppeling.family)!,
      steungezin: registrations.get(koppeling.steungezin)!,
      phase: koppeling.closed ? 'closed' : 'active',
      proposedOn: koppeling.start,
      startDate: koppeling.start,
      closedOn: koppeling.closed,
      closureReason: koppeling.reason,
      now: new Date('2026-11-20T10:00:00Z'),
    });
  await createRapportageRepository({ db }).backfill('uithoorn');
  for (const change of STATUS_CHANGES) {
    now = new Date(change.at);
    const row = registrations.get(change.key)!;
    const from = change.to === 'contacted' || change.to === 'referred_elsewhere' ? 'new' : 'contacted';
    await changeStatus(deps(), coordinator, row.id, {
      to: change.to,
      from,
      note: 'Naar het wijkteam',
      reason: change.reason,
    });
  }
  now = new Date('2026-11-29T12:00:00Z');
});

const cells = (report: Report, table: string, row: string): Cell[] => {
  const found = report.sections.flatMap((s) => s.tables).find((t) => t.key === table);
  const line = found?.rows.find((r) => r.key === row);
  if (!line) throw new Error(`no row ${table}/${row}`);
  return line.cells;
};
const values = (report: Report, table: string, row: string) => cells(report, table, row).map((cell) => cell.value);

/** The CSV's rows of one table: label -> the fields after it. */
function csvTable(csv: string, title: string): Map<string, string[]> {
  const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
  const start = lines.findIndex((line) => line.split(';')[0] === title);
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(start + 1)) {
    if (!line?.includes(';')) break;
    const [label, ...fields] = line.split(';');
    rows.set(label!, fields);
  }
  return rows;
}

describe.each(Object.entries(PERIODS))('the report of a %s', (_name, period) => {
  it('counts what the data set holds, compared with the period before and the target', async () => {
    const report = await getReport(deps(), coordinator, 'uithoorn', period.ask);
    expect([report.period.from, report.period.to]).toEqual([period.current.from, period.current.to]);
    expect([report.previous.from, report.previous.to]).toEqual([period.previous.from, period.previous.to]);
    const current = expected(period.current);
    const previous = expected(period.previous);
    const both = (pick: (e: ReturnType<typeof expected>) => number) => [pick(current), pick(previous)];

    expect(values(report, 'per-soort', 'vraaggezin')).toEqual(both((e) => e.vraaggezin));
    expect(values(report, 'per-soort', 'verwijzing')).toEqual(both((e) => e.verwijzing));
    expect(values(report, 'per-soort', 'steungezin')).toEqual(both((e) => e.steungezin));
    expect(values(report, 'per-bron', 'self')).toEqual(both((e) => e.self));
    expect(values(report, 'per-bron', 'school')).toEqual(both((e) => e.school));
    expect(values(report, 'per-bron', 'huisarts')).toEqual(both((e) => e.huisarts));
    expect(values(report, 'intakes', 'total')).toEqual(both((e) => e.intakes));
    expect(values(report, 'uitstroom', 'referred_elsewhere')).toEqual(both((e) => e.referred));
    expect(values(report, 'doorverwezen', 'safety')).toEqual(both((e) => e.referredForSafety));
    expect(values(report, 'doorverwezen', 'total')).toEqual(both((e) => e.referred));
    expect(values(report, 'stand', 'started')).toEqual(both((e) => e.started));
    expect(values(report, 'stand', 'active')).toEqual(both((e) => e.active));
    expect(values(report, 'stand', 'ended')).toEqual(both((e) => e.ended));
    expect(values(report, 'einde', 'moved')).toEqual(both((e) => e.moved));
    expect(values(report, 'stand', 'target')).toEqual([period.target, period.target]);
    expect(cells(report, 'wachttijd', 'median').map((c) => [c.value, c.n])).toEqual(
      [current, previous].map((e) => [e.waits.length ? median(e.waits) : null, e.waits.length]),
    );

    // The CSV says the same.
    const csv = reportCsv(report);
    expect(csv.startsWith('\uFEFFVoortgangsrapportage;Uithoorn\r\n')).toBe(true);
    const stand = csvTable(csv, 'Koppelingen in deze periode');
    expect(stand.get('Gestart')?.slice(0, 2)).toEqual(both((e) => e.started).map(String));
    expect(stand.get('Lopend aan het eind van de periode')?.slice(0, 2)).toEqual(both((e) => e.active).map(String));
    expect(stand.get('Doel voor de periode (gestart)')?.slice(0, 2)).toEqual([
      String(period.target),
      String(period.target),
    ]);
    const kinds = csvTable(csv, 'Aanmeldingen per soort');
    expect(kinds.get('Verwijzingen door professionals')?.slice(0, 2)).toEqual(both((e) => e.verwijzing).map(String));
  });
});

describe('boundaries and the waiting list', () => {
  it('puts the boundary events where the Dutch calendar puts them (a sanity check of the data set itself)', () => {
    const q3 = expected(PERIODS.quarter!.current);
    expect([q3.vraaggezin, q3.steungezin, q3.verwijzing, q3.intakes, q3.referred]).toEqual([2, 1, 0, 1, 1]);
    expect(q3.waits).toEqual([181, 46]);
  });

  it('shows the waiting list of today per kern, with a kern it does not know apart', async () => {
    const report = await getReport(deps(), coordinator, 'uithoorn', PERIODS.quarter!.ask);
    // Waiting: F7 (Legmeer, intake) and F10 (an unknown kern); available: S2 and S4 (free again), S5 (De Kwakel).
    expect(values(report, 'per-kern', 'Legmeer')).toEqual([1, 0]);
    expect(values(report, 'per-kern', 'Andere of onbekende kern')).toEqual([1, 0]);
    expect(values(report, 'per-kern', 'Uithoorn')).toEqual([0, 2]);
    expect(values(report, 'per-kern', 'De Kwakel')).toEqual([0, 1]);
    expect(values(report, 'per-kern', 'total')).toEqual([2, 3]);
  });
});

describe('who sees what', () => {
  it('hides small numbers for the gemeente role, never for the coordinator', async () => {
    const exact = await getReport(deps(), coordinator, 'uithoorn', PERIODS.year!.ask);
    const hidden = await getReport(deps(), gemeenteUser, 'uithoorn', PERIODS.year!.ask);
    expect(values(exact, 'stand', 'started')).toEqual([3, 1]);
    expect(cells(hidden, 'stand', 'started').map((c) => c.hidden)).toEqual(['small', 'small']);
    expect(reportCsv(hidden)).toContain('Gestart;< 5;< 5');
    expect(hidden.canWriteNotes).toBe(false);
    expect(exact.canWriteNotes).toBe(true);
  });

  it('is not found for a gemeente out of reach, or one that does not exist', async () => {
    const attempts = [
      () => getReport(deps(), elsewhere, 'uithoorn', {}),
      () => getReport(deps(), coordinator, 'nergens', {}),
      () => getReport(deps(), gemeenteUser, 'haarlem', {}),
    ];
    for (const attempt of attempts)
      expect(isAppError(await attempt().catch((e: unknown) => e), 'access.not_found')).toBe(true);
  });

  it('keeps the text with the period, and only who may write it', async () => {
    await saveReportNotes(deps(), coordinator, 'uithoorn', {
      periodKey: '2026-K3',
      highlights: 'Twee nieuwe koppelingen in Uithoorn.',
      signals: '',
      plans: '=HYPERLINK("x")',
    });
    const report = await getReport(deps(), gemeenteUser, 'uithoorn', PERIODS.quarter!.ask);
    expect(report.notes.highlights).toBe('Twee nieuwe koppelingen in Uithoorn.');
    expect(reportCsv(report)).toContain(`Plannen;"'=HYPERLINK(""x"")"`);
    const other = await getReport(deps(), coordinator, 'uithoorn', PERIODS.year!.ask);
    expect(other.notes.highlights).toBe('');
    const refused = await saveReportNotes(deps(), gemeenteUser, 'uithoorn', {
      periodKey: '2026-K3',
      highlights: 'x',
      signals: '',
      plans: '',
    }).catch((e: unknown) => e);
    expect(isAppError(refused, 'access.forbidden')).toBe(true);
  });
});

describe('the national figures', () => {
  it('shows the backoffice every gemeente against its target, per month, and the effects, from the same ledger', async () => {
    const overview = await getReportOverview(deps(), backoffice);
    const national = overview.national!;
    expect(national.year).toBe(2026);
    const table = (key: string) => national.sections.flatMap((s) => s.tables).find((t) => t.key === key)!;
    const row = (key: string, rowKey: string) => table(key).rows.find((r) => r.key === rowKey)!.cells;
    const year = { from: '2026-01-01', to: '2026-11-29' };
    const startedThisYear = KOPPELINGEN.filter((k) => within(k.start, year)).length;
    const activeNow = KOPPELINGEN.filter((k) => k.start <= year.to && !(k.closed && k.closed <= year.to)).length;
    expect(row('per-gemeente', 'uithoorn').map((c) => c.value)).toEqual([startedThisYear, 12, activeNow]);
    expect(row('per-gemeente', 'haarlem').map((c) => c.value)).toEqual([0, 15, 0]);
    for (const month of ['2026-06', '2026-07', '2026-08'])
      expect(row('per-maand', month)[0]!.value).toBe(KOPPELINGEN.filter((k) => k.start.startsWith(month)).length);
    const endedThisYear = KOPPELINGEN.filter((k) => k.closed && within(k.closed, year)).length;
    // The factory closes with every effect "yes" and jeugdhulp "reduced".
    expect(row('effecten', 'carefree')).toEqual([
      { kind: 'share', value: 100, n: endedThisYear },
      { kind: 'share', value: 0, n: endedThisYear },
    ]);
    expect(row('jeugdhulp', 'reduced')[0]!.value).toBe(endedThisYear);
  });

  it('is not there for a coordinator, who gets the list of her gemeenten', async () => {
    const overview = await getReportOverview(deps(), coordinator);
    expect(overview.national).toBeNull();
    expect(overview.gemeenten.map((g) => g.slug)).toEqual(['uithoorn']);
  });
});
