/**
 * The only code that reads and writes the koppelingen tables. Made with a database or a
 * transaction (`createKoppelingenRepository({ db: tx })`), so use cases and the importer
 * (issue 19) do several steps in one transaction. Constraint violations become domain errors here.
 */
import { and, asc, desc, eq, inArray, isNull, lt, lte, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { anyUuid } from '~/server/db/columns.helpers';
import type { DbOrTx } from '~/server/db/db';
import { koppelingError } from './koppelingen.errors';
import { type KoppelingPhase, OPEN_PHASES, type SignatureParty } from './koppelingen.labels';
import {
  koppelingClosures,
  koppelingEvaluations,
  koppelingen,
  koppelingHistory,
  koppelingSignatures,
  safetyConcerns,
} from './koppelingen.table';

export type NewKoppeling = typeof koppelingen.$inferInsert;
export type {
  Agreements,
  ClosureRow,
  EvaluationRow,
  KoppelingRow,
  SafetyConcernRow,
  Satisfaction,
} from './koppelingen.table';

/** A PostgreSQL unique violation on `constraint` (drizzle wraps the driver error in `cause`). */
function isUniqueViolation(error: unknown, constraint: string): boolean {
  const cause = (error as { cause?: { code?: string; constraint_name?: string } })?.cause;
  return cause?.code === '23505' && cause.constraint_name === constraint;
}

export function createKoppelingenRepository({ db }: { db: DbOrTx }) {
  return {
    async find(id: string, lock = false) {
      const query = db.select().from(koppelingen).where(eq(koppelingen.id, id));
      const [row] = lock ? await query.for('update') : await query;
      return row;
    },

    /** A new koppeling; a second open one for the same vraaggezin is refused (also under concurrency). */
    async insert(values: NewKoppeling) {
      try {
        const [row] = await db.insert(koppelingen).values(values).returning();
        return row!;
      } catch (error) {
        if (isUniqueViolation(error, 'koppelingen_one_open_per_vraaggezin'))
          throw koppelingError('koppeling.family_has_open');
        throw error;
      }
    },

    async update(id: string, set: Partial<NewKoppeling>) {
      await db.update(koppelingen).set(set).where(eq(koppelingen.id, id));
    },

    /** Deletes a koppeling with its history, evaluations and signatures (an import taken back). */
    async remove(id: string) {
      await db.delete(koppelingen).where(eq(koppelingen.id, id));
    },

    /** The open koppeling (proposal, agreed or active) of a vraaggezin, if any. */
    async openForVraaggezin(vraaggezinId: string) {
      const [row] = await db
        .select()
        .from(koppelingen)
        .where(and(eq(koppelingen.vraaggezinId, vraaggezinId), inArray(koppelingen.phase, [...OPEN_PHASES])));
      return row;
    },

    /** Open koppelingen per steungezin, by phase (capacity, and the steungezin's inbox status). */
    async openPhasesOfSteungezinnen(steungezinIds: readonly string[]) {
      const result = new Map<string, KoppelingPhase[]>();
      if (steungezinIds.length === 0) return result;
      const rows = await db
        .select({ steungezinId: koppelingen.steungezinId, phase: koppelingen.phase })
        .from(koppelingen)
        .where(and(anyUuid(koppelingen.steungezinId, steungezinIds), inArray(koppelingen.phase, [...OPEN_PHASES])));
      for (const r of rows) result.set(r.steungezinId, [...(result.get(r.steungezinId) ?? []), r.phase]);
      return result;
    },

    /** The last day something started or ended for each steungezin (when its waiting began again). */
    async lastActivityOfSteungezinnen(steungezinIds: readonly string[]) {
      if (steungezinIds.length === 0) return new Map<string, string>();
      const rows = await db
        .select({
          steungezinId: koppelingen.steungezinId,
          last: sql<string>`max(greatest(${koppelingen.startDate}, ${koppelingen.endedOn}))::text`,
        })
        .from(koppelingen)
        .where(anyUuid(koppelingen.steungezinId, steungezinIds))
        .groupBy(koppelingen.steungezinId);
      return new Map(rows.filter((r) => r.last).map((r) => [r.steungezinId, r.last]));
    },

    /** Steungezinnen whose kennismaking with this vraaggezin did not click, with the day. */
    async declinedWith(vraaggezinId: string) {
      const rows = await db
        .select({ steungezinId: koppelingen.steungezinId, endedOn: koppelingen.endedOn })
        .from(koppelingen)
        .where(and(eq(koppelingen.vraaggezinId, vraaggezinId), eq(koppelingen.phase, 'declined')));
      return new Map(rows.map((r) => [r.steungezinId, r.endedOn ?? '']));
    },

    /** Every koppeling a sign-up is part of (as vraaggezin or as steungezin), newest first. */
    async ofRegistration(registrationId: string) {
      return db
        .select()
        .from(koppelingen)
        .where(or(eq(koppelingen.vraaggezinId, registrationId), eq(koppelingen.steungezinId, registrationId)))
        .orderBy(desc(koppelingen.createdAt))
        .limit(50);
    },

    /**
     * The overview: koppelingen of these gemeenten (null = all), active ones ordered by what is due
     * first, then the rest by last change. `overdueBefore` keeps only active ones due before that day.
     */
    async list(filter: {
      gemeenten: readonly string[] | null;
      phase?: KoppelingPhase;
      dueBefore?: string;
      limit: number;
    }) {
      const conditions: (SQL | undefined)[] = [
        filter.gemeenten ? inArray(koppelingen.gemeenteSlug, [...filter.gemeenten]) : undefined,
        filter.phase ? eq(koppelingen.phase, filter.phase) : undefined,
        filter.dueBefore
          ? and(eq(koppelingen.phase, 'active'), lt(koppelingen.nextDueOn, filter.dueBefore))
          : undefined,
      ];
      return db
        .select()
        .from(koppelingen)
        .where(and(...conditions))
        .orderBy(
          asc(
            sql`case ${koppelingen.phase} when 'active' then 0 when 'agreed' then 1 when 'proposed' then 2 else 3 end`,
          ),
          asc(koppelingen.nextDueOn),
          desc(koppelingen.updatedAt),
        )
        .limit(filter.limit);
    },

    /** Vraaggezinnen with an active koppeling whose next evaluation or afronding was due before `today`. */
    async overdueVraaggezinIds(gemeenten: readonly string[] | null, today: string, limit = 5000) {
      const rows = await db
        .select({ id: koppelingen.vraaggezinId })
        .from(koppelingen)
        .where(
          and(
            gemeenten ? inArray(koppelingen.gemeenteSlug, [...gemeenten]) : undefined,
            eq(koppelingen.phase, 'active'),
            lt(koppelingen.nextDueOn, today),
          ),
        )
        .limit(limit);
      return rows.map((r) => r.id);
    },

    /** Per gemeente: active koppelingen with something due on or before `until` (overdue included). */
    async dueCounts(gemeenten: readonly string[], until: string) {
      if (gemeenten.length === 0) return new Map<string, number>();
      const rows = await db
        .select({ gemeenteSlug: koppelingen.gemeenteSlug, n: sql<number>`count(*)::int` })
        .from(koppelingen)
        .where(
          and(
            inArray(koppelingen.gemeenteSlug, [...gemeenten]),
            eq(koppelingen.phase, 'active'),
            lte(koppelingen.nextDueOn, until),
          ),
        )
        .groupBy(koppelingen.gemeenteSlug);
      return new Map(rows.map((r) => [r.gemeenteSlug, r.n]));
    },

    /** Active koppelingen due between two days (inclusive), for the agenda feed. */
    async dueBetween(gemeenten: readonly string[] | null, from: string, to: string, limit = 1000) {
      return db
        .select({
          id: koppelingen.id,
          gemeenteSlug: koppelingen.gemeenteSlug,
          nextDueOn: koppelingen.nextDueOn,
          nextDueKind: koppelingen.nextDueKind,
          startDate: koppelingen.startDate,
        })
        .from(koppelingen)
        .where(
          and(
            gemeenten ? inArray(koppelingen.gemeenteSlug, [...gemeenten]) : undefined,
            eq(koppelingen.phase, 'active'),
            sql`${koppelingen.nextDueOn} between ${from}::date and ${to}::date`,
          ),
        )
        .orderBy(asc(koppelingen.nextDueOn))
        .limit(limit);
    },

    async evaluations(koppelingId: string) {
      return db
        .select()
        .from(koppelingEvaluations)
        .where(eq(koppelingEvaluations.koppelingId, koppelingId))
        .orderBy(asc(koppelingEvaluations.heldOn), asc(koppelingEvaluations.sequence));
    },

    async insertEvaluation(values: typeof koppelingEvaluations.$inferInsert) {
      const [row] = await db.insert(koppelingEvaluations).values(values).returning();
      return row!;
    },

    /** Deletes a koppeling's evaluations (an import rewriting or taking back the ones it brought in). */
    async removeEvaluations(koppelingId: string) {
      await db.delete(koppelingEvaluations).where(eq(koppelingEvaluations.koppelingId, koppelingId));
    },

    /** Deletes a koppeling's afronding (an import rewriting or taking back the one it brought in). */
    async removeClosure(koppelingId: string) {
      await db.delete(koppelingClosures).where(eq(koppelingClosures.koppelingId, koppelingId));
    },

    /**
     * Of these koppelingen, the ones whose history has a change besides `changes` (the import's
     * own lines): changed on their page since, so an import leaves them alone.
     */
    async changedBesides(ids: readonly string[], changes: readonly string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db
        .selectDistinct({ id: koppelingHistory.koppelingId })
        .from(koppelingHistory)
        .where(and(anyUuid(koppelingHistory.koppelingId, ids), notInArray(koppelingHistory.change, [...changes])));
      return new Set(rows.map((row) => row.id));
    },

    async closure(koppelingId: string) {
      const [row] = await db.select().from(koppelingClosures).where(eq(koppelingClosures.koppelingId, koppelingId));
      return row;
    },

    async insertClosure(values: typeof koppelingClosures.$inferInsert) {
      await db.insert(koppelingClosures).values(values);
    },

    async signatures(koppelingId: string) {
      return db.select().from(koppelingSignatures).where(eq(koppelingSignatures.koppelingId, koppelingId));
    },

    /** Sets one family's signature row (a new link replaces the old one, which stops working). */
    async saveSignature(values: typeof koppelingSignatures.$inferInsert) {
      const { koppelingId: _k, party: _p, ...set } = values;
      await db
        .insert(koppelingSignatures)
        .values(values)
        .onConflictDoUpdate({ target: [koppelingSignatures.koppelingId, koppelingSignatures.party], set });
    },

    async signatureByTokenHash(tokenHash: string, lock = false) {
      const query = db.select().from(koppelingSignatures).where(eq(koppelingSignatures.tokenHash, tokenHash));
      const [row] = lock ? await query.for('update') : await query;
      return row;
    },

    async signatureOf(koppelingId: string, party: SignatureParty) {
      const [row] = await db
        .select()
        .from(koppelingSignatures)
        .where(and(eq(koppelingSignatures.koppelingId, koppelingId), eq(koppelingSignatures.party, party)));
      return row;
    },

    async history(koppelingId: string) {
      return db
        .select()
        .from(koppelingHistory)
        .where(eq(koppelingHistory.koppelingId, koppelingId))
        .orderBy(desc(koppelingHistory.at))
        .limit(500);
    },

    async insertHistory(values: typeof koppelingHistory.$inferInsert) {
      await db.insert(koppelingHistory).values(values);
    },

    async insertConcern(values: typeof safetyConcerns.$inferInsert) {
      const [row] = await db.insert(safetyConcerns).values(values).returning();
      return row!;
    },

    async findConcern(id: string, lock = false) {
      const query = db.select().from(safetyConcerns).where(eq(safetyConcerns.id, id));
      const [row] = lock ? await query.for('update') : await query;
      return row;
    },

    async updateConcern(id: string, set: Partial<typeof safetyConcerns.$inferInsert>) {
      await db.update(safetyConcerns).set(set).where(eq(safetyConcerns.id, id));
    },

    /** Concerns about these families or koppelingen, open ones first. */
    async concernsAbout(input: { registrationIds: readonly string[]; koppelingIds: readonly string[] }) {
      const about = [
        input.registrationIds.length ? inArray(safetyConcerns.registrationId, [...input.registrationIds]) : undefined,
        input.koppelingIds.length ? inArray(safetyConcerns.koppelingId, [...input.koppelingIds]) : undefined,
      ].filter(Boolean) as SQL[];
      if (about.length === 0) return [];
      return db
        .select()
        .from(safetyConcerns)
        .where(or(...about))
        .orderBy(asc(sql`${safetyConcerns.resolvedAt} is not null`), desc(safetyConcerns.createdAt))
        .limit(50);
    },

    /** Open concerns per koppeling among these (for badges in lists). */
    async openConcernKoppelingIds(koppelingIds: readonly string[]) {
      if (koppelingIds.length === 0) return new Set<string>();
      const rows = await db
        .select({ id: safetyConcerns.koppelingId })
        .from(safetyConcerns)
        .where(and(inArray(safetyConcerns.koppelingId, [...koppelingIds]), isNull(safetyConcerns.resolvedAt)));
      return new Set(rows.map((r) => r.id!));
    },

    /**
     * For the retention job (privacy): per sign-up among these, whether it is in an open koppeling,
     * the last day a koppeling that started ended, and the last change of any of its koppelingen.
     */
    async retentionFacts(registrationIds: readonly string[]) {
      const facts = new Map<
        string,
        { open: boolean; lastEndedOn: string | null; started: boolean; lastChange: Date }
      >();
      if (registrationIds.length === 0) return facts;
      const rows = await db.execute<{
        id: string;
        open: boolean;
        started: boolean;
        last_ended_on: string | null;
        last_change: string;
      }>(sql`
        select party.id,
               bool_or(k.phase in ('proposed', 'agreed', 'active')) as open,
               bool_or(k.start_date is not null) as started,
               max(k.ended_on) filter (where k.start_date is not null)::text as last_ended_on,
               max(k.updated_at)::text as last_change
        from ${koppelingen} k
        cross join lateral (values (k.vraaggezin_id), (k.steungezin_id)) as party(id)
        where party.id = any(${`{${registrationIds.join(',')}}`}::uuid[])
        group by party.id`);
      for (const row of rows)
        facts.set(row.id, {
          open: row.open,
          started: row.started,
          lastEndedOn: row.last_ended_on,
          lastChange: new Date(row.last_change),
        });
      return facts;
    },

    /** Sign-ups among these with an open zorg over veiligheid (about the family or one of its koppelingen). */
    async withOpenConcern(registrationIds: readonly string[]) {
      if (registrationIds.length === 0) return new Set<string>();
      const ids = `{${registrationIds.join(',')}}`;
      const rows = await db.execute<{ id: string }>(sql`
        select c.registration_id as id from ${safetyConcerns} c
        where c.resolved_at is null and c.registration_id = any(${ids}::uuid[])
        union
        select party.id from ${safetyConcerns} c
        join ${koppelingen} k on k.id = c.koppeling_id
        cross join lateral (values (k.vraaggezin_id), (k.steungezin_id)) as party(id)
        where c.resolved_at is null and party.id = any(${ids}::uuid[])`);
      return new Set(rows.map((row) => row.id));
    },
  };
}

export type KoppelingenRepository = ReturnType<typeof createKoppelingenRepository>;
