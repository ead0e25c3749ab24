/**
 * The national figures for the backoffice (/rapportage): every gemeente's koppelingen this year
 * against its target, the trend per month, referral sources and effects nationally, the figures
 * of the yearly effect factsheet. Pure: grouped counts from the ledger in, tables out (the same
 * table shape as the gemeente report, so the page and charts are shared).
 */
import type { Cell, ReportSection, ReportTable } from './rapportage.figures';
import { EFFECT_ROWS, SOURCE_ROWS, YOUTH_CARE_ROWS } from './rapportage.labels';

type Count = {
  gemeenteSlug: string;
  fact: string;
  month: string;
  kind: string | null;
  source: string | null;
  code: string | null;
  youthCareFinal: string | null;
  n: number;
};

export type NationalInput = {
  year: number;
  /** The last month to show (this month for this year). */
  lastMonth: number;
  counts: Count[];
  effects: { effect: string; answer: string; n: number }[];
  active: { gemeenteSlug: string; active: number }[];
  gemeenten: { slug: string; name: string; target: { min: number; max: number } }[];
};

const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];
const count = (value: number): Cell => ({ kind: 'count', value });
const sum = (rows: Count[]) => rows.reduce((total, row) => total + row.n, 0);

function table(
  key: string,
  title: string,
  columns: string[],
  rows: ReportTable['rows'],
  additive: boolean,
  chart: boolean,
): ReportTable {
  return { key, title, columns, rows, additive, chart };
}

export function computeNational(input: NationalInput): ReportSection[] {
  const of = (fact: string) => input.counts.filter((row) => row.fact === fact);
  const started = of('koppeling_started');
  const ended = of('koppeling_ended');
  const families = of('registration').filter((row) => row.kind !== 'steungezin');
  const activeBy = new Map(input.active.map((row) => [row.gemeenteSlug, row.active]));

  const perGemeente = input.gemeenten.map((gemeente) => ({
    key: gemeente.slug,
    label: gemeente.name,
    cells: [
      count(sum(started.filter((row) => row.gemeenteSlug === gemeente.slug))),
      { kind: 'target' as const, value: gemeente.target.min, upTo: gemeente.target.max },
      count(activeBy.get(gemeente.slug) ?? 0),
    ],
  }));
  const months = Array.from({ length: input.lastMonth }, (_, index) => {
    const month = `${input.year}-${String(index + 1).padStart(2, '0')}`;
    const inMonth = (rows: Count[]) => sum(rows.filter((row) => row.month === month));
    return {
      key: month,
      label: MONTHS[index]!,
      cells: [count(inMonth(started)), count(inMonth(of('registration'))), count(inMonth(ended))],
    };
  });
  const known = new Set<string>(SOURCE_ROWS.map((row) => row.value));
  const sources = [
    ...SOURCE_ROWS.map((source) => ({
      key: source.value,
      label: source.label,
      cells: [count(sum(families.filter((row) => row.source === source.value)))],
    })),
    ...(families.some((row) => !known.has(row.source ?? ''))
      ? [
          {
            key: 'unknown',
            label: 'Onbekend',
            cells: [count(sum(families.filter((row) => !known.has(row.source ?? ''))))],
          },
        ]
      : []),
    { key: 'total', label: 'Alle gezinnen', total: true, cells: [count(sum(families))] },
  ];
  const endedWithEffects = Math.max(
    0,
    ...EFFECT_ROWS.map((effect) =>
      input.effects.filter((row) => row.effect === effect.value).reduce((total, row) => total + row.n, 0),
    ),
  );
  const share = (effect: string, answer: string): Cell => {
    const n = input.effects.find((row) => row.effect === effect && row.answer === answer)?.n ?? 0;
    return {
      kind: 'share',
      value: endedWithEffects ? Math.round((100 * n) / endedWithEffects) : null,
      n: endedWithEffects,
    };
  };
  const youthCare = [
    ...YOUTH_CARE_ROWS.map((outcome) => ({
      key: outcome.value,
      label: outcome.label,
      cells: [count(sum(ended.filter((row) => row.youthCareFinal === outcome.value)))],
    })),
    { key: 'total', label: 'Alle afgeronde koppelingen', total: true, cells: [count(sum(ended))] },
  ];
  const yearColumn = [`${input.year}`];
  return [
    {
      key: 'gemeenten',
      title: `Koppelingen per gemeente in ${input.year}`,
      tables: [
        table(
          'per-gemeente',
          `Koppelingen gestart in ${input.year}, tegen het jaardoel, en lopend nu`,
          ['Gestart', 'Jaardoel', 'Lopend nu'],
          [
            ...perGemeente,
            {
              key: 'total',
              label: 'Alle gemeenten',
              total: true,
              cells: [
                count(sum(started)),
                {
                  kind: 'target',
                  value: input.gemeenten.reduce((total, g) => total + g.target.min, 0),
                  upTo: input.gemeenten.reduce((total, g) => total + g.target.max, 0),
                },
                count(input.gemeenten.reduce((total, g) => total + (activeBy.get(g.slug) ?? 0), 0)),
              ],
            },
          ],
          false,
          true,
        ),
      ],
    },
    {
      key: 'trend',
      title: 'Per maand',
      tables: [
        table(
          'per-maand',
          `Koppelingen en aanmeldingen per maand in ${input.year}`,
          ['Koppelingen gestart', 'Aanmeldingen', 'Afgerond'],
          months,
          false,
          true,
        ),
      ],
    },
    {
      key: 'bronnen',
      title: 'Wie meldde de gezinnen aan',
      tables: [table('per-bron', `Gezinnen per bron in ${input.year}`, yearColumn, sources, true, true)],
    },
    {
      key: 'effecten',
      title: 'Effecten bij de afronding, landelijk',
      tables: [
        table(
          'effecten',
          `Effecten volgens de gezinnen, in procenten van de koppelingen afgerond in ${input.year}`,
          ['Ja', 'Een beetje'],
          EFFECT_ROWS.map((effect) => ({
            key: effect.value,
            label: effect.label,
            cells: [share(effect.value, 'yes'), share(effect.value, 'somewhat')],
          })),
          false,
          true,
        ),
        table(
          'jeugdhulp',
          `Jeugdhulp bij de afronding, tegen de start (${input.year})`,
          yearColumn,
          youthCare,
          true,
          false,
        ),
      ],
    },
  ];
}
