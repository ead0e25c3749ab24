import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, reportCsv } from './rapportage.csv';
import { type Cell, computeReport, type Fact, percentile, type ReportTable } from './rapportage.figures';
import { SMALLEST_SHOWN, suppressSmallNumbers } from './rapportage.suppression';
import type { Report } from './rapportage.usecases';

const count = (value: number): Cell => ({ kind: 'count', value });
const additive = (parts: number[]): ReportTable => ({
  key: 't',
  title: 'Tabel',
  columns: ['Deze periode'],
  rows: [
    ...parts.map((value, index) => ({ key: `r${index}`, label: `Rij ${index}`, cells: [count(value)] })),
    { key: 'total', label: 'Totaal', total: true, cells: [count(parts.reduce((a, b) => a + b, 0))] },
  ],
  additive: true,
  chart: false,
});
const shown = (table: ReportTable) =>
  suppressSmallNumbers([{ key: 's', title: 'S', tables: [table] }])[0]!.tables[0]!.rows.map((row) => row.cells[0]!);

describe('small numbers for the gemeente role', () => {
  it('shows counts from 1 to 4 as hidden (primary), keeps 0 and 5 and more', () => {
    const cells = shown(additive([0, 1, 4, 5, 12]));
    expect(cells.map((cell) => cell.hidden ?? cell.value)).toEqual([0, 'small', 'small', 5, 12, 22]);
  });

  it('hides one more cell when the total minus the visible ones would give the hidden one (secondary)', () => {
    // 20 - 12 - 5 = 3: one small cell alone is revealed by the total; the smallest other part goes too.
    const cells = shown(additive([3, 12, 5]));
    expect(cells.map((cell) => cell.hidden ?? cell.value)).toEqual(['small', 12, 'secondary', 20]);
  });

  it('hides the total when there is no other part to hide', () => {
    const cells = shown(additive([3, 0, 0]));
    expect(cells.map((cell) => cell.hidden ?? cell.value)).toEqual(['small', 0, 0, 'small']);
    const alone = shown(additive([6, 2]));
    // 8 - (nothing visible) = 8: the two hidden parts together are no small number.
    expect(alone.map((cell) => cell.hidden ?? cell.value)).toEqual(['secondary', 'small', 8]);
  });

  it('hides a percentage, an average or a median based on fewer than 5', () => {
    const table: ReportTable = {
      key: 'x',
      title: 'X',
      columns: ['a'],
      rows: [
        { key: 'few', label: 'Weinig', cells: [{ kind: 'share', value: 50, n: 4 }] },
        { key: 'enough', label: 'Genoeg', cells: [{ kind: 'average', value: 7.5, n: 5 }] },
      ],
      additive: false,
      chart: false,
    };
    expect(shown(table).map((cell) => cell.hidden ?? cell.value)).toEqual(['few', 7.5]);
  });

  it('property: no table the gemeente role gets holds a count from 1 to 4, or lets the total reveal one', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 9 }), (parts) => {
        const cells = shown(additive(parts));
        for (const cell of cells)
          if (cell.kind === 'count' && cell.value !== null)
            expect(cell.value === 0 || cell.value >= SMALLEST_SHOWN).toBe(true);
        const total = cells.at(-1)!;
        if (total.value !== null) {
          const visible = cells.slice(0, -1).reduce((sum, cell) => sum + (cell.value ?? 0), 0);
          const rest = total.value - visible;
          expect(rest === 0 || rest >= SMALLEST_SHOWN).toBe(true);
        }
      }),
    );
  });

  it('property: nothing in the whole report or its CSV for the gemeente role is a count from 1 to 4', () => {
    const factArbitrary = fc.record({
      occurredOn: fc.constantFrom('2026-07-01', '2026-08-15', '2026-09-30', '2026-05-01'),
      fact: fc.constantFrom(
        'registration',
        'intake',
        'exit',
        'koppeling_started',
        'koppeling_ended',
        'profile_published',
        'profile_response',
        'koppeling_proposed',
        'koppeling_not_started',
      ),
      kind: fc.constantFrom('vraaggezin', 'steungezin', 'verwijzing'),
      source: fc.constantFrom('self', 'school', 'huisarts', 'other'),
      kern: fc.constantFrom('Uithoorn', 'De Kwakel', null),
      code: fc.constantFrom('referred_elsewhere', 'moved', 'goal_reached', 'declined', null),
      days: fc.option(fc.nat({ max: 400 }), { nil: null }),
      data: fc.record({
        youthCareBaseline: fc.constant(['wijkteam'] as string[]),
        youthCareFinal: fc.constant('reduced'),
        effects: fc.constant({ carefree: 'yes' }),
        // The referrals per reason (an exit 'referred_elsewhere'); a missing one is "Onbekend".
        referralReason: fc.constantFrom('professional_help', 'safety', 'other', undefined),
      }),
    });
    fc.assert(
      fc.property(
        fc.array(factArbitrary, { maxLength: 40 }),
        fc.array(factArbitrary, { maxLength: 40 }),
        fc.array(
          fc.record({
            kern: fc.constantFrom('Uithoorn', 'Legmeer', 'elders'),
            families: fc.nat({ max: 7 }),
            steungezinnen: fc.nat({ max: 7 }),
          }),
          { maxLength: 4 },
        ),
        (current: Fact[], previous: Fact[], waiting) => {
          const sections = suppressSmallNumbers(
            computeReport({
              current: { facts: current, activeAtEnd: current.length % 7 },
              previous: { facts: previous, activeAtEnd: previous.length % 6 },
              target: { min: 3, max: 4 },
              waiting,
              kernen: ['Uithoorn', 'De Kwakel', 'Legmeer'],
            }),
          );
          for (const cell of sections.flatMap((s) => s.tables.flatMap((t) => t.rows.flatMap((r) => r.cells)))) {
            if (cell.kind === 'count' && cell.value !== null) expect(cell.value === 0 || cell.value >= 5).toBe(true);
            if (cell.kind !== 'count' && cell.kind !== 'target' && cell.n !== undefined)
              expect(cell.n === 0 || cell.n >= 5).toBe(true);
          }
          const csv = reportCsv({
            gemeente: { slug: 'uithoorn', name: 'Uithoorn' },
            period: { key: '2026-K3', label: '3e kwartaal 2026', from: '2026-07-01', to: '2026-09-30' },
            previous: { key: '2026-K2', label: '2e kwartaal 2026', from: '2026-04-01', to: '2026-06-30' },
            today: '2026-11-29',
            sections,
            suppressed: true,
            notes: { highlights: '', signals: '', plans: '' },
          } as unknown as Report);
          // Every field after a row's label that is a whole number is 0 or 5 and more (targets aside: 3 tot 4 is text).
          for (const line of csv.split('\r\n'))
            for (const field of line.split(';').slice(1))
              if (/^[1-4]$/.test(field)) throw new Error(`small count in CSV: ${line}`);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('figures', () => {
  it('computes the median and p75 as percentile_cont', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([10], 0.75)).toBe(10);
    expect(percentile([46, 181], 0.5)).toBe(113.5);
    expect(percentile([1, 2, 3, 4], 0.75)).toBe(3.25);
  });
});

describe('CSV fields', () => {
  it('quotes separators and neutralises formulas', () => {
    expect(csvField('gewoon')).toBe('gewoon');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('zeg "hoi"')).toBe('"zeg ""hoi"""');
  });
});
