/**
 * Zorg over veiligheid (veiligheidsprotocol, meldcode): anyone who works on a family's record can
 * write down a concern about a child's safety, on the family or on its koppeling. At once, in the
 * same transaction, a mail goes to the regional coordinator(s) of the region, the national office
 * and the gemeente's coordinators: a link, never what happened. The records show a banner until
 * the concern is closed; the steps of the meldcode are recorded on the concern's own page.
 */
import { amsterdamDate } from '~/lib/dates';
import type { FieldErrors } from '~/lib/form-fields';
import { accessError } from '~/server/access/access.errors';
import { can, requireStaff, type StaffAction, type StaffContext } from '~/server/access/permissions';
import { auditActor, recordAudit } from '~/server/audit/audit.usecases';
import type { DbOrTx } from '~/server/db/db';
import { queueEmail } from '~/server/email/email.usecases';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { createStaffRepository } from '~/server/staff/staff.repository';
import { koppelingError } from './koppelingen.errors';
import { createKoppelingenRepository, type SafetyConcernRow } from './koppelingen.repository';
import { parseConcernForm, parseConcernStepForm, parseResolveForm } from './koppelingen.schemas';
import { recordKoppelingEvent } from './koppelingen.usecases';

type SafetyDeps = { db: DbOrTx; clock: () => Date };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONCERN_PATH = '/inbox/zorgen/';

function invalid(errors: FieldErrors) {
  return koppelingError('koppeling.invalid_input', { fields: errors }, Object.values(errors)[0]);
}

async function notify(tx: DbOrTx, concern: SafetyConcernRow) {
  const gemeente = await createGemeentenRepository({ db: tx }).find(concern.gemeenteSlug);
  const recipients = await createStaffRepository({ db: tx }).alertRecipientsOf({
    slug: concern.gemeenteSlug,
    region: gemeente?.region ?? null,
  });
  // Everyone who must know, except the person who wrote it down.
  for (const recipient of recipients.filter((r) => r.id !== concern.raisedBy))
    await queueEmail(tx, {
      to: recipient.email,
      template: 'safety-concern',
      gemeente: concern.gemeenteSlug,
      data: { path: `${CONCERN_PATH}${concern.id}` },
      dedupeKey: `safety:${concern.id}:${recipient.id}`,
    });
}

/**
 * Records a concern about a family (a vraaggezin or steungezin sign-up), optionally on one of its
 * koppelingen, and alerts the people who must know. Returns the concern's id.
 */
export async function raiseConcern(
  deps: SafetyDeps,
  ctx: StaffContext,
  registrationId: string,
  raw: Record<string, unknown>,
): Promise<string> {
  const now = deps.clock();
  const parsed = parseConcernForm(raw, amsterdamDate(now));
  if (!parsed.success) throw invalid(parsed.errors);
  if (!UUID.test(registrationId)) throw accessError('access.not_found');
  return deps.db.transaction(async (tx) => {
    const registration = await createRegistrationsRepository({ db: tx }).getById(registrationId);
    if (!registration) throw accessError('access.not_found');
    requireStaff(ctx, { action: 'record.help', gemeente: registration.gemeenteSlug });
    const repo = createKoppelingenRepository({ db: tx });
    const koppeling = parsed.data.koppelingId ? await repo.find(parsed.data.koppelingId) : undefined;
    if (
      parsed.data.koppelingId &&
      (!koppeling || (koppeling.vraaggezinId !== registrationId && koppeling.steungezinId !== registrationId))
    )
      throw invalid({ koppelingId: 'Kies een koppeling van dit gezin.' });
    const concern = await repo.insertConcern({
      gemeenteSlug: koppeling?.gemeenteSlug ?? registration.gemeenteSlug,
      registrationId: koppeling?.vraaggezinId ?? registrationId,
      koppelingId: koppeling?.id ?? null,
      raisedOn: parsed.data.raisedOn!,
      raisedBy: ctx.staff.id,
      summary: parsed.data.summary!,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(
      tx,
      auditActor(ctx),
      {
        action: 'safety.concern',
        recordType: 'safety_concern',
        recordId: concern.id,
        gemeenteSlug: concern.gemeenteSlug,
        detail: { registration: concern.registrationId, koppeling: concern.koppelingId },
      },
      now,
    );
    if (koppeling)
      await recordKoppelingEvent(tx, {
        koppeling,
        change: 'concern',
        fromPhase: koppeling.phase,
        toPhase: koppeling.phase,
        at: now,
        actor: auditActor(ctx),
        detail: { concern: concern.id },
      });
    await notify(tx, concern);
    return concern.id;
  });
}

/** A concern raised on a koppeling's page: about its vraaggezin, on this koppeling. */
export async function raiseConcernOnKoppeling(
  deps: SafetyDeps,
  ctx: StaffContext,
  koppelingId: string,
  raw: Record<string, unknown>,
): Promise<string> {
  if (!UUID.test(koppelingId)) throw accessError('access.not_found');
  const koppeling = await createKoppelingenRepository({ db: deps.db }).find(koppelingId);
  if (!koppeling) throw accessError('access.not_found');
  requireStaff(ctx, { action: 'record.help', gemeente: koppeling.gemeenteSlug });
  return raiseConcern(deps, ctx, koppeling.vraaggezinId, { ...raw, koppelingId });
}

async function loadConcern(db: DbOrTx, ctx: StaffContext, id: string, action: StaffAction, lock = false) {
  if (!UUID.test(id)) throw accessError('access.not_found');
  const concern = await createKoppelingenRepository({ db }).findConcern(id, lock);
  if (!concern) throw accessError('access.not_found');
  requireStaff(ctx, { action, gemeente: concern.gemeenteSlug });
  return concern;
}

/** The concern's page: what was seen, the steps so far, the family. Logs the view. */
export async function getConcern(deps: SafetyDeps, ctx: StaffContext, id: string) {
  const concern = await loadConcern(deps.db, ctx, id, 'record.read');
  const [family] = await createRegistrationsRepository({ db: deps.db }).listByIds([concern.registrationId]);
  const names = await createStaffRepository({ db: deps.db }).namesByIds([concern.raisedBy]);
  const now = deps.clock();
  await recordAudit(
    deps.db,
    auditActor(ctx),
    {
      action: 'safety.view',
      recordType: 'safety_concern',
      recordId: id,
      gemeenteSlug: concern.gemeenteSlug,
    },
    now,
  );
  return {
    concern,
    family: family ?? null,
    raisedBy: concern.raisedBy ? (names.get(concern.raisedBy) ?? null) : null,
    allowed: {
      help: can(ctx, 'record.help', concern.gemeenteSlug),
      write: can(ctx, 'record.write', concern.gemeenteSlug),
    },
    today: amsterdamDate(now),
  };
}

export type ConcernView = Awaited<ReturnType<typeof getConcern>>;

async function changeConcern(
  deps: SafetyDeps,
  ctx: StaffContext,
  id: string,
  action: StaffAction,
  apply: (c: { tx: DbOrTx; concern: SafetyConcernRow; now: Date; today: string }) => Promise<{
    change: 'concern_step' | 'concern_resolved';
    set: Partial<SafetyConcernRow>;
    detail: Record<string, unknown>;
  }>,
) {
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const concern = await loadConcern(tx, ctx, id, action, true);
    if (concern.resolvedAt) throw koppelingError('koppeling.wrong_phase');
    const done = await apply({ tx, concern, now, today: amsterdamDate(now) });
    const repo = createKoppelingenRepository({ db: tx });
    await repo.updateConcern(id, { ...done.set, updatedAt: now });
    await recordAudit(
      tx,
      auditActor(ctx),
      {
        action: `safety.${done.change === 'concern_step' ? 'step' : 'resolved'}`,
        recordType: 'safety_concern',
        recordId: id,
        gemeenteSlug: concern.gemeenteSlug,
        detail: done.detail,
      },
      now,
    );
    const koppeling = concern.koppelingId ? await repo.find(concern.koppelingId) : undefined;
    if (koppeling)
      await recordKoppelingEvent(tx, {
        koppeling,
        change: done.change,
        fromPhase: koppeling.phase,
        toPhase: koppeling.phase,
        at: now,
        actor: auditActor(ctx),
        detail: { concern: id, ...done.detail },
      });
  });
}

/** A step of the meldcode: consulted, talked with the family, weighed, decided (report or not). */
export async function recordConcernStep(deps: SafetyDeps, ctx: StaffContext, id: string, raw: Record<string, unknown>) {
  await changeConcern(deps, ctx, id, 'record.help', async ({ concern, now, today }) => {
    const parsed = parseConcernStepForm(raw, today);
    if (!parsed.success) throw invalid(parsed.errors);
    const { step, on, note, decision } = parsed.data;
    if (on! < concern.raisedOn) throw invalid({ on: 'Deze stap kan niet voor de melding liggen.' });
    return {
      change: 'concern_step',
      set: {
        steps: [...concern.steps, { step: step!, on: on!, note, staffId: ctx.staff.id, at: now.toISOString() }],
        ...(step === 'decided' ? { decision } : {}),
      },
      detail: { step, on, ...(step === 'decided' ? { decision } : {}) },
    };
  });
}

/** Closes the concern once a decision is recorded; the banner goes. */
export async function resolveConcern(deps: SafetyDeps, ctx: StaffContext, id: string, raw: Record<string, unknown>) {
  await changeConcern(deps, ctx, id, 'record.write', async ({ concern, now }) => {
    const parsed = parseResolveForm(raw);
    if (!parsed.success) throw invalid(parsed.errors);
    if (!concern.decision) throw koppelingError('koppeling.concern_not_decided');
    return {
      change: 'concern_resolved',
      set: { resolvedAt: now, resolvedBy: ctx.staff.id, resolutionNote: parsed.data.note },
      detail: { decision: concern.decision },
    };
  });
}

/**
 * Concerns about a family or its koppelingen (open first), for the banner on its records. The
 * caller has checked read access for the record; this checks it again per concern.
 */
export async function concernsAbout(
  deps: Pick<SafetyDeps, 'db'>,
  ctx: StaffContext,
  about: { registrationIds: readonly string[]; koppelingIds: readonly string[] },
) {
  const rows = await createKoppelingenRepository({ db: deps.db }).concernsAbout(about);
  return rows
    .filter((c) => can(ctx, 'record.read', c.gemeenteSlug))
    .map((c) => ({ id: c.id, raisedOn: c.raisedOn, open: c.resolvedAt === null, decision: c.decision }));
}
