import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '~/server/db/columns.helpers';

/**
 * The anonymous ledger of report facts (src/server/rapportage/README.md): one row per thing a
 * progress report counts, written in the transaction of the change itself. No names, no free
 * text, no id of a person or a record: a gemeente, a day, a code. The retention job never deletes
 * these rows, so a report of a past period stays the same after personal data is gone.
 *
 * Its own ids are random and point to nothing else; gemeente_slug has no foreign key on purpose
 * (the ledger outlives everything else).
 */
export const reportFacts = pgTable(
  'report_facts',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    gemeenteSlug: text().notNull(),
    /** The calendar day in Europe/Amsterdam the fact counts for (the sign-up day, the start date ...). */
    occurredOn: date({ mode: 'string' }).notNull(),
    /** What happened (REPORT_FACTS in rapportage.labels.ts). */
    fact: text().notNull(),
    /** Kind of sign-up: vraaggezin | steungezin | verwijzing. */
    kind: text(),
    /** Who brought the family: self | school | huisarts | wijkteam | jgz | kinderopvang | other. */
    source: text(),
    /** One of the gemeente's kernen from its content file, or null when not given or not one of them. */
    kern: text(),
    /** A code: exit status, closure reason, how they heard of us, why a proposal stopped. */
    code: text(),
    /** Whole days: sign-up to start (koppeling_started), publishing to a match, duration at the end. */
    days: integer(),
    /** More codes (effects, jeugdhulp at start and end, satisfaction scores). Codes and numbers only. */
    data: jsonb().$type<ReportFactData>(),
    recordedAt: timestamptz('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    index('report_facts_gemeente_day_idx').on(t.gemeenteSlug, t.occurredOn, t.fact),
    index('report_facts_day_idx').on(t.occurredOn, t.fact),
    check(
      'report_facts_fact_check',
      sql`${t.fact} in ('registration', 'intake', 'exit', 'koppeling_proposed', 'koppeling_not_started', 'koppeling_started', 'koppeling_ended', 'profile_published', 'profile_response')`,
    ),
  ],
);

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
};

export type ReportFactRow = typeof reportFacts.$inferSelect;
export type NewReportFactRow = typeof reportFacts.$inferInsert;
