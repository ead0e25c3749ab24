/**
 * Entering a sign-up by hand, from the inbox: a family (or volunteer) that calls instead of
 * filling in the form, and a referral that becomes the family's own sign-up. Both use the form's
 * own schema and are stored like any sign-up (registrations.usecases.ts `storeRegistration`: the
 * repeat check, who is responsible, the promise). What differs is the consent: a spoken yes to
 * the question read aloud, recorded with who recorded it and when ('mondeling'), or the consent
 * the referral recorded, carried over as it was ('via-verwijzing'). docs/decisions/020-sign-ups-entered-by-staff.md.
 */
import { formatPhoneNumber } from '~/lib/phone';
import { consentQuestionReadAloud, contactTimeOptions } from '~/lib/registration.options';
import { type FieldErrors, parseRegistrationForm } from '~/lib/registration.schemas';
import type { ChildAge, ConsentRecord, RegistrationDetails } from '~/lib/registration.types';
import { can, gemeenteScope, requireStaff, type StaffContext } from '~/server/access/permissions';
import { auditActor, recordAudit } from '~/server/audit/audit.usecases';
import type { DbOrTx } from '~/server/db/db';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import { createRegistrationsRepository, type RegistrationRow } from '~/server/registrations/registrations.repository';
import { storeRegistration } from '~/server/registrations/registrations.usecases';
import { inboxError } from './inbox.errors';
import { createInboxRepository } from './inbox.repository';
import type { InboxDeps } from './inbox.usecases';

/** What a staff member may enter by hand (the referral form is for professionals themselves). */
type EntryKind = 'vraaggezin';

export type EntryInput = {
  gemeente: string;
  kind: EntryKind;
  /** The form's fields, as the public form sends them (see readFormBody). */
  fields: Record<string, unknown>;
  /** Turn this referral into the family's own sign-up (linked, consent carried over). */
  fromReferralId?: string;
  /** Assign the new sign-up to the one who entered it. */
  assignToMe: boolean;
};

export type EntryResult = { ok: true; id: string } | { ok: false; errors: FieldErrors };

const CONSENT_NOT_READ =
  'Lees de vraag over toestemming voor en vink aan als de beller ja zegt. Zonder dat ja sla je niets op.';

/** The referral a family's sign-up is made from: within reach, a verwijzing, not yet linked to a family. */
async function loadReferral(db: DbOrTx, ctx: StaffContext, id: string, { lock = false } = {}) {
  const referral = await createRegistrationsRepository({ db }).getForStaff(ctx, id, 'record.write', { lock });
  if (referral.kind !== 'verwijzing')
    throw inboxError(
      'inbox.invalid_input',
      { id },
      'Alleen van een verwijzing maak je een eigen aanmelding voor het gezin.',
    );
  const item = await createInboxRepository({ db }).getItem(id);
  if (item?.familyRegistrationId)
    throw inboxError(
      'inbox.invalid_input',
      { id },
      'Deze verwijzing hoort al bij de aanmelding van een gezin. Open die aanmelding vanuit de verwijzing.',
    );
  return referral;
}

/** "4, 2017": the children as the form's field takes them. */
const childrenField = (children: ChildAge[]) =>
  children.map((child) => ('age' in child ? String(child.age) : String(child.birthYear))).join(', ');

/** The family's details from a referral, as the vraaggezin form's fields. */
function valuesFromReferral(referral: RegistrationRow): Record<string, string> {
  const details = referral.details as Extract<RegistrationDetails, { kind: 'verwijzing' }>;
  const contactTime = contactTimeOptions.some((option) => option.value === referral.preferredContactTime)
    ? (referral.preferredContactTime ?? '')
    : '';
  return {
    name: referral.contactName,
    phone: referral.contactPhone ? formatPhoneNumber(referral.contactPhone) : '',
    email: referral.contactEmail ?? '',
    contactTime,
    kern: referral.kern ?? '',
    postcode: referral.postcode ?? '',
    children: childrenField(details.children),
    source: 'zorg',
  };
}

/** What the entry form needs: where I may enter sign-ups, and a referral's details to start from. */
export async function getEntryForm(
  deps: InboxDeps,
  ctx: StaffContext,
  input: { gemeente?: string; fromReferralId?: string },
) {
  requireStaff(ctx, { action: 'record.write' });
  const open = await createGemeentenRepository(deps).listOpen(gemeenteScope(ctx));
  const gemeenten = open.filter((gemeente) => can(ctx, 'record.write', gemeente.slug));
  const referral = input.fromReferralId ? await loadReferral(deps.db, ctx, input.fromReferralId) : null;
  const wanted = referral?.gemeenteSlug ?? input.gemeente;
  const gemeente =
    gemeenten.find((candidate) => candidate.slug === wanted) ?? (gemeenten.length === 1 ? gemeenten[0]! : null);
  const details = referral?.details as Extract<RegistrationDetails, { kind: 'verwijzing' }> | undefined;
  const carried = referral?.consents.find((consent) => consent.purpose === 'parents-agree');
  return {
    gemeenten,
    gemeente,
    referral:
      referral && details
        ? {
            id: referral.id,
            createdAt: referral.createdAt,
            referrer: `${details.referrer.name} (${details.referrer.organisationName})`,
            consentText: carried?.text ?? null,
            consentAt: carried ? new Date(carried.agreedAt) : null,
          }
        : null,
    values: referral ? valuesFromReferral(referral) : ({} as Record<string, string>),
    consentQuestion: consentQuestionReadAloud,
  };
}

/** Stores a sign-up entered by a staff member; field errors come back for the form. */
export async function enterRegistration(deps: InboxDeps, ctx: StaffContext, input: EntryInput): Promise<EntryResult> {
  requireStaff(ctx, { action: 'record.write', gemeente: input.gemeente });
  const now = deps.clock();
  const gemeente = await createGemeentenRepository(deps).findOpen(input.gemeente);
  if (!gemeente) throw inboxError('inbox.invalid_input', {}, 'Deze gemeente neemt geen aanmeldingen aan.');
  const fromReferral = input.fromReferralId;
  // A referral that cannot become a family's sign-up is said first, before any field is checked.
  if (fromReferral) await loadReferral(deps.db, ctx, fromReferral);
  // A referral's consent is carried over, not asked again: the form has no box for it then.
  const parsed = parseRegistrationForm(
    input.kind,
    fromReferral ? { ...input.fields, consent: 'ja' } : input.fields,
    now,
  );
  if (!parsed.success) {
    const errors = { ...parsed.errors };
    if (errors.consent) errors.consent = CONSENT_NOT_READ;
    return { ok: false, errors };
  }
  const form = parsed.data;
  const recordedBy = { staffId: ctx.staff.id, name: ctx.staff.displayName };

  return deps.db.transaction(async (tx) => {
    const referral = fromReferral ? await loadReferral(tx, ctx, fromReferral, { lock: true }) : null;
    if (referral && referral.gemeenteSlug !== gemeente.slug)
      throw inboxError('inbox.invalid_input', {}, 'Een verwijzing wordt een aanmelding in dezelfde gemeente.');
    const consents: ConsentRecord[] = referral
      ? referral.consents
          .filter((consent) => consent.purpose === 'parents-agree')
          .map((consent) => ({
            ...consent,
            given: 'via-verwijzing',
            viaRegistrationId: referral.id,
            recordedBy,
            recordedAt: now.toISOString(),
          }))
      : [
          {
            purpose: 'contact-and-store',
            text: consentQuestionReadAloud,
            agreedAt: now.toISOString(),
            given: 'mondeling',
            recordedBy,
          },
        ];
    const stored = await storeRegistration(tx, {
      form,
      gemeente,
      now,
      consents,
      // Someone who called gets the promise in writing too; a family made from a referral signed up nowhere.
      mails: { confirmation: !referral, exceptStaffId: ctx.staff.id },
    });

    const inbox = createInboxRepository({ db: tx });
    const given = referral ? 'via-verwijzing' : 'mondeling';
    await inbox.insertHistory({
      registrationId: stored.id,
      staffId: ctx.staff.id,
      at: now,
      change: 'created',
      fromValue: null,
      toValue: given,
      detail: referral ? { from: referral.id } : null,
    });
    if (input.assignToMe) await inbox.upsertItem(stored.id, { assignedStaffId: ctx.staff.id });
    await inbox.markRead(ctx.staff.id, stored.id, now);
    await recordAudit(
      tx,
      auditActor(ctx),
      {
        action: 'registration.create',
        recordType: 'registration',
        recordId: stored.id,
        gemeenteSlug: gemeente.slug,
        detail: { given, from: referral?.id ?? null },
      },
      now,
    );
    if (referral) {
      // The referral now points at the family, as "Over welk gezin gaat deze verwijzing?" would.
      await inbox.upsertItem(referral.id, { familyRegistrationId: stored.id });
      await inbox.insertHistory({
        registrationId: referral.id,
        staffId: ctx.staff.id,
        at: now,
        change: 'family',
        fromValue: null,
        toValue: stored.id,
        detail: null,
      });
      await createRegistrationsRepository({ db: tx }).touch(referral.id, now);
      await recordAudit(
        tx,
        auditActor(ctx),
        {
          action: 'registration.family',
          recordType: 'registration',
          recordId: referral.id,
          gemeenteSlug: gemeente.slug,
          detail: { from: null, to: stored.id },
        },
        now,
      );
    }
    return { ok: true as const, id: stored.id };
  });
}
