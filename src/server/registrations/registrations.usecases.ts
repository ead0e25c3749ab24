/**
 * Taking a sign-up: check it is a real person's form (honeypot, minimum fill time), validate it
 * with the shared schema, apply rate limits, then store it together with its e-mails in ONE
 * transaction. Only when that transaction has committed does the caller acknowledge (303): an
 * acknowledged sign-up is never lost, even when mail is down (the outbox delivers later).
 */

import { createHash } from 'node:crypto';
import { type ConsentPurpose, consentTexts } from '~/lib/registration.options';
import { type FieldErrors, parseRegistrationForm, type RegistrationForm } from '~/lib/registration.schemas';
import type { ConsentRecord, RegistrationDetails, RegistrationKind } from '~/lib/registration.types';
import type { AppConfig } from '~/server/config/config';
import type { DbOrTx } from '~/server/db/db';
import { queueEmail } from '~/server/email/email.usecases';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import type { Logger } from '~/server/logger';
import { referralReference, requestParentConsent } from '~/server/privacy/privacy.consent';
import { recordSignUpFact } from '~/server/rapportage/rapportage.ledger';
import { consumeRateLimit } from '~/server/rate-limits/rate-limits';
import {
  type FirstContactPromise,
  findResponsible,
  firstContactPromise,
  type Responsible,
} from '~/server/responsibility/responsibility';
import { checkFormToken, FORM_TOKEN_FIELD, HONEYPOT_FIELD } from './form-token';
import { registrationError } from './registrations.errors';
import { createRegistrationsRepository, type NewRegistrationRow } from './registrations.repository';

const DUPLICATE_WINDOW_MS = 24 * 3600_000;
const CONTACT_LIMIT_PER_HOUR = 5;
const HOUR_MS = 3600_000;

export type RegistrationDeps = {
  db: DbOrTx;
  clock: () => Date;
  config: Pick<AppConfig, 'appSecret' | 'registrations'>;
  log: Logger;
};

export type SubmitRegistration = {
  kind: RegistrationKind;
  gemeente: string;
  /** The form fields as read from the request (see readFormBody). */
  fields: Record<string, unknown>;
  clientAddress: string;
};

export type SubmitResult = { ok: true; id: string; duplicateOfId: string | null } | { ok: false; errors: FieldErrors };

/** Throws `registration.*` AppErrors for refusals; returns field errors for a form to correct. */
export async function submitRegistration(deps: RegistrationDeps, input: SubmitRegistration): Promise<SubmitResult> {
  const { db, clock, config, log } = deps;
  const now = clock();
  const gemeente = await createGemeentenRepository({ db }).findOpen(input.gemeente);
  if (!gemeente) throw registrationError('registration.unknown_gemeente', { gemeente: input.gemeente });

  // Bots fill every field; people never see this one.
  const honeypot = input.fields[HONEYPOT_FIELD];
  if (honeypot !== undefined && honeypot !== '') {
    log.info('Aanmelding geweigerd: honeypot ingevuld', { kind: input.kind });
    throw registrationError('registration.rejected', { reason: 'honeypot' });
  }
  const token = checkFormToken(input.fields[FORM_TOKEN_FIELD], {
    secret: config.appSecret,
    kind: input.kind,
    now,
    minFillMs: config.registrations.minFillMs,
  });
  if (!token.ok) {
    const code =
      token.reason === 'too_fast'
        ? 'registration.too_fast'
        : token.reason === 'expired'
          ? 'registration.form_expired'
          : 'registration.bad_form_token';
    throw registrationError(code, { reason: token.reason });
  }

  const parsed = parseRegistrationForm(input.kind, input.fields, now);
  if (!parsed.success) return { ok: false, errors: parsed.errors };
  const form = parsed.data;

  const result = await db.transaction(async (tx) => {
    // In the sign-up's own transaction: one commit (one WAL flush) per sign-up instead of one per
    // rate-limit bucket (issue 18). A refusal rolls back, storing nothing, and a refused take does
    // not change a bucket anyway; a stored sign-up and its taken tokens commit together.
    await applyRateLimits(tx, now, config.registrations.limitPerAddressPerHour, input.clientAddress, form);
    const stored = await storeRegistration(tx, { form, gemeente: gemeente.slug, now });
    // A repeat within a day is acknowledged as usual but sends no new mail: the person already
    // had a confirmation, the coordinator sees the repeat linked in the inbox, and nobody can use
    // the form to flood someone else's mailbox.
    if (!stored.duplicateOfId) {
      await queueConfirmation(tx, form, gemeente.slug, stored.contactPromise, stored.id);
      await notifyResponsible(tx, stored.responsible, stored.id);
      // A referral with the parent's address: she confirms it herself (privacy.consent.ts, decision 031).
      if (form.kind === 'verwijzing')
        await requestParentConsent(
          tx,
          {
            id: stored.id,
            gemeenteSlug: gemeente.slug,
            parentEmail: form.email,
            organisationType: form.organisationType!,
          },
          now,
        );
    }
    return { id: stored.id, duplicateOfId: stored.duplicateOfId };
  });
  log.info('Aanmelding opgeslagen', {
    kind: input.kind,
    gemeente: gemeente.slug,
    duplicate: result.duplicateOfId !== null,
  });
  return { ok: true, ...result };
}

/**
 * Stores one sign-up inside the caller's transaction: one at a time per contact (advisory lock),
 * a repeat within 24 hours linked to the first, who is responsible and what the person is told
 * decided once and stored with it (responsibility.ts). The public form and a staff member
 * entering a sign-up by hand (inbox.entry.ts) both store through here. `consents` replaces the
 * consents the form itself records (a spoken yes, a consent carried over from a referral).
 */
export async function storeRegistration(
  tx: DbOrTx,
  input: { form: RegistrationForm; gemeente: string; now: Date; consents?: ConsentRecord[] },
) {
  const { now } = input;
  const row = toRow(input.form, input.gemeente, now);
  if (input.consents) row.consents = input.consents;
  const registrations = createRegistrationsRepository({ db: tx });
  const contactKeys = [row.contactEmail, row.contactPhone]
    .filter((v): v is string => !!v)
    .map((v) => `registration:${row.gemeenteSlug}:${row.kind}:${v}`);
  await registrations.lockContact(contactKeys);
  const earlier = await registrations.findRecentSameContact({
    gemeenteSlug: row.gemeenteSlug,
    kind: row.kind,
    email: row.contactEmail ?? null,
    phone: row.contactPhone ?? null,
    since: new Date(now.getTime() - DUPLICATE_WINDOW_MS),
  });
  const duplicateOfId = earlier?.originalId ?? null;
  const responsible = await findResponsible(tx, input.gemeente);
  const contactPromise = firstContactPromise(responsible, now);
  const { id, createdAt } = await registrations.insert({ ...row, duplicateOfId, contactPromise });
  // A repeat within a day is the same sign-up for the report too (the anonymous ledger, issue 15).
  if (!duplicateOfId)
    await recordSignUpFact(tx, {
      ...row,
      kern: row.kern ?? null,
      source: row.source ?? null,
      profileId: row.profileId ?? null,
      createdAt,
    });
  return { id, duplicateOfId, responsible, contactPromise };
}

async function applyRateLimits(
  db: DbOrTx,
  now: Date,
  perAddress: number,
  clientAddress: string,
  form: RegistrationForm,
) {
  const rules = [{ key: `registration:address:${clientAddress}`, limit: perAddress }];
  // Contact addresses are hashed: the rate-limit table should not become a list of people.
  for (const contact of [form.email, form.phone]) {
    if (contact)
      rules.push({
        key: `registration:contact:${createHash('sha256').update(contact).digest('base64url')}`,
        limit: CONTACT_LIMIT_PER_HOUR,
      });
  }
  for (const rule of rules) {
    const result = await consumeRateLimit(db, { ...rule, windowMs: HOUR_MS, now });
    if (!result.allowed) throw registrationError('registration.rate_limited', { retryAfterMs: result.retryAfterMs });
  }
}

function consent(purpose: ConsentPurpose, now: Date): ConsentRecord {
  return { purpose, text: consentTexts[purpose], agreedAt: now.toISOString() };
}

function toRow(
  form: RegistrationForm,
  gemeenteSlug: string,
  now: Date,
): NewRegistrationRow & { kind: RegistrationKind } {
  const base = {
    gemeenteSlug,
    kern: form.kern,
    postcode: form.postcode,
    contactName: form.name!,
    contactEmail: form.email,
    contactPhone: form.phone,
    // A preferred time only means something for a phone call.
    preferredContactTime: form.phone ? form.contactTime : null,
    createdAt: now,
    updatedAt: now,
  };
  let details: RegistrationDetails;
  switch (form.kind) {
    case 'vraaggezin':
      details = {
        kind: 'vraaggezin',
        children: form.children,
        supportWishes: form.supportWishes,
        message: form.message,
      };
      return {
        ...base,
        kind: 'vraaggezin',
        details,
        source: form.source,
        consents: [consent('contact-and-store', now)],
      };
    case 'steungezin':
      details = {
        kind: 'steungezin',
        adultsInHousehold: form.adults!,
        ownChildren: form.ownChildren,
        days: form.days,
        frequency: form.frequency!,
        sleepovers: form.sleepovers!,
        ageGroups: form.ageGroups,
        motivation: form.motivation!,
        vogWilling: form.vog!,
      };
      return {
        ...base,
        kind: 'steungezin',
        details,
        source: form.source,
        consents: [consent('contact-and-store', now)],
        profileId: form.profileId,
      };
    case 'verwijzing':
      details = {
        kind: 'verwijzing',
        referrer: {
          name: form.referrerName!,
          organisationType: form.organisationType!,
          organisationName: form.organisationName!,
          email: form.referrerEmail!,
          phone: form.referrerPhone,
        },
        children: form.children,
        reason: form.reason!,
        parentsAgree: true,
        firstContact: form.firstContact!,
        wantsUpdates: form.wantsUpdates,
      };
      return {
        ...base,
        kind: 'verwijzing',
        details,
        source: null,
        consents: [consent('referrer-store', now), consent('parents-agree', now)],
      };
  }
}

export async function queueConfirmation(
  tx: DbOrTx,
  form: RegistrationForm,
  gemeente: string,
  promise: FirstContactPromise,
  registrationId?: string,
) {
  // The confirmation goes to whoever filled in the form: the referrer for a referral.
  const to = form.kind === 'verwijzing' ? form.referrerEmail : form.email;
  if (!to) return;
  // Parents and volunteers are greeted by first name; professionals by the name they gave ("Mw. Jansen").
  const firstName = (form.kind === 'verwijzing' ? form.referrerName : form.name?.split(' ')[0])?.slice(0, 60);
  await queueEmail(tx, {
    to,
    template: 'registration-received',
    gemeente,
    data: {
      kind: form.kind,
      firstName: firstName || undefined,
      promise,
      reference: form.kind === 'verwijzing' && registrationId ? referralReference(registrationId) : undefined,
    },
  });
}

/**
 * Tells the people responsible for this sign-up (responsibility.ts) that it is there. Those who
 * chose one overview a day get it in the digest (inbox.digest.ts) instead. The mail is only a
 * link: nothing about the person travels by e-mail.
 */
export async function notifyResponsible(
  tx: DbOrTx,
  responsible: Responsible,
  registrationId: string,
  { except }: { except?: string } = {},
) {
  for (const person of responsible.people) {
    if (person.notificationMode !== 'immediate' || person.id === except) continue;
    await queueEmail(tx, {
      to: person.email,
      template: 'registration-notification',
      gemeente: responsible.gemeente.slug,
      data: { inboxPath: `/inbox/${registrationId}`, reason: responsible.level },
    });
  }
}
