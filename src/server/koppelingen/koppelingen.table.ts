import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ConsentRecord } from '~/lib/registration.types';
import { idColumn, timestampColumns, timestamptz } from '~/server/db/columns.helpers';
import { gemeenten } from '~/server/gemeenten/gemeenten.table';
import { registrations } from '~/server/registrations/registrations.table';
import { staffUsers } from '~/server/staff/staff.table';
import type { KoppelingPhase, SignatureParty } from './koppelingen.labels';

/** What the families agree on at the start (codes from the sign-up options and koppelingen.labels). */
export type Agreements = {
  /** In the families' own words, e.g. "Woensdagmiddag spelen en eten bij het steungezin". */
  what: string;
  /** Code of frequencyOptions. */
  frequency: string;
  /** Codes of dayOptions. */
  days: string[];
  /** Code of agreementSleepovers. */
  sleepovers: string;
};

/** Jeugdhulp at the start (nulmeting): which help and how often. */
export type YouthCareBaseline = { kinds: string[]; intensity: string | null; note: string | null };

/** Satisfaction scores 1-10 per aspect (codes of satisfactionAspects), per family, when asked. */
export type Satisfaction = { vraaggezin?: Record<string, number>; steungezin?: Record<string, number> };

/** One step of the meldcode taken after a safety concern. */
export type SafetyStep = { step: string; on: string; note: string | null; staffId: string; at: string };

/**
 * A koppeling between a vraaggezin and a steungezin, from the proposal to the afronding
 * (steps 5-8 in docs/domain.md). Lifecycle (src/server/koppelingen/README.md):
 *   proposed -> agreed (the kennismaking clicked) -> active (started) -> closed
 *   proposed -> declined (did not click) | cancelled (proposal withdrawn)
 * The gemeente is the vraaggezin's. `next_due_on`/`next_due_kind` are what is due next on an
 * active koppeling (koppelingen.schedule.ts), kept by the use cases on every change, so lists and
 * the "evaluatie te laat" filter use an index instead of computing per row.
 */
export const koppelingen = pgTable(
  'koppelingen',
  {
    id: idColumn(),
    gemeenteSlug: text()
      .notNull()
      .references(() => gemeenten.slug),
    vraaggezinId: uuid()
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    steungezinId: uuid()
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    phase: text().$type<KoppelingPhase>().notNull().default('proposed'),
    proposedOn: date({ mode: 'string' }).notNull(),
    meetingOn: date({ mode: 'string' }),
    /** 'yes' | 'no' */
    meetingOutcome: text(),
    /** Why it did (not) click. */
    meetingNote: text(),
    startDate: date({ mode: 'string' }),
    agreements: jsonb().$type<Agreements>(),
    /** The huisregels as agreed: the gemeente's template as edited for these families. */
    houseRules: text().array(),
    youthCareBaseline: jsonb().$type<YouthCareBaseline>(),
    /** Both families confirmed the agreements and huisregels. */
    signedAt: timestamptz('signed_at'),
    nextDueOn: date({ mode: 'string' }),
    /** 'evaluation' | 'closure' */
    nextDueKind: text(),
    /** The day it ended: afronding, or the day the proposal stopped. */
    endedOn: date({ mode: 'string' }),
    createdBy: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    ...timestampColumns(),
  },
  (t) => [
    // One open koppeling (proposal, agreed or active) per vraaggezin.
    uniqueIndex('koppelingen_one_open_per_vraaggezin')
      .on(t.vraaggezinId)
      .where(sql`${t.phase} in ('proposed', 'agreed', 'active')`),
    index('koppelingen_vraaggezin_idx').on(t.vraaggezinId),
    index('koppelingen_steungezin_idx').on(t.steungezinId, t.phase),
    index('koppelingen_gemeente_phase_idx').on(t.gemeenteSlug, t.phase, t.updatedAt.desc()),
    index('koppelingen_due_idx').on(t.gemeenteSlug, t.nextDueOn).where(sql`${t.phase} = 'active'`),
    check(
      'koppelingen_phase_check',
      sql`${t.phase} in ('proposed', 'agreed', 'active', 'closed', 'declined', 'cancelled')`,
    ),
    check('koppelingen_two_families_check', sql`${t.vraaggezinId} <> ${t.steungezinId}`),
    check('koppelingen_started_check', sql`${t.phase} not in ('active', 'closed') or ${t.startDate} is not null`),
  ],
);

/** Every change to a koppeling, written by the one function that changes it (recordKoppelingEvent). */
export const koppelingHistory = pgTable(
  'koppeling_history',
  {
    id: idColumn(),
    koppelingId: uuid()
      .notNull()
      .references(() => koppelingen.id, { onDelete: 'cascade' }),
    staffId: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    at: timestamptz('at').notNull().defaultNow(),
    /** 'proposed' | 'meeting' | 'cancelled' | 'started' | 'confirmation_sent' | 'signed' | 'evaluation' | 'closed' | 'concern' | 'concern_step' | 'concern_resolved' */
    change: text().notNull(),
    fromPhase: text(),
    toPhase: text(),
    detail: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [index('koppeling_history_koppeling_idx').on(t.koppelingId, t.at)],
);

/** An evaluation with both families and the coordinator. */
export const koppelingEvaluations = pgTable(
  'koppeling_evaluations',
  {
    id: idColumn(),
    koppelingId: uuid()
      .notNull()
      .references(() => koppelingen.id, { onDelete: 'cascade' }),
    /** 1 = after the trial period, 2, 3 ... every six months. */
    sequence: integer().notNull(),
    /** The due date this evaluation answered. */
    dueOn: date({ mode: 'string' }).notNull(),
    heldOn: date({ mode: 'string' }).notNull(),
    /** Codes of evaluationAttendees. */
    attendees: text().array().notNull(),
    /** 1-5 (evaluationScale); null only for an evaluation an import brought in (the list gives its day, not its scores). */
    childrenScore: smallint(),
    parentsScore: smallint(),
    steungezinScore: smallint(),
    notes: text(),
    changedAgreements: text(),
    /** 'continue' | 'stop' */
    decision: text().notNull(),
    recordedBy: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('koppeling_evaluations_koppeling_idx').on(t.koppelingId, t.heldOn),
    check(
      'koppeling_evaluations_scores_check',
      sql`${t.childrenScore} between 1 and 5 and ${t.parentsScore} between 1 and 5 and ${t.steungezinScore} between 1 and 5`,
    ),
  ],
);

/** The afronding: reason, effects, jeugdhulp at the end, and what comes next. 1:1 with a closed koppeling. */
export const koppelingClosures = pgTable('koppeling_closures', {
  koppelingId: uuid()
    .primaryKey()
    .references(() => koppelingen.id, { onDelete: 'cascade' }),
  closedOn: date({ mode: 'string' }).notNull(),
  /** Code of closureReasons. */
  reason: text().notNull(),
  reasonNote: text(),
  /** Code of continueOptions: do the families go on by themselves. */
  continueTogether: text().notNull(),
  /** Effect code (childEffects, parentEffects) -> answer code (effectAnswers), all twelve. */
  effects: jsonb().$type<Record<string, string>>().notNull(),
  /** Code of youthCareOutcomes (eindmeting). */
  youthCareFinal: text().notNull(),
  youthCareNote: text(),
  /** Code of wantsAnotherOptions. */
  steungezinWantsAnother: text().notNull(),
  satisfaction: jsonb().$type<Satisfaction>(),
  recordedBy: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
});

/**
 * How each family confirmed the agreements and huisregels: on paper (a date) or through a
 * personal, single-use e-mail link (only a SHA-256 hash of its secret is stored). `consent` is
 * the record of what was agreed, word for word, and when. One row per family per koppeling; a
 * new link replaces the old one.
 */
export const koppelingSignatures = pgTable(
  'koppeling_signatures',
  {
    koppelingId: uuid()
      .notNull()
      .references(() => koppelingen.id, { onDelete: 'cascade' }),
    party: text().$type<SignatureParty>().notNull(),
    /** 'paper' | 'email' */
    method: text().notNull(),
    tokenHash: text(),
    tokenExpiresAt: timestamptz('token_expires_at'),
    sentAt: timestamptz('sent_at'),
    signedAt: timestamptz('signed_at'),
    /** For paper: the date on the form. */
    signedOn: date({ mode: 'string' }),
    consent: jsonb().$type<ConsentRecord>(),
    recordedBy: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.koppelingId, t.party] }),
    uniqueIndex('koppeling_signatures_token_unique').on(t.tokenHash).where(sql`${t.tokenHash} is not null`),
  ],
);

/**
 * A concern about a child's safety (veiligheidsprotocol, meldcode), about a family and, when
 * there is one, its koppeling. Open until resolved: the records show a banner meanwhile.
 */
export const safetyConcerns = pgTable(
  'safety_concerns',
  {
    id: idColumn(),
    gemeenteSlug: text()
      .notNull()
      .references(() => gemeenten.slug),
    /** The family the concern is about. */
    registrationId: uuid()
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    koppelingId: uuid().references((): AnyPgColumn => koppelingen.id, { onDelete: 'cascade' }),
    raisedOn: date({ mode: 'string' }).notNull(),
    raisedBy: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    /** What was seen or heard (meldcode step 1). Only in the portal, never in a mail. */
    summary: text().notNull(),
    steps: jsonb().$type<SafetyStep[]>().notNull().default(sql`'[]'::jsonb`),
    /** Code of safetyDecisions, once decided. */
    decision: text(),
    resolvedAt: timestamptz('resolved_at'),
    resolvedBy: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    resolutionNote: text(),
    ...timestampColumns(),
  },
  (t) => [
    index('safety_concerns_registration_idx').on(t.registrationId, t.createdAt.desc()),
    index('safety_concerns_koppeling_idx').on(t.koppelingId).where(sql`${t.koppelingId} is not null`),
    index('safety_concerns_open_idx').on(t.gemeenteSlug).where(sql`${t.resolvedAt} is null`),
  ],
);

export type KoppelingRow = typeof koppelingen.$inferSelect;
export type EvaluationRow = typeof koppelingEvaluations.$inferSelect;
export type ClosureRow = typeof koppelingClosures.$inferSelect;
export type SignatureRow = typeof koppelingSignatures.$inferSelect;
export type SafetyConcernRow = typeof safetyConcerns.$inferSelect;
