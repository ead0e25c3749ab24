import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '~/server/db/columns.helpers';
import { registrations } from '~/server/registrations/registrations.table';
import type { ReportFactData } from './rapportage.figures';

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
    /**
     * Only on facts an import wrote (issue 19, decision 033): the import's own record of the row
     * (`import_records.id`), so that importing a changed row corrects its facts and an undo takes
     * them back. Points to the import's bookkeeping, never to a sign-up or koppeling; no foreign key.
     */
    importRecordId: uuid('import_record_id'),
  },
  (t) => [
    index('report_facts_import_record_idx').on(t.importRecordId).where(sql`${t.importRecordId} is not null`),
    index('report_facts_gemeente_day_idx').on(t.gemeenteSlug, t.occurredOn, t.fact),
    index('report_facts_day_idx').on(t.occurredOn, t.fact),
    check(
      'report_facts_fact_check',
      sql`${t.fact} in ('registration', 'intake', 'exit', 'koppeling_proposed', 'koppeling_not_started', 'koppeling_started', 'koppeling_ended', 'profile_published', 'profile_response', 'survey_sent', 'survey_response')`,
    ),
  ],
);

export type ReportFactRow = typeof reportFacts.$inferSelect;
export type NewReportFactRow = typeof reportFacts.$inferInsert;

/**
 * What the coordinator writes with the report of one period (highlights, signals, plans): about
 * the work, never about a family by name (the form says so). Kept with the report, like the
 * ledger, when personal data is deleted.
 */
export const reportNotes = pgTable(
  'report_notes',
  {
    gemeenteSlug: text().notNull(),
    /** The period's key (rapportage.periods.ts): 2026-K3, 2026-H2, 2026 or 2026-01-01_2026-02-15. */
    periodKey: text().notNull(),
    highlights: text().notNull().default(''),
    signals: text().notNull().default(''),
    plans: text().notNull().default(''),
    /** Who saved it last (kept as a name, so it survives the staff account). */
    updatedByName: text(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.gemeenteSlug, t.periodKey] })],
);

/**
 * The satisfaction survey (issue 15): one personal, single-use, expiring link per family, sent
 * at each evaluation and at the afronding. Only the hash of the link's secret is kept, and no id
 * of the koppeling; the family's sign-up only until the one reminder is sent or the link is
 * answered: after that a row says which gemeente, which family role and which moment, nothing more. The answer's scores go to the ledger (fact 'survey_response'); the
 * open answer stays here for the coordinator.
 */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tokenHash: text().notNull(),
    gemeenteSlug: text().notNull(),
    /** 'vraaggezin' | 'steungezin' */
    party: text().notNull(),
    /** 'evaluation' | 'closure' */
    moment: text().notNull(),
    sentOn: date({ mode: 'string' }).notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    answeredAt: timestamptz('answered_at'),
    /** In the family's own words; only coordinators of the gemeente read it. */
    openAnswer: text(),
    /**
     * Whom to remind once when the link is still unanswered after some days (their address is
     * looked up then). Cleared when the reminder goes or the link is answered, and by the
     * database when the sign-up is deleted: after that the row points to nobody again.
     */
    remindRegistrationId: uuid('remind_registration_id').references(() => registrations.id, { onDelete: 'set null' }),
    remindedAt: timestamptz('reminded_at'),
    /** The hash of the reminder's own link (the first link keeps working too). */
    reminderTokenHash: text(),
  },
  (t) => [
    uniqueIndex('survey_invitations_token_unique').on(t.tokenHash),
    uniqueIndex('survey_invitations_reminder_token_unique').on(t.reminderTokenHash),
    // A sign-up's deletion sets it to null; without an index that would read the whole table.
    index('survey_invitations_remind_idx').on(t.remindRegistrationId),
    index('survey_invitations_gemeente_idx').on(t.gemeenteSlug, t.sentOn),
  ],
);
