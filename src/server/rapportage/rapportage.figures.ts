/**
 * The figures of a progress report, computed from ledger facts (pure: no database). Every figure
 * is a cell of a table, so the page, the charts, the CSV and the suppression for the gemeente
 * role all work on one shape.
 */
import {
  CHILD_EFFECT_COUNT,
  CLOSURE_ROWS,
  COMPARE_COLUMNS,
  EFFECT_ROWS,
  EXIT_ROWS,
  KIND_ROWS,
  NOT_STARTED_ROWS,
  REFERRAL_REASON_ROWS,
  SATISFACTION_ROWS,
  SOURCE_ROWS,
  UNKNOWN_KERN,
  YOUTH_CARE_ROWS,
} from './rapportage.labels';

/** Extra codes of a fact. Never names, free text or ids. */
export type ReportFactData = {
  /** koppeling_started / koppeling_ended: jeugdhulp at the start (codes of youthCareKinds). */
  youthCareBaseline?: string[];
  /** koppeling_ended: eindmeting (code of youthCareOutcomes). */
  youthCareFinal?: string;
  /** koppeling_ended: effect code -> answer code. */
  effects?: Record<string, string>;
  /** koppeling_ended: satisfaction 1-10 per aspect, per family. */
  satisfaction?: { vraaggezin?: Record<string, number>; steungezin?: Record<string, number> };
  /** koppeling_started: days from the family's first published profile to the start. */
  daysPublishedToStart?: number;
  /** exit 'referred_elsewhere': why (a code of REFERRAL_REASONS in inbox.pipeline.ts). */
  referralReason?: string;
};

/** A fact as the report reads it from the ledger. */
export type Fact = {
  occurredOn: string;
  fact: string;
  kind: string | null;
  source: string | null;
  kern: string | null;
  code: string | null;
  days: number | null;
  data: ReportFactData | null;
  /** How many identical facts this row stands for (the repository counts them); 1 when absent. */
  n?: number;
};

/**
 * count: people or koppelingen (suppressed from 1 to 4 for the gemeente role); days, share,
 * average, ratio: derived from `n` records (hidden when n < 5); target: the gemeente's own target.
 */
type CellKind = 'count' | 'days' | 'share' | 'average' | 'ratio' | 'target';
export type Cell = {
  kind: CellKind;
  value: number | null;
  /** For a target range: the upper bound. */
  upTo?: number;
  /** How many records a derived figure is based on. */
  n?: number;
  /** Why it is not shown: a count from 1 to 4, a cell hidden so the others do not reveal one, or n < 5. */
  hidden?: 'small' | 'secondary' | 'few';
};
type ReportRow = { key: string; label: string; cells: Cell[]; total?: boolean };
export type ReportTable = {
  key: string;
  title: string;
  columns: string[];
  rows: ReportRow[];
  /** The rows that are not the total add up to the total row, per column (secondary suppression). */
  additive: boolean;
  /** Drawn as a bar chart beside the table (first column). */
  chart: boolean;
};
export type ReportSection = { key: string; title: string; tables: ReportTable[] };

type PeriodFacts = {
  facts: Fact[];
  /** Koppelingen running at the end of the period (started before, not ended). */
  activeAtEnd: number;
};

export type FigureInput = {
  current: PeriodFacts;
  previous: PeriodFacts;
  /** The target for the period (pro rata of the yearly target), a range when the gemeente has none. */
  target: { min: number; max: number };
  /** Now: families waiting and steungezinnen available, per kern. */
  waiting: { kern: string; families: number; steungezinnen: number }[];
  kernen: readonly string[];
};

const count = (value: number): Cell => ({ kind: 'count', value });
/** The facts of one period per kind of fact, sorted once (a report asks for each kind many times). */
const byFact = new WeakMap<Fact[], Map<string, Fact[]>>();
function of(facts: Fact[], fact: string): Fact[] {
  let groups = byFact.get(facts);
  if (!groups) {
    groups = new Map();
    for (const f of facts) {
      const group = groups.get(f.fact);
      if (group) group.push(f);
      else groups.set(f.fact, [f]);
    }
    byFact.set(facts, groups);
  }
  return groups.get(fact) ?? [];
}
/** How many facts these rows stand for. */
const total = (facts: Fact[]) => facts.reduce((sum, f) => sum + (f.n ?? 1), 0);
/** A value of every fact (a row of n facts gives it n times), leaving out facts without one. */
function valuesOf(facts: Fact[], pick: (fact: Fact) => number | null | undefined): number[] {
  return facts.flatMap((f) => {
    const value = pick(f);
    return typeof value === 'number' ? Array<number>(f.n ?? 1).fill(value) : [];
  });
}

/** percentile_cont: linear between the nearest ranks (as PostgreSQL and Excel's PERCENTILE.INC). */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** Rows per code, one cell per period, with a total row (additive). */
function perCode(
  key: string,
  title: string,
  rows: readonly { value: string; label: string }[],
  periods: Fact[][],
  pick: (fact: Fact) => string | null,
  totalLabel: string,
  chart = true,
): ReportTable {
  const known = new Set(rows.map((row) => row.value));
  const body = rows.map((row) => ({
    key: row.value,
    label: row.label,
    cells: periods.map((facts) => count(total(facts.filter((f) => pick(f) === row.value)))),
  }));
  const unknown = periods.map((facts) => total(facts.filter((f) => !known.has(pick(f) ?? ''))));
  if (unknown.some((n) => n > 0)) body.push({ key: 'unknown', label: 'Onbekend', cells: unknown.map(count) });
  return {
    key,
    title,
    columns: COMPARE_COLUMNS,
    rows: [...body, { key: 'total', label: totalLabel, total: true, cells: periods.map((f) => count(total(f))) }],
    additive: true,
    chart,
  };
}

function signUps(current: Fact[], previous: Fact[]): ReportSection {
  const periods = [current, previous];
  const families = periods.map((facts) => of(facts, 'registration').filter((f) => f.kind !== 'steungezin'));
  return {
    key: 'aanmeldingen',
    title: 'Aanmeldingen en intakes',
    tables: [
      perCode(
        'per-soort',
        'Aanmeldingen per soort',
        KIND_ROWS,
        periods.map((facts) => of(facts, 'registration')),
        (f) => f.kind,
        'Alle aanmeldingen',
      ),
      perCode(
        'per-bron',
        'Gezinnen per bron (wie meldde aan)',
        SOURCE_ROWS,
        families,
        (f) => f.source,
        'Alle gezinnen',
      ),
      perCode(
        'intakes',
        'Intakes gedaan',
        [
          { value: 'gezin', label: 'Met gezinnen' },
          { value: 'steungezin', label: 'Met steungezinnen' },
        ],
        periods.map((facts) => of(facts, 'intake')),
        (f) => (f.kind === 'steungezin' ? 'steungezin' : 'gezin'),
        'Alle intakes',
        false,
      ),
      perCode(
        'uitstroom',
        'Gezinnen die uitstroomden, en waarom',
        EXIT_ROWS,
        periods.map((facts) => of(facts, 'exit').filter((f) => f.kind !== 'steungezin')),
        (f) => f.code,
        'Alle uitgestroomde gezinnen',
        false,
      ),
      perCode(
        'doorverwezen',
        'Gezinnen doorverwezen naar andere hulp, per reden',
        REFERRAL_REASON_ROWS,
        periods.map((facts) =>
          of(facts, 'exit').filter((f) => f.kind !== 'steungezin' && f.code === 'referred_elsewhere'),
        ),
        (f) => f.data?.referralReason ?? null,
        'Alle doorverwezen gezinnen',
        false,
      ),
    ],
  };
}

function koppelingen(input: FigureInput): ReportSection {
  const { current, previous, target } = input;
  const periods = [current.facts, previous.facts];
  const started = periods.map((facts) => of(facts, 'koppeling_started'));
  const waits = started.map((facts) => valuesOf(facts, (f) => f.days));
  const days = (values: number[], p: number): Cell => {
    const value = percentile(values, p);
    return { kind: 'days', value: value === null ? null : round1(value), n: values.length };
  };
  return {
    key: 'koppelingen',
    title: 'Koppelingen',
    tables: [
      {
        key: 'stand',
        title: 'Koppelingen in deze periode',
        columns: COMPARE_COLUMNS,
        rows: [
          {
            key: 'proposed',
            label: 'Voorgesteld',
            cells: periods.map((facts) => count(total(of(facts, 'koppeling_proposed')))),
          },
          { key: 'started', label: 'Gestart', cells: started.map((facts) => count(total(facts))) },
          {
            key: 'target',
            label: 'Doel voor de periode (gestart)',
            cells: [
              { kind: 'target', value: target.min, upTo: target.max },
              { kind: 'target', value: target.min, upTo: target.max },
            ],
          },
          {
            key: 'active',
            label: 'Lopend aan het eind van de periode',
            cells: [count(current.activeAtEnd), count(previous.activeAtEnd)],
          },
          {
            key: 'ended',
            label: 'Afgerond',
            cells: periods.map((facts) => count(total(of(facts, 'koppeling_ended')))),
          },
        ],
        additive: false,
        chart: false,
      },
      perCode(
        'einde',
        'Afgeronde koppelingen per reden',
        CLOSURE_ROWS,
        periods.map((facts) => of(facts, 'koppeling_ended')),
        (f) => f.code,
        'Alle afgeronde koppelingen',
      ),
      perCode(
        'niet-gestart',
        'Voorstellen die niet startten',
        NOT_STARTED_ROWS,
        periods.map((facts) => of(facts, 'koppeling_not_started')),
        (f) => f.code,
        'Alle voorstellen die niet startten',
        false,
      ),
      {
        key: 'wachttijd',
        title: 'Wachttijd van aanmelding tot start, in dagen',
        columns: COMPARE_COLUMNS,
        rows: [
          {
            key: 'median',
            label: 'Mediaan (de helft wachtte korter)',
            cells: waits.map((values) => days(values, 0.5)),
          },
          { key: 'p75', label: 'Driekwart wachtte korter dan', cells: waits.map((values) => days(values, 0.75)) },
        ],
        additive: false,
        chart: false,
      },
    ],
  };
}

function waitingList(input: FigureInput): ReportSection {
  const byKern = new Map<string, { families: number; steungezinnen: number }>();
  for (const kern of input.kernen) byKern.set(kern, { families: 0, steungezinnen: 0 });
  for (const entry of input.waiting) {
    const name = input.kernen.includes(entry.kern) ? entry.kern : UNKNOWN_KERN;
    const sum = byKern.get(name) ?? { families: 0, steungezinnen: 0 };
    sum.families += entry.families;
    sum.steungezinnen += entry.steungezinnen;
    byKern.set(name, sum);
  }
  const rows = [...byKern].map(([kern, sums]) => ({
    key: kern,
    label: kern,
    cells: [count(sums.families), count(sums.steungezinnen)],
  }));
  const total = (pick: (row: { families: number; steungezinnen: number }) => number) =>
    count([...byKern.values()].reduce((sum, row) => sum + pick(row), 0));
  return {
    key: 'wachtlijst',
    title: 'De wachtlijst nu, per kern',
    tables: [
      {
        key: 'per-kern',
        title: 'Wachtende gezinnen en beschikbare steungezinnen per kern (vandaag)',
        columns: ['Gezinnen wachten', 'Steungezinnen beschikbaar'],
        rows: [
          ...rows,
          {
            key: 'total',
            label: 'Alle kernen',
            total: true,
            cells: [total((r) => r.families), total((r) => r.steungezinnen)],
          },
        ],
        additive: true,
        chart: false,
      },
    ],
  };
}

function recruitment(current: Fact[], previous: Fact[]): ReportSection {
  const periods = [current, previous];
  const published = periods.map((facts) => total(of(facts, 'profile_published')));
  const responses = periods.map((facts) => total(of(facts, 'profile_response')));
  const toMatch = periods.map((facts) => valuesOf(of(facts, 'koppeling_started'), (f) => f.data?.daysPublishedToStart));
  return {
    key: 'werving',
    title: 'Werving met profielen',
    tables: [
      {
        key: 'profielen',
        title: 'Wervingsprofielen',
        columns: COMPARE_COLUMNS,
        rows: [
          { key: 'published', label: 'Profielen geplaatst', cells: published.map(count) },
          { key: 'responses', label: 'Reacties van steungezinnen', cells: responses.map(count) },
          {
            key: 'per-profile',
            label: 'Reacties per geplaatst profiel',
            cells: published.map((n, i) => ({
              kind: 'ratio' as const,
              value: n ? round1(responses[i]! / n) : null,
              n,
            })),
          },
          {
            key: 'days-to-match',
            label: 'Dagen van plaatsen tot start (mediaan)',
            cells: toMatch.map((values) => {
              const value = percentile(values, 0.5);
              return { kind: 'days' as const, value: value === null ? null : round1(value), n: values.length };
            }),
          },
        ],
        additive: false,
        chart: false,
      },
    ],
  };
}

function effects(current: Fact[], previous: Fact[]): ReportSection {
  const ended = of(current, 'koppeling_ended').filter((f) => f.data?.effects);
  const n = total(ended);
  const share = (effect: string, answer: string): Cell => ({
    kind: 'share',
    value: n ? Math.round((100 * total(ended.filter((f) => f.data!.effects![effect] === answer))) / n) : null,
    n,
  });
  const periods = [current, previous].map((facts) => of(facts, 'koppeling_ended'));
  const sent = [current, previous].map((facts) => total(of(facts, 'survey_sent')));
  const answered = [current, previous].map((facts) => total(of(facts, 'survey_response')));
  const withHelp = (f: Fact) => (f.data?.youthCareBaseline ?? []).some((kind) => kind !== 'none');
  const satisfaction = (party: 'vraaggezin' | 'steungezin', aspect: string): Cell => {
    // Scores from the survey, and those the coordinator wrote down at the afronding.
    const scores = valuesOf(
      [...of(current, 'survey_response'), ...of(current, 'koppeling_ended')],
      (f) => f.data?.satisfaction?.[party]?.[aspect],
    );
    const sum = scores.reduce((total, score) => total + score, 0);
    return { kind: 'average', value: scores.length ? round1(sum / scores.length) : null, n: scores.length };
  };
  return {
    key: 'effecten',
    title: 'Effecten bij de afronding',
    tables: [
      {
        key: 'effecten',
        title: 'Effecten volgens de gezinnen, in procenten van de afgeronde koppelingen',
        columns: ['Ja', 'Een beetje'],
        rows: EFFECT_ROWS.map((effect, index) => ({
          key: effect.value,
          label: `${index < CHILD_EFFECT_COUNT ? 'Kind' : 'Ouders'}: ${effect.label.replace(/^(Het kind|De ouders) /, '')}`,
          cells: [share(effect.value, 'yes'), share(effect.value, 'somewhat')],
        })),
        additive: false,
        chart: true,
      },
      perCode(
        'jeugdhulp-start',
        'Jeugdhulp bij de start van de afgeronde koppelingen',
        [
          { value: 'with', label: 'Met jeugdhulp bij de start' },
          { value: 'without', label: 'Zonder jeugdhulp bij de start' },
        ],
        periods,
        (f) => (withHelp(f) ? 'with' : 'without'),
        'Alle afgeronde koppelingen',
        false,
      ),
      perCode(
        'jeugdhulp-eind',
        'Jeugdhulp bij de afronding, tegen de start',
        YOUTH_CARE_ROWS,
        periods,
        (f) => f.data?.youthCareFinal ?? null,
        'Alle afgeronde koppelingen',
      ),
      {
        key: 'tevredenheid',
        title: 'Tevredenheid (gemiddeld cijfer van 1 tot 10)',
        columns: ['Vraaggezin', 'Steungezin'],
        rows: SATISFACTION_ROWS.map((aspect) => ({
          key: aspect.value,
          label: aspect.label,
          cells: [satisfaction('vraaggezin', aspect.value), satisfaction('steungezin', aspect.value)],
        })),
        additive: false,
        chart: false,
      },
      {
        key: 'respons',
        title: 'Vragenlijst tevredenheid: verstuurd en ingevuld',
        columns: COMPARE_COLUMNS,
        rows: [
          { key: 'sent', label: 'Uitnodigingen verstuurd', cells: sent.map(count) },
          { key: 'answered', label: 'Ingevuld', cells: answered.map(count) },
          {
            key: 'rate',
            label: 'Respons',
            cells: sent.map((n, i) => ({
              kind: 'share' as const,
              value: n ? Math.round((100 * answered[i]!) / n) : null,
              n,
            })),
          },
        ],
        additive: false,
        chart: false,
      },
    ],
  };
}

/** Every section of the report, in the order of the page. */
export function computeReport(input: FigureInput): ReportSection[] {
  const current = input.current.facts;
  const previous = input.previous.facts;
  return [
    signUps(current, previous),
    koppelingen(input),
    waitingList(input),
    recruitment(current, previous),
    effects(current, previous),
  ];
}
