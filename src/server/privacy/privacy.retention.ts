/**
 * The retention job: deletes personal data on the terms /privacy states (`site.retention` in
 * src/lib/site.ts; docs/privacy/register.md lists every column and its term; decision 027).
 *
 * - A sign-up that never led to a koppeling: 12 months after its last activity (the sign-up's own
 *   last change, its screening's, and its koppelingen's, e.g. a declined proposal).
 * - A family that was in a koppeling that started: 2 years after the last such koppeling ended,
 *   and not while it is in an open koppeling or was active again in the last 12 months (a
 *   steungezin that took another family).
 * - A referral that points to a family (inbox_items.family_registration_id) stays as long as that
 *   family's sign-up stays.
 * - A hold ("bewaren tot … omdat …", privacy_holds) or an open zorg over veiligheid keeps the
 *   record and everything about it.
 * - The access log (audit_log): 1 year. Expired sessions and links (pruneAuthData), full
 *   rate-limit buckets, and typo-dictionary words no document has any more go on every run.
 *
 * One transaction per sign-up: lock it (SKIP LOCKED, so instances never collide), check its term
 * again, delete its outbox messages and the sign-up (the database cascades to everything derived;
 * the search trigger deletes the search document and queues the Meilisearch deletion), write a
 * "deleted by retention" audit entry with counts only. Mail files of the development mailbox go
 * after the commits, with every file whose outbox message no longer exists (what a crash between
 * a commit and the file deletion left). A run that dies halfway leaves every sign-up either whole
 * or gone, and its mail files go on the next run.
 */
import { addMonths, amsterdamDate } from '~/lib/dates';
import type { RegistrationKind } from '~/lib/registration.types';
import { site } from '~/lib/site';
import { createAuditRepository } from '~/server/audit/audit.repository';
import { pruneAuthData } from '~/server/auth/auth.usecases';
import type { Database, DbOrTx } from '~/server/db/db';
import { trackDeletedRows } from '~/server/db/table-stats';
import { pruneImports } from '~/server/import/import.usecases';
import { createInboxRepository } from '~/server/inbox/inbox.repository';
import { createKoppelingenRepository } from '~/server/koppelingen/koppelingen.repository';
import { describeError, type Logger } from '~/server/logger';
import { recordRetentionRun } from '~/server/observability/metrics';
import { createRapportageRepository } from '~/server/rapportage/rapportage.repository';
import { pruneRateLimits } from '~/server/rate-limits/rate-limits';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { startPeriodicService } from '~/server/runtime/periodic-service';
import { createScreeningRepository } from '~/server/screening/screening.repository';
import { pruneSearchTerms } from '~/server/search/search.maintenance';
import { type Erased, eraseMailFiles, eraseSignUp } from './privacy.erase';
import { createPrivacyRepository } from './privacy.repository';
import { pruneRequests } from './privacy.requests';

export type RetentionDeps = { db: Database; clock: () => Date; log: Logger; dataDir: string };

type RetentionRule = 'unmatched' | 'closed_koppeling';

export type RetentionReport = {
  /** Rows deleted (or, in a dry run, that would be) per table, cascades included. */
  tables: Record<string, number>;
  /** Development mail files deleted (or that would be). */
  mailFiles: number;
  /** Sign-ups past their term kept by a hold or an open zorg over veiligheid. */
  held: { hold: number; safetyConcern: number };
  /** Sign-ups deleted per rule. */
  deleted: Record<RetentionRule, number>;
  /** Sign-ups past their term whose deletion failed (each rolled back whole; tried again next run). */
  failed: number;
};

const AUDIT_ACTOR = { staffId: null, clientAddress: 'retention' };
const PAGE = 500;
const AUDIT_BATCH = 5000;
const OPEN_MONTHS = site.retention.unmatchedSignUpMonths;
const CLOSED_MONTHS = site.retention.closedMatchYears * 12;

type Candidate = { id: string; kind: RegistrationKind; gemeenteSlug: string; updatedAt: Date };
type Verdict = { id: string; gemeenteSlug: string; kind: RegistrationKind; rule: RetentionRule };
type Assessment = { due: Verdict[]; held: { hold: number; safetyConcern: number } };

const later = (a: string, b: string) => (a > b ? a : b);

/**
 * Which of these sign-ups are past their term on `today` (Europe/Amsterdam), asking each domain
 * about its part. Pure reading; used to plan a run and again inside each sign-up's transaction.
 */
async function assess(db: DbOrTx, candidates: readonly Candidate[], today: string): Promise<Assessment> {
  const ids = candidates.map((candidate) => candidate.id);
  const [koppelingFacts, screeningChanges, items, holds, concerns] = await Promise.all([
    createKoppelingenRepository({ db }).retentionFacts(ids),
    createScreeningRepository({ db }).lastChanges(ids),
    createInboxRepository({ db }).itemsFor(ids),
    createPrivacyRepository({ db }).heldUntil(ids, today),
    createKoppelingenRepository({ db }).withOpenConcern(ids),
  ]);
  const pastTerm: (Verdict & { family: string | null })[] = [];
  for (const candidate of candidates) {
    const koppeling = koppelingFacts.get(candidate.id);
    if (koppeling?.open) continue;
    const changes = [candidate.updatedAt, screeningChanges.get(candidate.id), koppeling?.lastChange];
    const lastActivity = amsterdamDate(new Date(Math.max(...changes.map((at) => at?.getTime() ?? 0))));
    let deleteOn = addMonths(lastActivity, OPEN_MONTHS);
    const matched = koppeling?.started === true && koppeling.lastEndedOn !== null;
    if (matched) deleteOn = later(deleteOn, addMonths(koppeling.lastEndedOn!, CLOSED_MONTHS));
    if (today < deleteOn) continue;
    const family = candidate.kind === 'verwijzing' ? (items.get(candidate.id)?.familyRegistrationId ?? null) : null;
    pastTerm.push({ ...candidate, rule: matched ? 'closed_koppeling' : 'unmatched', family });
  }
  const held = { hold: 0, safetyConcern: 0 };
  const due: Verdict[] = [];
  const dueIds = new Set(pastTerm.map((verdict) => verdict.id));
  // A referral stays while the family it is about stays.
  const families = pastTerm.flatMap((verdict) =>
    verdict.family && !dueIds.has(verdict.family) ? [verdict.family] : [],
  );
  const familiesStaying = new Set(
    (await createRegistrationsRepository({ db }).listByIds(families)).map((family) => family.id),
  );
  for (const { family, ...verdict } of pastTerm) {
    if (family && familiesStaying.has(family)) continue;
    if (holds.has(verdict.id)) held.hold++;
    else if (concerns.has(verdict.id)) held.safetyConcern++;
    else due.push(verdict);
  }
  return { due, held };
}

/** Everything past its term now, page by page (oldest activity first). */
async function* planned(db: DbOrTx, now: Date) {
  const today = amsterdamDate(now);
  // Nothing changed in the last OPEN_MONTHS can be due; a day of margin for the time zone.
  const idleBefore = new Date(`${addMonths(today, -OPEN_MONTHS)}T23:59:59Z`);
  let after: { updatedAt: Date; id: string } | undefined;
  for (;;) {
    const page = await createRegistrationsRepository({ db }).idleSince(idleBefore, PAGE, after);
    if (page.length === 0) return;
    yield await assess(db, page, today);
    const last = page.at(-1)!;
    after = { updatedAt: last.updatedAt, id: last.id };
  }
}

/** Deletes one sign-up and everything derived, in `tx`; undefined when it is gone, locked or no longer due. */
async function deleteOne(tx: DbOrTx, verdict: Verdict, now: Date): Promise<Erased | undefined> {
  const row = await createRegistrationsRepository({ db: tx }).lockForDeletion(verdict.id);
  if (!row) return undefined;
  const again = await assess(tx, [row], amsterdamDate(now));
  if (again.due.length === 0) return undefined;
  return eraseSignUp(tx, row, {
    actor: AUDIT_ACTOR,
    entry: { action: 'privacy.retention_delete', detail: { kind: row.kind, rule: verdict.rule } },
    at: now,
  });
}

/**
 * The name of who last saved a report's text (report_notes) is kept while the report is current
 * and the one after it is written, then cleared; the text stays. Not a promise to families, so not on /privacy.
 */
const REPORT_AUTHOR_MONTHS = 24;

/** The run's housekeeping beside the sign-ups: each step is idempotent and commits on its own. */
async function housekeeping(db: DbOrTx, now: Date) {
  const accessLogBefore = new Date(`${addMonths(amsterdamDate(now), -site.retention.accessLogYears * 12)}T00:00:00Z`);
  const audit = createAuditRepository({ db });
  while ((await audit.deleteOlderThan(accessLogBefore, AUDIT_BATCH)) === AUDIT_BATCH);
  await pruneAuthData(db, now);
  await pruneRateLimits(db, now);
  await pruneSearchTerms(db);
  // The satisfaction survey's links and open answers, and who saved a report's text (issue 15).
  const rapportage = createRapportageRepository({ db });
  const monthsBefore = (months: number) => new Date(`${addMonths(amsterdamDate(now), -months)}T00:00:00Z`);
  await rapportage.deleteSurveyInvitations(now, monthsBefore(site.retention.surveyAnswerMonths));
  await rapportage.clearNoteAuthors(monthsBefore(REPORT_AUTHOR_MONTHS));
  // /mijn-gegevens: expired links; closed requests after the access log's term (decision 030).
  await pruneRequests(db, now, accessLogBefore);
  await pruneImports(db, now);
}

const addCounts = (into: Record<string, number>, counts: Record<string, number>) => {
  for (const [table, n] of Object.entries(counts)) into[table] = (into[table] ?? 0) + n;
};

class DryRunRollback extends Error {}

/**
 * One run. With `dryRun` everything happens inside one transaction that is rolled back, so the
 * counts are exactly what a real run would delete (cascades included); mail files are only counted.
 */
export async function runRetention(deps: RetentionDeps, { dryRun = false } = {}): Promise<RetentionReport> {
  const now = deps.clock();
  const report: RetentionReport = {
    tables: {},
    mailFiles: 0,
    held: { hold: 0, safetyConcern: 0 },
    deleted: { unmatched: 0, closed_koppeling: 0 },
    failed: 0,
  };
  const work = async (db: DbOrTx) => {
    const gone: Erased[] = [];
    for await (const page of planned(db, now)) {
      report.held.hold += page.held.hold;
      report.held.safetyConcern += page.held.safetyConcern;
      // Referrals last: one whose family goes in this page sees the family gone (else it goes the next day).
      const due = [...page.due].sort((a, b) => Number(a.kind === 'verwijzing') - Number(b.kind === 'verwijzing'));
      for (const verdict of due) {
        // A sign-up that cannot be deleted rolls back alone (whole, not half) and does not stop the rest.
        const deleted = await db
          .transaction((tx) => deleteOne(tx, verdict, now))
          .catch((error: unknown) => {
            report.failed++;
            deps.log.warn(
              'Bewaartermijnen: een aanmelding kon niet worden verwijderd; de volgende run probeert het opnieuw',
              {
                error: describeError(error),
              },
            );
            return undefined;
          });
        if (!deleted) continue;
        if (!dryRun) addCounts(report.tables, deleted.counts);
        report.deleted[verdict.rule]++;
        gone.push(deleted);
      }
    }
    if (dryRun) await housekeeping(db, now);
    else
      await db.transaction(async (tx) => {
        const deletedRows = await trackDeletedRows(tx);
        await housekeeping(tx, now);
        addCounts(report.tables, await deletedRows());
      });
    // After the commits: the mail files of what went, and those a crash or the outbox's purge left.
    report.mailFiles += await eraseMailFiles(deps.dataDir, gone, { dryRun, sweep: db });
  };
  if (!dryRun) {
    await work(deps.db);
    return report;
  }
  await deps.db
    .transaction(async (tx) => {
      const deletedRows = await trackDeletedRows(tx);
      await work(tx);
      report.tables = await deletedRows();
      throw new DryRunRollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof DryRunRollback)) throw error;
    });
  return report;
}

const DAY_MS = 24 * 60 * 60_000;

/** One line for the log: counts per rule and per table, never a name. Null when nothing happened. */
function describeRun(report: RetentionReport): string | null {
  const signUps = report.deleted.unmatched + report.deleted.closed_koppeling;
  const tables = Object.entries(report.tables);
  if (signUps === 0 && tables.length === 0 && report.held.hold + report.held.safetyConcern === 0) return null;
  return (
    `Bewaartermijnen: ${signUps} aanmelding(en) verwijderd (zonder koppeling ${report.deleted.unmatched}, ` +
    `na een afgeronde koppeling ${report.deleted.closed_koppeling}); bewaard door een bewaarafspraak ` +
    `${report.held.hold}, door een open zorg ${report.held.safetyConcern}; rijen: ` +
    `${tables.map(([table, n]) => `${table} ${n}`).join(', ') || 'geen'}; e-mailbestanden ${report.mailFiles}.`
  );
}

/**
 * The daily background service (services.ts), first ten minutes after start. Each run feeds the
 * metrics (`recordRetentionRun`) and logs its counts; a failure is logged and retried the next day.
 */
export function startRetentionService(deps: RetentionDeps, everyMs = DAY_MS, firstAfterMs = 10 * 60_000) {
  return startPeriodicService({
    name: 'retention',
    everyMs,
    firstAfterMs,
    log: deps.log,
    failure: 'Bewaartermijnen: verwijderen mislukt (de volgende run probeert het opnieuw)',
    run: async () => {
      let report: RetentionReport;
      try {
        report = await runRetention(deps);
      } catch (error) {
        recordRetentionRun({ ok: false });
        throw error;
      }
      recordRetentionRun({ ok: report.failed === 0, deleted: report.tables, at: deps.clock() });
      if (report.failed > 0)
        throw new Error(`${report.failed} aanmelding(en) konden niet worden verwijderd. ${describeRun(report) ?? ''}`);
      return describeRun(report);
    },
  });
}
