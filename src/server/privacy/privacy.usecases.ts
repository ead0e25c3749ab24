/**
 * Holds ("bewaren tot … omdat …"): a coordinator or the backoffice keeps a record past its term
 * for a reason (a complaint, a safety matter); the retention job skips it until the day has passed
 * (privacy.retention.ts). Every view, placing and lifting is in the audit log; the reason stays in
 * `privacy_holds` (the audit entry holds the date, never the words).
 *
 * And deletion at the person's request (AVG art. 17): the person asks the national office (as
 * /privacy says), the backoffice confirms on the same page; a hold, an open koppeling or an open
 * zorg over veiligheid stops it with the reason to tell the person.
 */
import { z } from 'zod';
import { addMonths, amsterdamDate } from '~/lib/dates';
import { site } from '~/lib/site';
import { can, type StaffContext } from '~/server/access/permissions';
import { createAuditRepository } from '~/server/audit/audit.repository';
import { auditActor, recordAudit } from '~/server/audit/audit.usecases';
import type { Database } from '~/server/db/db';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { openRegistrationForStaff } from '~/server/registrations/registrations.view';
import { referralConsentStates } from './privacy.consent';
import { eraseMailFiles, eraseSignUp, whyKept } from './privacy.erase';
import { privacyError } from './privacy.errors';
import { CONSENT_METHODS, HOLD_LIMITS } from './privacy.labels';
import { createPrivacyRepository } from './privacy.repository';

type Deps = { db: Database; clock: () => Date };

/** The hold page of a sign-up: who it is, the active hold, whether I may change it. Logged as a view. */
export async function getHolds(deps: Deps, ctx: StaffContext, registrationId: string) {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const registration = await openRegistrationForStaff(tx, ctx, registrationId, {
      action: 'record.read',
      now,
      page: 'holds',
    });
    const holds = await createPrivacyRepository({ db: tx }).holdsOf(registrationId);
    return {
      registration: { id: registration.id, contactName: registration.contactName, kind: registration.kind },
      hold: holds[0] ?? null,
      today: amsterdamDate(now),
      latest: addMonths(amsterdamDate(now), HOLD_LIMITS.maxYears * 12),
      terms: site.retention,
      mayChange: can(ctx, 'record.write', registration.gemeenteSlug),
      mayErase: can(ctx, 'privacy.erase', registration.gemeenteSlug),
    };
  });
}

const holdSchema = (today: string) =>
  z.object({
    keepUntil: z.iso.date().refine((day) => day > today && day <= addMonths(today, HOLD_LIMITS.maxYears * 12)),
    reason: z.string().trim().min(3).max(HOLD_LIMITS.reasonMax),
  });

/** Places a hold (an earlier active one is lifted: one hold per record at a time). */
export async function placeHold(deps: Deps, ctx: StaffContext, registrationId: string, form: Record<string, unknown>) {
  const now = deps.clock();
  const parsed = holdSchema(amsterdamDate(now)).safeParse(form);
  if (!parsed.success) throw privacyError('privacy.invalid_hold');
  await deps.db.transaction(async (tx) => {
    const registration = await createRegistrationsRepository({ db: tx }).getForStaff(
      ctx,
      registrationId,
      'record.write',
      { lock: true },
    );
    const privacy = createPrivacyRepository({ db: tx });
    for (const hold of await privacy.holdsOf(registrationId))
      await privacy.liftHold({ id: hold.id, registrationId, staffId: ctx.staff.id, at: now });
    await privacy.insertHold({
      registrationId,
      keepUntil: parsed.data.keepUntil,
      reason: parsed.data.reason,
      placedBy: ctx.staff.id,
      placedAt: now,
    });
    await recordAudit(
      tx,
      auditActor(ctx),
      {
        action: 'privacy.hold_placed',
        recordType: 'registration',
        recordId: registrationId,
        gemeenteSlug: registration.gemeenteSlug,
        detail: { keepUntil: parsed.data.keepUntil },
      },
      now,
    );
  });
}

/** Lifts the active hold: the ordinary terms apply again. */
export async function liftHold(deps: Deps, ctx: StaffContext, registrationId: string) {
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const registration = await createRegistrationsRepository({ db: tx }).getForStaff(
      ctx,
      registrationId,
      'record.write',
      { lock: true },
    );
    const privacy = createPrivacyRepository({ db: tx });
    const holds = await privacy.holdsOf(registrationId);
    if (holds.length === 0) throw privacyError('privacy.no_hold');
    for (const hold of holds) await privacy.liftHold({ id: hold.id, registrationId, staffId: ctx.staff.id, at: now });
    await recordAudit(
      tx,
      auditActor(ctx),
      {
        action: 'privacy.hold_lifted',
        recordType: 'registration',
        recordId: registrationId,
        gemeenteSlug: registration.gemeenteSlug,
        detail: { keepUntil: holds[0]!.keepUntil },
      },
      now,
    );
  });
}

/**
 * Deletes a sign-up and everything about it at the person's own request, confirmed by the
 * backoffice: the same deletion as the retention job (privacy.erase.ts), audited as
 * `privacy.request_delete` with the counts per table.
 */
export async function eraseOnRequest(
  deps: Deps & { dataDir: string },
  ctx: StaffContext,
  registrationId: string,
  form: Record<string, unknown>,
) {
  if (form.confirm !== 'ja') throw privacyError('privacy.erase_unconfirmed');
  const now = deps.clock();
  const erased = await deps.db.transaction(async (tx) => {
    const registration = await createRegistrationsRepository({ db: tx }).getForStaff(
      ctx,
      registrationId,
      'privacy.erase',
      { lock: true },
    );
    const kept = await whyKept(tx, registrationId, amsterdamDate(now));
    if (kept?.reason === 'held') throw privacyError('privacy.erase_held', { heldUntil: kept.heldUntil });
    if (kept?.reason === 'open_koppeling') throw privacyError('privacy.erase_open_koppeling');
    if (kept?.reason === 'concern') throw privacyError('privacy.erase_concern');
    return eraseSignUp(tx, registration, {
      actor: auditActor(ctx),
      entry: { action: 'privacy.request_delete', detail: { kind: registration.kind } },
      at: now,
    });
  });
  await eraseMailFiles(deps.dataDir, [erased]);
}

const ACCESS_LOG_IN_EXPORT = 1000;

/**
 * Everything stored about one sign-up, for a person who asked to see her data (AVG art. 15): the
 * national office downloads it (JSON), reads it and sends it on. Per table, plus when the record
 * was viewed or changed (the access log: day and kind, not who). Audited as `privacy.request_export`.
 */
export async function exportOnRequest(deps: Deps, ctx: StaffContext, registrationId: string) {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const registration = await createRegistrationsRepository({ db: tx }).getForStaff(
      ctx,
      registrationId,
      'privacy.erase',
    );
    const tables = (await createPrivacyRepository({ db: tx }).exportOf(registrationId)) ?? {};
    const accessLog = (
      await createAuditRepository({ db: tx }).list({ recordId: registrationId, limit: ACCESS_LOG_IN_EXPORT })
    ).map((entry) => ({ at: entry.at.toISOString(), action: entry.action }));
    await recordAudit(
      tx,
      auditActor(ctx),
      {
        action: 'privacy.request_export',
        recordType: 'registration',
        recordId: registrationId,
        gemeenteSlug: registration.gemeenteSlug,
      },
      now,
    );
    return { registrationId, exportedAt: now.toISOString(), tables, accessLog };
  });
}

/**
 * The parents' own confirmation of a referral (the referrer said they know): the page shows whether
 * they confirmed, and lets the coordinator record it after the first contact. Logged as a view.
 */
export async function getParentConsent(deps: Deps, ctx: StaffContext, registrationId: string) {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const registration = await openRegistrationForStaff(tx, ctx, registrationId, {
      action: 'record.read',
      now,
      page: 'parent-consent',
    });
    if (registration.kind !== 'verwijzing') throw privacyError('privacy.not_a_referral');
    const consent = await createPrivacyRepository({ db: tx }).parentConsentOf(registrationId);
    return {
      registration: { id: registration.id, contactName: registration.contactName },
      consent: consent ?? null,
      /** Confirmed, waiting for the mail link, or not asked (privacy.consent.ts). */
      state: (await referralConsentStates(tx, [registrationId], now)).get(registrationId)!,
      /** The referrer asked to hear when support starts and ends: ask the parents whether that is all right. */
      askShareOutcome: registration.details.kind === 'verwijzing' && registration.details.wantsUpdates,
      today: amsterdamDate(now),
      mayRecord: can(ctx, 'record.help', registration.gemeenteSlug),
    };
  });
}

const consentSchema = (today: string) =>
  z.object({
    method: z.enum(Object.keys(CONSENT_METHODS) as [keyof typeof CONSENT_METHODS]),
    givenOn: z.iso.date().refine((day) => day <= today),
    shareOutcome: z.enum(['ja']).optional(),
  });

/** The coordinator heard the parents confirm the referral themselves (in person or by phone). Audited. */
export async function recordParentConsent(
  deps: Deps,
  ctx: StaffContext,
  registrationId: string,
  form: Record<string, unknown>,
) {
  const now = deps.clock();
  const parsed = consentSchema(amsterdamDate(now)).safeParse(form);
  if (!parsed.success) throw privacyError('privacy.invalid_consent');
  await deps.db.transaction(async (tx) => {
    const registration = await createRegistrationsRepository({ db: tx }).getForStaff(
      ctx,
      registrationId,
      'record.help',
      { lock: true },
    );
    if (registration.kind !== 'verwijzing') throw privacyError('privacy.not_a_referral');
    await createPrivacyRepository({ db: tx }).saveParentConsent({
      registrationId,
      method: parsed.data.method,
      givenOn: parsed.data.givenOn,
      recordedBy: ctx.staff.id,
      recordedAt: now,
      shareOutcome:
        registration.details.kind === 'verwijzing' &&
        registration.details.wantsUpdates &&
        parsed.data.shareOutcome === 'ja',
    });
    await recordAudit(
      tx,
      auditActor(ctx),
      {
        action: 'privacy.parent_consent',
        recordType: 'registration',
        recordId: registrationId,
        gemeenteSlug: registration.gemeenteSlug,
        detail: { method: parsed.data.method, givenOn: parsed.data.givenOn },
      },
      now,
    );
  });
}
