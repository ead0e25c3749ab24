/**
 * The only code that reads or writes the ledger of report facts (`report_facts`). Other domains
 * write through rapportage.ledger.ts; the report reads counts per period from here.
 */
import {
  and,
  asc,
  eq,
  getTableColumns,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  notInArray,
  or,
  sql,
} from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import { insertRows } from '~/server/db/insert-rows';
import type { ReportFactData } from './rapportage.figures';
import { type NewReportFactRow, reportFacts, reportNotes, surveyInvitations } from './rapportage.table';

/** Facts whose days or data the report reads (the others it only counts). */
const VALUED_FACTS = ['exit', 'koppeling_started', 'koppeling_ended', 'survey_response'];

export function createRapportageRepository({ db }: { db: DbOrTx }) {
  return {
    async insertFact(row: NewReportFactRow) {
      await db.insert(reportFacts).values(row);
    },

    /** Many facts at once (an import), in slices: one statement has at most 65,535 parameters. */
    async insertFacts(rows: readonly NewReportFactRow[]) {
      for (let start = 0; start < rows.length; start += 2000)
        await insertRows(db, reportFacts, rows.slice(start, start + 2000));
    },

    /** The facts an import wrote for some of its rows (decision 033), without their own ids. */
    async factsOfImportRecords(importRecordIds: readonly string[]): Promise<NewReportFactRow[]> {
      if (importRecordIds.length === 0) return [];
      const { id: _id, recordedAt: _at, ...columns } = getTableColumns(reportFacts);
      return db
        .select(columns)
        .from(reportFacts)
        .where(inArray(reportFacts.importRecordId, [...importRecordIds]));
    },

    /** Takes back the facts an import wrote for some of its rows (a changed row, an undo). */
    async removeFactsOfImportRecords(importRecordIds: readonly string[]) {
      for (let start = 0; start < importRecordIds.length; start += 2000)
        await db
          .delete(reportFacts)
          .where(inArray(reportFacts.importRecordId, importRecordIds.slice(start, start + 2000)));
    },

    /**
     * Writes the facts of existing records for every gemeente (or one) that has none yet: the SQL
     * function of migration 0023_report_facts (it may read the other domains' tables, this code may not).
     * Returns how many facts it wrote.
     */
    async backfill(gemeenteSlug: string | null = null): Promise<number> {
      const rows = await db.execute<{ added: number }>(
        sql`select report_facts_backfill(${gemeenteSlug}::text) as added`,
      );
      return Number(rows[0]?.added ?? 0);
    },

    /** Every fact of some gemeenten between two days (both included), oldest first (the retention test compares them). */
    async factsBetween(gemeenteSlugs: readonly string[], from: string, to: string) {
      if (gemeenteSlugs.length === 0) return [];
      return db
        .select({
          gemeenteSlug: reportFacts.gemeenteSlug,
          occurredOn: reportFacts.occurredOn,
          fact: reportFacts.fact,
          kind: reportFacts.kind,
          source: reportFacts.source,
          kern: reportFacts.kern,
          code: reportFacts.code,
          days: reportFacts.days,
          data: reportFacts.data,
        })
        .from(reportFacts)
        .where(
          and(
            inArray(reportFacts.gemeenteSlug, [...gemeenteSlugs]),
            gte(reportFacts.occurredOn, from),
            lte(reportFacts.occurredOn, to),
          ),
        )
        .orderBy(asc(reportFacts.occurredOn));
    },

    /**
     * The facts of one gemeente in a period and the period before it (`previousFrom` up to
     * `to`, both included), counted: identical facts are one row with `n`, and `occurredOn` is the
     * first day of the period they belong to (`from` or `previousFrom`). A year of 100,000 sign-ups
     * is a few thousand rows instead of 100,000.
     *
     * Two grouped queries, side by side (README, "Speed"): the many plain facts (sign-ups, intakes
     * ...) counted by the columns the report reads, and the few with days or codes in `data`
     * (koppelingen, exits, survey answers), grouped on `data` as text: hashing jsonb costs four
     * times as much as hashing its text, and kern and the how-did-you-hear code are not in the
     * report (they stay in the ledger).
     */
    async countedFacts(gemeenteSlug: string, range: { previousFrom: string; from: string; to: string }) {
      const period = sql<string>`case when ${reportFacts.occurredOn} >= ${range.from} then ${range.from} else ${range.previousFrom} end`;
      const inRange = and(
        eq(reportFacts.gemeenteSlug, gemeenteSlug),
        gte(reportFacts.occurredOn, range.previousFrom),
        lte(reportFacts.occurredOn, range.to),
      );
      const n = sql<number>`count(*)::int`;
      const [plain, valued] = await Promise.all([
        db
          .select({
            occurredOn: period,
            fact: reportFacts.fact,
            kind: reportFacts.kind,
            source: reportFacts.source,
            code: reportFacts.code,
            n,
          })
          .from(reportFacts)
          .where(and(inRange, notInArray(reportFacts.fact, VALUED_FACTS)))
          // By position: the period expression holds parameters, so it cannot be repeated here.
          .groupBy(sql.raw('1'), reportFacts.fact, reportFacts.kind, reportFacts.source, reportFacts.code),
        db
          .select({
            occurredOn: period,
            fact: reportFacts.fact,
            kind: reportFacts.kind,
            source: reportFacts.source,
            code: reportFacts.code,
            days: reportFacts.days,
            data: sql<string | null>`${reportFacts.data}::text`,
            n,
          })
          .from(reportFacts)
          .where(and(inRange, inArray(reportFacts.fact, VALUED_FACTS)))
          .groupBy(
            sql.raw('1'),
            reportFacts.fact,
            reportFacts.kind,
            reportFacts.source,
            reportFacts.code,
            reportFacts.days,
            sql.raw('7'),
          ),
      ]);
      return [
        ...plain.map((row) => ({ ...row, kern: null, days: null, data: null })),
        ...valued.map((row) => ({
          ...row,
          kern: null,
          data: row.data === null ? null : (JSON.parse(row.data) as ReportFactData),
        })),
      ];
    },

    /** Koppelingen running at the end of a day: started on or before it, not ended on or before it. */
    async activeAt(gemeenteSlug: string, day: string): Promise<number> {
      const [row] = await db
        .select({
          active: sql<number>`(count(*) filter (where ${reportFacts.fact} = 'koppeling_started') - count(*) filter (where ${reportFacts.fact} = 'koppeling_ended'))::int`,
        })
        .from(reportFacts)
        .where(
          and(
            eq(reportFacts.gemeenteSlug, gemeenteSlug),
            lte(reportFacts.occurredOn, day),
            inArray(reportFacts.fact, ['koppeling_started', 'koppeling_ended']),
          ),
        );
      return row?.active ?? 0;
    },

    /**
     * National figures (backoffice): the ledger between two days counted per gemeente, fact,
     * month, kind, source, code and jeugdhulp at the end, in one grouped query.
     */
    async countsBetween(from: string, to: string) {
      const month = sql<string>`to_char(${reportFacts.occurredOn}, 'YYYY-MM')`;
      const youthCareFinal = sql<string | null>`${reportFacts.data}->>'youthCareFinal'`;
      return db
        .select({
          gemeenteSlug: reportFacts.gemeenteSlug,
          fact: reportFacts.fact,
          month,
          kind: reportFacts.kind,
          source: reportFacts.source,
          code: reportFacts.code,
          youthCareFinal,
          n: sql<number>`count(*)::int`,
        })
        .from(reportFacts)
        .where(and(gte(reportFacts.occurredOn, from), lte(reportFacts.occurredOn, to)))
        .groupBy(
          reportFacts.gemeenteSlug,
          reportFacts.fact,
          month,
          reportFacts.kind,
          reportFacts.source,
          reportFacts.code,
          youthCareFinal,
        );
    },

    /** The effects of the koppelingen ended between two days, nationally: effect -> answer -> how many. */
    async effectCountsBetween(from: string, to: string) {
      const rows = await db.execute<{ effect: string; answer: string; n: number }>(sql`
        select effect.key as effect, effect.value as answer, count(*)::int as n
        from ${reportFacts}, jsonb_each_text(${reportFacts.data}->'effects') as effect
        where ${reportFacts.fact} = 'koppeling_ended' and ${reportFacts.occurredOn} between ${from} and ${to}
        group by effect.key, effect.value`);
      return [...rows];
    },

    /** Koppelingen running at the end of a day, per gemeente. */
    async activePerGemeente(day: string) {
      return db
        .select({
          gemeenteSlug: reportFacts.gemeenteSlug,
          active: sql<number>`(count(*) filter (where ${reportFacts.fact} = 'koppeling_started') - count(*) filter (where ${reportFacts.fact} = 'koppeling_ended'))::int`,
        })
        .from(reportFacts)
        .where(
          and(lte(reportFacts.occurredOn, day), inArray(reportFacts.fact, ['koppeling_started', 'koppeling_ended'])),
        )
        .groupBy(reportFacts.gemeenteSlug);
    },

    async insertInvitation(row: typeof surveyInvitations.$inferInsert) {
      await db.insert(surveyInvitations).values(row);
    },

    /** The invitation behind a link: the first mail's or the reminder's. */
    async findInvitation(tokenHash: string) {
      const [row] = await db
        .select()
        .from(surveyInvitations)
        .where(or(eq(surveyInvitations.tokenHash, tokenHash), eq(surveyInvitations.reminderTokenHash, tokenHash)));
      return row;
    },

    /**
     * Unanswered links still valid after `now` that expire before `expiresBefore` (so were sent
     * long enough ago), whose family has not been reminded yet: up to `limit`.
     */
    async invitationsToRemind(now: Date, expiresBefore: Date, limit: number) {
      return db
        .select({
          id: surveyInvitations.id,
          gemeenteSlug: surveyInvitations.gemeenteSlug,
          registrationId: surveyInvitations.remindRegistrationId,
          expiresAt: surveyInvitations.expiresAt,
        })
        .from(surveyInvitations)
        .where(
          and(
            isNull(surveyInvitations.answeredAt),
            isNull(surveyInvitations.remindedAt),
            isNotNull(surveyInvitations.remindRegistrationId),
            gt(surveyInvitations.expiresAt, now),
            lte(surveyInvitations.expiresAt, expiresBefore),
          ),
        )
        .limit(limit);
    },

    /** Marks the one reminder sent, once (false when another run did it first); forgets whom to remind. */
    async markReminded(id: string, at: Date, reminderTokenHash: string): Promise<boolean> {
      const rows = await db
        .update(surveyInvitations)
        .set({ remindedAt: at, reminderTokenHash, remindRegistrationId: null })
        .where(and(eq(surveyInvitations.id, id), isNull(surveyInvitations.remindedAt)))
        .returning({ id: surveyInvitations.id });
      return rows.length > 0;
    },

    /** Marks a link answered, once: returns the row only for the first answer. */
    async answerInvitation(id: string, at: Date, openAnswer: string | null) {
      const [row] = await db
        .update(surveyInvitations)
        .set({ answeredAt: at, openAnswer, remindRegistrationId: null })
        .where(
          and(eq(surveyInvitations.id, id), isNull(surveyInvitations.answeredAt), gt(surveyInvitations.expiresAt, at)),
        )
        .returning();
      return row;
    },

    /** The open answers given between two days (the coordinator's report). */
    async openAnswers(gemeenteSlug: string, from: string, to: string) {
      const day = sql<string>`(${surveyInvitations.answeredAt} at time zone 'Europe/Amsterdam')::date`;
      return db
        .select({
          party: surveyInvitations.party,
          moment: surveyInvitations.moment,
          text: surveyInvitations.openAnswer,
        })
        .from(surveyInvitations)
        .where(
          and(
            eq(surveyInvitations.gemeenteSlug, gemeenteSlug),
            isNotNull(surveyInvitations.openAnswer),
            gte(day, from),
            lte(day, to),
          ),
        )
        .orderBy(asc(surveyInvitations.answeredAt))
        .limit(200);
    },

    /**
     * Retention (the privacy domain's housekeeping, docs/privacy/register.md): survey links that
     * expired unanswered, and answered ones (with the family's open answer) answered before
     * `answeredBefore`. The scores are in the ledger and stay. Returns how many rows went.
     */
    async deleteSurveyInvitations(now: Date, answeredBefore: Date): Promise<number> {
      const gone = await db
        .delete(surveyInvitations)
        .where(
          or(
            and(isNull(surveyInvitations.answeredAt), lte(surveyInvitations.expiresAt, now)),
            lt(surveyInvitations.answeredAt, answeredBefore),
          ),
        )
        .returning({ id: surveyInvitations.id });
      return gone.length;
    },

    /**
     * Retention: the name of the staff member who last saved a report's text, once that is
     * longer ago than `savedBefore` (the text stays with the report). Returns how many.
     */
    async clearNoteAuthors(savedBefore: Date): Promise<number> {
      const cleared = await db
        .update(reportNotes)
        .set({ updatedByName: null })
        .where(and(isNotNull(reportNotes.updatedByName), lt(reportNotes.updatedAt, savedBefore)))
        .returning({ key: reportNotes.periodKey });
      return cleared.length;
    },

    /** The coordinator's text with the report of one period, if any. */
    async findNotes(gemeenteSlug: string, periodKey: string) {
      const [row] = await db
        .select()
        .from(reportNotes)
        .where(and(eq(reportNotes.gemeenteSlug, gemeenteSlug), eq(reportNotes.periodKey, periodKey)));
      return row;
    },

    async saveNotes(row: typeof reportNotes.$inferInsert) {
      const { gemeenteSlug: _slug, periodKey: _key, ...set } = row;
      await db
        .insert(reportNotes)
        .values(row)
        .onConflictDoUpdate({ target: [reportNotes.gemeenteSlug, reportNotes.periodKey], set });
    },
  };
}
