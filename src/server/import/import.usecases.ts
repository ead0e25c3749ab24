/**
 * Moving in from spreadsheets (issue 19, docs/decisions/029-import.md): upload, column mapping,
 * preview, writing in one transaction, undo within 14 days. Sign-ups are written through the
 * registrations repository, steungezinnen's screening through the screening repository,
 * koppelingen through the koppelingen repository (src/server/koppelingen/README.md, "Import"),
 * all inside the import's one transaction.
 */
import { randomUUID } from 'node:crypto';
import { addMonths, amsterdamDate, daysBetween } from '~/lib/dates';
import type { RegistrationDetails, RegistrationKind } from '~/lib/registration.types';
import { can, gemeenteScope, requireStaff, type StaffContext } from '~/server/access/permissions';
import { auditActor, recordAudit } from '~/server/audit/audit.usecases';
import type { DbOrTx } from '~/server/db/db';
import { AppError } from '~/server/errors/errors';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import { followStatus } from '~/server/inbox/inbox.follow';
import { createInboxRepository } from '~/server/inbox/inbox.repository';
import { ALL_EFFECTS, IMPORTED_UNKNOWN, OPEN_PHASES } from '~/server/koppelingen/koppelingen.labels';
import {
  type ClosureRow,
  createKoppelingenRepository,
  type EvaluationRow,
  type KoppelingRow,
} from '~/server/koppelingen/koppelingen.repository';
import { steungezinStatus } from '~/server/koppelingen/koppelingen.rules';
import { plannedDates } from '~/server/koppelingen/koppelingen.schedule';
import {
  recordKoppelingEvent,
  refreshNextDue,
  refreshSteungezinMatching,
} from '~/server/koppelingen/koppelingen.usecases';
import { recordImportedKoppelingFacts, recordImportedSignUpFacts } from '~/server/rapportage/rapportage.ledger';
import { createRapportageRepository } from '~/server/rapportage/rapportage.repository';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { DEFAULT_COMPETENCES } from '~/server/screening/screening.labels';
import { refreshScreeningStates } from '~/server/screening/screening.pool';
import { createScreeningRepository } from '~/server/screening/screening.repository';
import { importError } from './import.errors';
import { fileLabel, IMPORT_FIELDS, importConsentText } from './import.labels';
import { guessMapping, missingRequired, type PreviewRow, previewRows, rememberedForm } from './import.preview';
import { readSpreadsheet } from './import.read';
import { createImportRepository, type ImportRow } from './import.repository';
import { type ColumnMapping, IMPORT_LIMITS, type ImportKind, importKinds } from './import.schemas';
import { closureReasonOf } from './import.values';

type Deps = { db: DbOrTx; clock: () => Date };

/** The lines an import writes in a koppeling's history; any other line means it was changed on its page. */
const IMPORT_CHANGES = ['imported', 'import_updated'];

const ENTITY: Record<ImportKind, 'vraaggezin' | 'steungezin' | 'koppeling'> = {
  vraaggezinnen: 'vraaggezin',
  steungezinnen: 'steungezin',
  koppelingen: 'koppeling',
};

/** /beheer/import: the gemeenten she may import into and the recent imports there. */
export async function importOverview(deps: Deps, ctx: StaffContext) {
  requireStaff(ctx, { action: 'record.write' });
  const scope = gemeenteScope(ctx);
  // Where she may change records: her own gemeenten (a regional coordinator: where she stands in).
  const gemeenten = (await createGemeentenRepository({ db: deps.db }).listNamed(scope)).filter((gemeente) =>
    can(ctx, 'record.write', gemeente.slug),
  );
  const recent = await createImportRepository({ db: deps.db }).listRecent(scope);
  const names = new Map(gemeenten.map((gemeente) => [gemeente.slug, gemeente.name]));
  return {
    gemeenten,
    recent: recent.map((row) => ({ ...row, gemeenteName: names.get(row.gemeenteSlug) ?? row.gemeenteSlug })),
  };
}

/**
 * Reads the uploaded file and keeps its cells (not the file) for the preview. Unfinished
 * uploads older than a few hours are thrown away on the way. Returns the new import's id.
 */
export async function uploadImport(
  deps: Deps,
  ctx: StaffContext,
  input: { gemeenteSlug: string; kind: string; file: File | null },
): Promise<string> {
  const kind = importKinds.find((candidate) => candidate === input.kind);
  if (!kind || !input.gemeenteSlug) throw importError('import.invalid_input');
  requireStaff(ctx, { action: 'record.write', gemeente: input.gemeenteSlug });
  const gemeente = await createGemeentenRepository({ db: deps.db }).find(input.gemeenteSlug);
  if (!gemeente) throw importError('import.invalid_input');
  if (!input.file || input.file.size === 0) throw importError('import.no_file');
  if (input.file.size > IMPORT_LIMITS.maxBytes) throw importError('import.too_large');
  // The file's own name is read for its extension only, never stored (it may name a family).
  const sheet = await readSpreadsheet(new Uint8Array(await input.file.arrayBuffer()), input.file.name.slice(-120));
  const fileName = fileLabel(input.file.name);
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const repo = createImportRepository({ db: tx });
    await repo.removeStagedBefore(new Date(now.getTime() - IMPORT_LIMITS.stagedHours * 3_600_000));
    const remembered = await repo.mapping(gemeente.slug, kind);
    const { id } = await repo.insert({
      gemeenteSlug: gemeente.slug,
      kind,
      staffId: ctx.staff.id,
      fileName,
      headers: sheet.headers,
      cells: sheet.rows,
      notices: sheet.notices,
      mapping: guessMapping(kind, sheet.headers, remembered),
      rowCount: sheet.rows.length,
      createdAt: now,
      updatedAt: now,
    });
    // Counts only: never a cell or a name in the audit log.
    await recordAudit(
      tx,
      auditActor(ctx),
      {
        action: 'import.upload',
        recordType: 'import',
        recordId: id,
        gemeenteSlug: gemeente.slug,
        detail: { kind, rows: sheet.rows.length },
      },
      now,
    );
    return id;
  });
}

async function loadForStaff(db: DbOrTx, ctx: StaffContext, id: string, lock = false): Promise<ImportRow> {
  const row = await createImportRepository({ db }).find(id, lock);
  if (!row) throw importError('import.not_found');
  requireStaff(ctx, { action: 'record.write', gemeente: row.gemeenteSlug });
  return row;
}

/**
 * The retention job's housekeeping (src/server/privacy/privacy.retention.ts): import rows past
 * their term (docs/privacy/register.md, `import`). Returns how many went.
 */
export async function pruneImports(db: DbOrTx, now: Date): Promise<number> {
  return createImportRepository({ db }).removeExpired(
    new Date(now.getTime() - IMPORT_LIMITS.stagedHours * 3_600_000),
    new Date(now.getTime() - IMPORT_LIMITS.undoDays * 86_400_000),
  );
}

/** The preview of a staged import (or the summary of a written one), with what she may do. */
export async function getImport(deps: Deps, ctx: StaffContext, id: string) {
  const row = await loadForStaff(deps.db, ctx, id);
  const gemeente = (await createGemeentenRepository({ db: deps.db }).find(row.gemeenteSlug))!;
  const now = deps.clock();
  const base = {
    id: row.id,
    kind: row.kind,
    status: row.status,
    fileName: row.fileName,
    gemeenteName: gemeente.name,
    headers: row.headers,
    mapping: row.mapping,
    fields: IMPORT_FIELDS[row.kind],
    notices: row.notices,
    rowCount: row.rowCount,
    counts: { created: row.createdCount, updated: row.updatedCount, skipped: row.skippedCount },
    importedAt: row.importedAt,
    undoUntil: row.importedAt ? new Date(row.importedAt.getTime() + IMPORT_LIMITS.undoDays * 86_400_000) : null,
  };
  const canUndo = row.status === 'imported' && base.undoUntil !== null && base.undoUntil > now;
  if (row.status !== 'staged') return { ...base, canUndo, missing: [], preview: null };
  const missing = missingRequired(row.kind, row.mapping);
  const rows = missing.length ? [] : await buildPreview(deps.db, row, now);
  await recordAudit(deps.db, auditActor(ctx), {
    action: 'import.preview',
    recordType: 'import',
    recordId: row.id,
    gemeenteSlug: row.gemeenteSlug,
  });
  const count = (action: PreviewRow['action']) => rows.filter((preview) => preview.action === action).length;
  const withProblems = rows.filter((preview) => preview.problems.length > 0);
  const clean = rows.filter((preview) => preview.problems.length === 0);
  return {
    ...base,
    canUndo,
    missing,
    preview: {
      totals: {
        create: count('create'),
        update: count('update'),
        unchanged: count('unchanged'),
        error: count('error'),
      },
      problemCount: withProblems.reduce((sum, preview) => sum + preview.problems.length, 0),
      rows: [
        ...withProblems.slice(0, IMPORT_LIMITS.previewProblemRows),
        ...clean.slice(0, IMPORT_LIMITS.previewCleanRows),
      ].sort((a, b) => a.line - b.line),
      hiddenClean: Math.max(0, clean.length - IMPORT_LIMITS.previewCleanRows),
      hiddenProblems: Math.max(0, withProblems.length - IMPORT_LIMITS.previewProblemRows),
    },
  };
}

/** The rows with what will happen, against what the portal holds now (also inside the write's transaction). */
async function buildPreview(db: DbOrTx, row: ImportRow, now: Date): Promise<PreviewRow[]> {
  const gemeente = (await createGemeentenRepository({ db }).find(row.gemeenteSlug))!;
  const registrations = createRegistrationsRepository({ db });
  const families = async (kind: RegistrationKind, needed: boolean) =>
    needed ? registrations.listContactsOfKind(row.gemeenteSlug, kind) : [];
  const earlier = await createImportRepository({ db }).latestRecords(row.gemeenteSlug, ENTITY[row.kind]);
  const changedInPortal =
    row.kind === 'koppelingen'
      ? await createKoppelingenRepository({ db }).changedBesides(
          [...earlier.values()].map((record) => record.recordId),
          IMPORT_CHANGES,
        )
      : undefined;
  return previewRows(row.headers, row.cells ?? [], row.mapping, {
    changedInPortal,
    kind: row.kind,
    gemeenteName: gemeente.name,
    kernen: gemeente.kernen,
    today: amsterdamDate(now),
    earlier,
    vraaggezinnen: await families('vraaggezin', row.kind !== 'steungezinnen'),
    steungezinnen: await families('steungezin', row.kind !== 'vraaggezinnen'),
  });
}

/** Saves the column choice on this import and remembers it for the gemeente's next file of this kind. */
/** `chosen(index)`: the field picked for the column at that index ('' for none). */
export async function saveImportMapping(deps: Deps, ctx: StaffContext, id: string, chosen: (index: number) => string) {
  await deps.db.transaction(async (tx) => {
    const row = await loadForStaff(tx, ctx, id, true);
    if (row.status !== 'staged') throw importError('import.not_staged');
    const allowed = new Set(IMPORT_FIELDS[row.kind].map((field) => field.key));
    const mapping: ColumnMapping = {};
    const used = new Set<string>();
    for (const [index, header] of row.headers.entries()) {
      const field = chosen(index);
      // A field is filled from one column; a second column for it is left out.
      mapping[header] = allowed.has(field) && !used.has(field) ? field : '';
      if (mapping[header]) used.add(field);
    }
    const repo = createImportRepository({ db: tx });
    await repo.update(row.id, { mapping });
    await repo.saveMapping(row.gemeenteSlug, row.kind, rememberedForm(mapping), deps.clock());
  });
}

/** Throws the staged import away (its cells with it). */
export async function cancelImport(deps: Deps, ctx: StaffContext, id: string) {
  await deps.db.transaction(async (tx) => {
    const row = await loadForStaff(tx, ctx, id, true);
    if (row.status !== 'staged') throw importError('import.not_staged');
    await createImportRepository({ db: tx }).remove(row.id);
  });
}

type NewReportFact = Parameters<ReturnType<typeof createRapportageRepository>['insertFact']>[0];

type Written = { created: number; updated: number; skipped: number };

/**
 * Writes a staged import in one transaction: the preview is made again inside it (so it is what
 * the portal holds now), rows with a problem and the rows she skipped are left out, and the
 * cells are erased. The same file again writes nothing; a changed family row updates the record.
 */
export async function writeImport(deps: Deps, ctx: StaffContext, id: string, skipLines: readonly number[]) {
  const now = deps.clock();
  return deps.db.transaction(async (tx): Promise<Written> => {
    const row = await loadForStaff(tx, ctx, id, true);
    if (row.status !== 'staged') throw importError('import.not_staged');
    if (missingRequired(row.kind, row.mapping).length) throw importError('import.required_missing');
    const skip = new Set(skipLines);
    const rows = await buildPreview(tx, row, now);
    const toWrite = rows.filter(
      (preview) => (preview.action === 'create' || preview.action === 'update') && !skip.has(preview.line),
    );
    if (toWrite.length === 0) throw importError('import.nothing_to_write');
    const records =
      row.kind === 'koppelingen'
        ? await writeKoppelingen(tx, ctx, row, toWrite, now)
        : await writeFamilies(tx, ctx, row, toWrite, now);
    const repo = createImportRepository({ db: tx });
    await repo.insertRecords(records);
    const written: Written = {
      created: records.filter((record) => record.action === 'created').length,
      updated: records.filter((record) => record.action === 'updated').length,
      skipped: rows.length - toWrite.length,
    };
    await repo.update(row.id, {
      status: 'imported',
      cells: null,
      importedAt: now,
      createdCount: written.created,
      updatedCount: written.updated,
      skippedCount: written.skipped,
    });
    await recordAudit(
      tx,
      auditActor(ctx),
      {
        action: 'import.write',
        recordType: 'import',
        recordId: row.id,
        gemeenteSlug: row.gemeenteSlug,
        detail: { kind: row.kind, ...written },
      },
      now,
    );
    return written;
  });
}

type NewRecord = {
  /** Made here, so the report facts of the row can point to it before it is written. */
  id: string;
  importId: string;
  gemeenteSlug: string;
  entity: string;
  rowKey: string;
  rowHash: string;
  recordId: string;
  action: 'created' | 'updated';
  previous?: Record<string, unknown> | null;
  createdAt: Date;
};

const EMPTY_DETAILS: Record<'vraaggezin' | 'steungezin', RegistrationDetails> = {
  vraaggezin: { kind: 'vraaggezin', children: [], supportWishes: [], message: null },
  steungezin: {
    kind: 'steungezin',
    adultsInHousehold: 1,
    ownChildren: [],
    days: [],
    frequency: '',
    sleepovers: '',
    ageGroups: [],
    motivation: '',
    vogWilling: '',
  },
};

/** A calendar date from the file as the moment a record says it began (noon in Amsterdam, so the day stays right). */
const dayAt = (isoDate: string) => new Date(`${isoDate}T12:00:00+01:00`);

/** Rows per statement (and per group of rows written side by side): far below PostgreSQL's 65,535 parameters. */
const SLICE = 500;

/** Runs `work` for every item, SLICE at a time side by side: postgres.js pipelines them on the transaction's connection. */
async function inSlices<T>(items: readonly T[], work: (item: T) => Promise<void>) {
  for (let start = 0; start < items.length; start += SLICE)
    await Promise.all(items.slice(start, start + SLICE).map(work));
}

async function writeFamilies(tx: DbOrTx, ctx: StaffContext, row: ImportRow, rows: PreviewRow[], now: Date) {
  const kind = ENTITY[row.kind] as 'vraaggezin' | 'steungezin';
  const registrations = createRegistrationsRepository({ db: tx });
  const inbox = createInboxRepository({ db: tx });
  const today = amsterdamDate(now);
  const records: NewRecord[] = [];
  const base = (preview: PreviewRow) => ({
    id: randomUUID(),
    importId: row.id,
    gemeenteSlug: row.gemeenteSlug,
    entity: kind,
    rowKey: preview.key,
    rowHash: preview.hash,
    createdAt: now,
  });
  const contactOf = ({ values }: PreviewRow) => ({
    contactName: values.name!,
    contactPhone: values.phone ?? null,
    contactEmail: values.email ?? null,
    kern: values.kern ?? null,
    postcode: values.postcode ?? null,
  });
  const history = (registrationId: string, updated: boolean) => ({
    registrationId,
    staffId: ctx.staff.id,
    at: now,
    change: 'import',
    fromValue: updated ? 'updated' : null,
    toValue: row.id,
    detail: { import: row.id },
  });

  // Changed rows: the contact columns the file has; a column it lacks leaves that value as it is.
  const updates = rows.filter((preview) => preview.action === 'update' && preview.recordId);
  const corrected: {
    record: NewRecord;
    kern: string | null;
    signedUpOn: string | null;
    earlierLinkId: string | null;
  }[] = [];
  await inSlices(updates, async (preview) => {
    const before = await registrations.getById(preview.recordId!, { lock: true });
    if (!before) return;
    const contact = contactOf(preview);
    const kept = (field: string, value: string | null, current: string | null) =>
      field in preview.values ? value : current;
    await registrations.updateContact(before.id, {
      contactName: contact.contactName,
      contactPhone: kept('phone', contact.contactPhone, before.contactPhone),
      contactEmail: kept('email', contact.contactEmail, before.contactEmail),
      kern: kept('kern', contact.kern, before.kern),
      postcode: kept('postcode', contact.postcode, before.postcode),
    });
    await registrations.touch(before.id, now);
    await inbox.insertHistory(history(before.id, true));
    const record: NewRecord = {
      ...base(preview),
      recordId: before.id,
      action: 'updated',
      previous: {
        contactName: before.contactName,
        contactPhone: before.contactPhone,
        contactEmail: before.contactEmail,
        kern: before.kern,
        postcode: before.postcode,
      },
    };
    records.push(record);
    corrected.push({
      record,
      kern: kept('kern', contact.kern, before.kern),
      signedUpOn: preview.values.signedUpOn ?? null,
      earlierLinkId: preview.earlierLinkId,
    });
  });
  await correctSignUpFacts(tx, row, kind, corrected);

  // New rows: the sign-ups and their history line set-based, then a steungezin's screening per row.
  const creates = rows
    .filter((preview) => preview.action === 'create')
    .map((preview) => {
      const vogReceivedOn = preview.values.vogReceivedOn ?? null;
      const approved = kind === 'steungezin' && vogReceivedOn !== null && addMonths(vogReceivedOn, 36) >= today;
      const status =
        kind === 'vraaggezin' ? 'contacted' : approved ? 'approved' : vogReceivedOn ? 'vog_requested' : 'contacted';
      return { preview, id: randomUUID(), vogReceivedOn, approved, status };
    });
  const consent = {
    purpose: 'import',
    text: importConsentText(today.split('-').reverse().join('-')),
    agreedAt: now.toISOString(),
  };
  for (let start = 0; start < creates.length; start += SLICE) {
    const slice = creates.slice(start, start + SLICE);
    await registrations.insertMany(
      slice.map(({ preview, id, status }) => ({
        id,
        kind,
        gemeenteSlug: row.gemeenteSlug,
        ...contactOf(preview),
        details: EMPTY_DETAILS[kind],
        source: null,
        consents: [consent],
        status,
        // Retention counts from the real sign-up date when the list has one (docs/decisions/029-import.md).
        createdAt: preview.values.signedUpOn ? dayAt(preview.values.signedUpOn) : now,
        updatedAt: now,
      })),
    );
    await inbox.insertHistoryMany(slice.map(({ id }) => history(id, false)));
  }
  if (kind === 'steungezin') {
    // The screening as the coordinator's list says it (the VOG, approval), set-based, then the shortlist's read model.
    const screening = createScreeningRepository({ db: tx });
    for (let start = 0; start < creates.length; start += SLICE) {
      const slice = creates.slice(start, start + SLICE);
      await screening.createMany(
        slice.map(({ preview, id, approved }) => ({
          registrationId: id,
          gemeenteSlug: row.gemeenteSlug,
          competences: DEFAULT_COMPETENCES.map((competence) => ({ ...competence, checked: approved })),
          checklistSignedOffAt: approved ? now : null,
          approvedAt: approved ? now : null,
          kern: preview.values.kern ?? null,
        })),
        slice.map(({ id, vogReceivedOn }) => ({
          registrationId: id,
          adultNumber: 1,
          name: 'Volwassene 1',
          receivedOn: vogReceivedOn,
          validUntil: vogReceivedOn ? addMonths(vogReceivedOn, 36) : null,
        })),
      );
    }
    await refreshScreeningStates(
      tx,
      creates.map(({ id }) => id),
      now,
    );
  }
  const createdRecords = creates.map(({ preview, id }) => ({
    record: { ...base(preview), recordId: id, action: 'created' as const },
    signedUpOn: preview.values.signedUpOn ?? null,
    kern: preview.values.kern ?? null,
  }));
  // The report's history: a sign-up fact on the day the list gives (none without a date: it would
  // count an old family as signed up on the import day). Decision 033.
  await recordImportedSignUpFacts(
    tx,
    row.gemeenteSlug,
    createdRecords.flatMap(({ record, signedUpOn, kern }) =>
      signedUpOn ? [{ kind, kern, signedUpOn, importRecordId: record.id }] : [],
    ),
  );
  for (const { record } of createdRecords) records.push(record);
  return records;
}

/**
 * A changed family row corrects its report facts: the facts the earlier import wrote for the row
 * are taken back (and kept in `previous` for the undo) and written again with the row's kern and
 * sign-up day (the earlier day when this file has no sign-up date column).
 */
async function correctSignUpFacts(
  tx: DbOrTx,
  row: ImportRow,
  kind: 'vraaggezin' | 'steungezin',
  corrected: { record: NewRecord; kern: string | null; signedUpOn: string | null; earlierLinkId: string | null }[],
) {
  const rapportage = createRapportageRepository({ db: tx });
  const earlierIds = corrected.flatMap(({ earlierLinkId }) => (earlierLinkId ? [earlierLinkId] : []));
  const earlierFacts = await rapportage.factsOfImportRecords(earlierIds);
  await rapportage.removeFactsOfImportRecords(earlierIds);
  const factsOf = new Map<string, typeof earlierFacts>();
  for (const fact of earlierFacts)
    factsOf.set(fact.importRecordId!, [...(factsOf.get(fact.importRecordId!) ?? []), fact]);
  const again = [];
  for (const { record, kern, signedUpOn, earlierLinkId } of corrected) {
    const facts = earlierLinkId ? (factsOf.get(earlierLinkId) ?? []) : [];
    record.previous = { ...record.previous, facts };
    const day = signedUpOn ?? facts.find((fact) => fact.fact === 'registration')?.occurredOn;
    if (day) again.push({ kind, kern, signedUpOn: day, importRecordId: record.id });
  }
  await recordImportedSignUpFacts(tx, row.gemeenteSlug, again);
}

/** The parts of a koppeling a list can say: its afronding and its last evaluation (see writeKoppelingen). */
async function writeListedParts(
  tx: DbOrTx,
  ctx: StaffContext,
  koppeling: { id: string; startDate: string },
  values: PreviewRow['values'],
  now: Date,
) {
  const repo = createKoppelingenRepository({ db: tx });
  if (values.endedOn) {
    // The list gives the end date and perhaps a reason; what it does not say stays "onbekend".
    const reason = values.endReason ? closureReasonOf(values.endReason) : null;
    await repo.insertClosure({
      koppelingId: koppeling.id,
      closedOn: values.endedOn,
      reason: reason ?? IMPORTED_UNKNOWN,
      reasonNote: values.endReason && !reason ? values.endReason : null,
      continueTogether: 'unknown',
      effects: Object.fromEntries(ALL_EFFECTS.map((effect) => [effect, 'unknown'])),
      youthCareFinal: IMPORTED_UNKNOWN,
      steungezinWantsAnother: IMPORTED_UNKNOWN,
      recordedBy: ctx.staff.id,
      createdAt: now,
    });
  }
  if (values.lastEvaluationOn) {
    // The list gives the day of the last evaluation, not its scores (those stay empty, never
    // invented): it is the planned evaluation whose date had come by then.
    const planned = [...Object.values(plannedDates(koppeling.startDate)).flat()].sort();
    const sequence = Math.max(1, planned.filter((day) => day <= values.lastEvaluationOn!).length);
    await repo.insertEvaluation({
      koppelingId: koppeling.id,
      sequence,
      dueOn: planned[sequence - 1]!,
      heldOn: values.lastEvaluationOn,
      attendees: [],
      decision: 'continue',
      recordedBy: ctx.staff.id,
      createdAt: now,
    });
  }
  // The next evaluation is counted from the last one held, as for any koppeling.
  await refreshNextDue(tx, koppeling.id);
}

/** What the import sets a family's status to, and what it was (for the undo); null when it leaves it. */
async function followFamilies(
  tx: DbOrTx,
  ctx: StaffContext,
  importId: string,
  koppeling: { id: string; vraaggezinId: string; steungezinId: string; phase: string },
  now: Date,
) {
  const registrations = createRegistrationsRepository({ db: tx });
  const repo = createKoppelingenRepository({ db: tx });
  const others = (await repo.ofRegistration(koppeling.vraaggezinId)).filter((other) => other.id !== koppeling.id);
  const ended = koppeling.phase === 'closed';
  // An ended koppeling closes the vraaggezin's file unless it has an open one; the steungezin
  // follows only an active one (or, when this one ended, what it still has open).
  const steungezin = await registrations.getById(koppeling.steungezinId);
  const open = (await repo.openPhasesOfSteungezinnen([koppeling.steungezinId])).get(koppeling.steungezinId) ?? [];
  const targets = {
    vraaggezin:
      !ended || !others.some((other) => (OPEN_PHASES as readonly string[]).includes(other.phase))
        ? ended
          ? 'closed'
          : 'matched'
        : null,
    steungezin: !ended ? 'matched' : steungezin?.status === 'matched' ? steungezinStatus(open) : null,
  };
  const before: Record<'vraaggezin' | 'steungezin', string | null> = { vraaggezin: null, steungezin: null };
  for (const party of ['vraaggezin', 'steungezin'] as const) {
    const registrationId = party === 'vraaggezin' ? koppeling.vraaggezinId : koppeling.steungezinId;
    const current = (await registrations.getById(registrationId))?.status ?? null;
    const to = targets[party];
    if (!to || !current || current === to) continue;
    before[party] = current;
    await followStatus(tx, {
      registrationId,
      to,
      staffId: ctx.staff.id,
      now,
      detail: { koppeling: koppeling.id, import: importId, party },
    });
  }
  await refreshSteungezinMatching(tx, koppeling.steungezinId, now);
  return before;
}

/**
 * Koppelingen one by one (two may share a steungezin). A new row becomes a koppeling, active from
 * its start or closed on its end date; a changed row (not changed on its page since) gets its
 * afronding and last evaluation written again from the list. Ended rows go first, so a family's
 * current koppeling in the same file sets its status last.
 */
async function writeKoppelingen(tx: DbOrTx, ctx: StaffContext, row: ImportRow, rows: PreviewRow[], now: Date) {
  const repo = createKoppelingenRepository({ db: tx });
  const rapportage = createRapportageRepository({ db: tx });
  const records: NewRecord[] = [];
  const ordered = [
    ...rows.filter((preview) => preview.values.endedOn),
    ...rows.filter((preview) => !preview.values.endedOn),
  ];
  for (const preview of ordered) {
    const { values } = preview;
    const startDate = values.startDate!;
    const endedOn = values.endedOn ?? null;
    const phase = endedOn ? 'closed' : 'active';
    const linkId = randomUUID();
    const conflict = (message: string) =>
      importError('import.row_conflict', { line: preview.line }, `Rij ${preview.line}: ${message}`);
    const detail = {
      startDate,
      lastEvaluationOn: values.lastEvaluationOn ?? null,
      ...(endedOn ? { endedOn } : {}),
      import: row.id,
    };
    let koppeling: KoppelingRow;
    let previous: Record<string, unknown>;
    if (preview.action === 'update' && preview.recordId) {
      const found = await repo.find(preview.recordId, true);
      if (!found) continue;
      if (found.phase === 'closed' && !endedOn)
        throw conflict('deze koppeling is afgerond. Een lijst zonder einddatum laat haar niet weer lopen.');
      previous = {
        koppeling: {
          phase: found.phase,
          endedOn: found.endedOn,
          nextDueOn: found.nextDueOn,
          nextDueKind: found.nextDueKind,
        },
        evaluations: await repo.evaluations(found.id),
        closure: (await repo.closure(found.id)) ?? null,
        facts: preview.earlierLinkId ? await rapportage.factsOfImportRecords([preview.earlierLinkId]) : [],
      };
      if (preview.earlierLinkId) await rapportage.removeFactsOfImportRecords([preview.earlierLinkId]);
      await repo.removeEvaluations(found.id);
      await repo.removeClosure(found.id);
      await repo.update(found.id, { phase, endedOn, updatedAt: now });
      koppeling = { ...found, phase, endedOn };
      await recordKoppelingEvent(tx, {
        koppeling,
        change: 'import_updated',
        fromPhase: found.phase,
        toPhase: phase,
        at: now,
        actor: auditActor(ctx),
        detail,
      });
    } else {
      try {
        koppeling = await repo.insert({
          gemeenteSlug: row.gemeenteSlug,
          vraaggezinId: values.vraaggezinId!,
          steungezinId: values.steungezinId!,
          phase,
          proposedOn: startDate,
          meetingOn: startDate,
          meetingOutcome: 'yes',
          startDate,
          endedOn,
          createdBy: ctx.staff.id,
          createdAt: now,
          updatedAt: now,
        });
      } catch (error) {
        if (error instanceof AppError) throw conflict(error.userMessage);
        throw error;
      }
      previous = { vraaggezinId: koppeling.vraaggezinId, steungezinId: koppeling.steungezinId };
      await recordKoppelingEvent(tx, {
        koppeling,
        change: 'imported',
        fromPhase: null,
        toPhase: phase,
        at: now,
        actor: auditActor(ctx),
        detail,
      });
    }
    await writeListedParts(tx, ctx, { id: koppeling.id, startDate }, values, now);
    const statusBefore = await followFamilies(tx, ctx, row.id, koppeling, now);
    // The report's history, on the koppeling's own dates (decision 033).
    await recordImportedKoppelingFacts(tx, koppeling.id, linkId);
    records.push({
      id: linkId,
      importId: row.id,
      gemeenteSlug: row.gemeenteSlug,
      entity: 'koppeling',
      rowKey: preview.key,
      rowHash: preview.hash,
      recordId: koppeling.id,
      action: preview.action === 'update' ? 'updated' : 'created',
      previous: { ...previous, ...statusBefore },
      createdAt: now,
    });
  }
  return records;
}

type KoppelingBefore = {
  koppeling: Pick<KoppelingRow, 'phase' | 'endedOn' | 'nextDueOn' | 'nextDueKind'>;
  evaluations: EvaluationRow[];
  closure: ClosureRow | null;
};

/** A koppeling a changed row rewrote, back as it was: its afronding, evaluations and phase. */
async function restoreKoppeling(tx: DbOrTx, id: string, before: KoppelingBefore) {
  const repo = createKoppelingenRepository({ db: tx });
  await repo.removeEvaluations(id);
  await repo.removeClosure(id);
  // Kept as JSON: the dates of the rows come back as text.
  for (const evaluation of before.evaluations)
    await repo.insertEvaluation({ ...evaluation, createdAt: new Date(evaluation.createdAt) });
  if (before.closure) await repo.insertClosure({ ...before.closure, createdAt: new Date(before.closure.createdAt) });
  await repo.update(id, before.koppeling);
}

/**
 * Takes an import back as a whole, within 14 days: its koppelingen and the sign-ups it made are
 * deleted (with everything that hangs on them), updated sign-ups get their earlier contact data
 * back, families of a removed koppeling their earlier status. A later import of the same kind
 * must be undone first.
 */
export async function undoImport(deps: Deps, ctx: StaffContext, id: string) {
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const row = await loadForStaff(tx, ctx, id, true);
    if (row.status !== 'imported' || !row.importedAt) throw importError('import.not_staged');
    if (daysBetween(amsterdamDate(row.importedAt), amsterdamDate(now)) > IMPORT_LIMITS.undoDays)
      throw importError('import.undo_too_late');
    const repo = createImportRepository({ db: tx });
    if (await repo.laterImportExists(row)) throw importError('import.undo_later_exists');
    const registrations = createRegistrationsRepository({ db: tx });
    const koppelingen = createKoppelingenRepository({ db: tx });
    const records = await repo.recordsOf(row.id);
    // The report facts it wrote go; a changed row's earlier facts come back (decision 033).
    const rapportage = createRapportageRepository({ db: tx });
    await rapportage.removeFactsOfImportRecords(records.map((record) => record.id));
    await rapportage.insertFacts(records.flatMap((record) => (record.previous?.facts ?? []) as NewReportFact[]));
    // Koppelingen one by one (two may share a steungezin), then the sign-ups side by side.
    for (const record of records.filter((candidate) => candidate.entity === 'koppeling')) {
      const previous = (record.previous ?? {}) as Record<string, string | null>;
      const koppeling = await koppelingen.find(record.recordId, true);
      if (!koppeling) continue;
      if (record.action === 'updated') await restoreKoppeling(tx, koppeling.id, record.previous as KoppelingBefore);
      else await koppelingen.remove(koppeling.id);
      for (const party of ['vraaggezin', 'steungezin'] as const) {
        const registrationId = party === 'vraaggezin' ? koppeling.vraaggezinId : koppeling.steungezinId;
        const before = previous[party];
        if (before)
          await followStatus(tx, {
            registrationId,
            to: before,
            staffId: ctx.staff.id,
            now,
            detail: { undoneImport: row.id },
          });
      }
      await refreshSteungezinMatching(tx, koppeling.steungezinId, now);
    }
    const families = records.filter((record) => record.entity !== 'koppeling');
    const created = families.filter((record) => record.action === 'created').map((record) => record.recordId);
    for (let start = 0; start < created.length; start += SLICE)
      await registrations.removeMany(created.slice(start, start + SLICE));
    await inSlices(
      families.filter((record) => record.action === 'updated'),
      async (record) => {
        const previous = (record.previous ?? {}) as Record<string, string | null>;
        await registrations.updateContact(record.recordId, {
          contactName: previous.contactName ?? '',
          contactPhone: previous.contactPhone ?? null,
          contactEmail: previous.contactEmail ?? null,
          kern: previous.kern ?? null,
          postcode: previous.postcode ?? null,
        });
      },
    );
    await repo.removeRecordsOf(row.id);
    await repo.update(row.id, { status: 'undone', undoneAt: now });
    await recordAudit(
      tx,
      auditActor(ctx),
      { action: 'import.undo', recordType: 'import', recordId: row.id, gemeenteSlug: row.gemeenteSlug },
      now,
    );
  });
}
