/**
 * Taking a sign-up: check it is a real person's form (honeypot, minimum fill time), validate it
 * with the shared schema, apply rate limits, then store it together with its e-mails in ONE
 * transaction. Only when that transaction has committed does the caller acknowledge (303): an
 * acknowledged sign-up is never lost, even when mail is down (the outbox delivers later).
 */

import { createHash, randomUUID } from 'node:crypto';
import { type ConsentPurpose, consentTexts } from '~/lib/registration.options';
import { type FieldErrors, parseRegistrationForm, type RegistrationForm } from '~/lib/registration.schemas';
import type { ConsentRecord, RegistrationDetails, RegistrationKind } from '~/lib/registration.types';
import type { AppConfig } from '~/server/config/config';
import type { DbOrTx } from '~/server/db/db';
import { type QueueEmail, queueEmails } from '~/server/email/email.usecases';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import type { Logger } from '~/server/logger';
import { referralReference, requestParentConsent } from '~/server/privacy/privacy.consent';
import { recordSignUpFact } from '~/server/rapportage/rapportage.ledger';
import { consumeRateLimits, type RateLimitRule } from '~/server/rate-limits/rate-limits';
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
    // A repeat within a day is acknowledged as usual but sends no new mail: the person already
    // had a confirmation, the coordinator sees the repeat linked in the inbox, and nobody can use
    // the form to flood someone else's mailbox.
    const stored = await storeRegistration(tx, {
      form,
      gemeente,
      now,
      rateLimits: rateLimitRules(now, config.registrations.limitPerAddressPerHour, input.clientAddress, form),
      mails: { confirmation: true },
    });
    // A referral with the parent's address: she confirms it herself (privacy.consent.ts, decision 031).
    if (!stored.duplicateOfId && form.kind === 'verwijzing')
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
 * decided once and stored with it (responsibility.ts), and for a new sign-up (not a repeat) its
 * mails: the confirmation to whoever filled in the form (unless `mails.confirmation` is false)
 * and a notice to the people responsible (except `mails.exceptStaffId`). The public form and a
 * staff member entering a sign-up by hand (inbox.entry.ts) both store through here. `consents`
 * replaces the consents the form itself records (a spoken yes, a consent carried over from a
 * referral). `rateLimits` are taken first; a refusal throws before anything is written.
 *
 * Round trips (issue 18, docs/decisions/034-sign-up-in-four-round-trips.md): the statements of
 * each step are sent together and postgres.js pipelines them on the transaction's connection, so
 * the transaction makes two round trips between BEGIN and COMMIT: (1) rate limits, contact lock,
 * duplicate check (PostgreSQL runs them in this order, so the check's snapshot is taken after the
 * lock) and the responsible people; (2) the sign-up (its id made here), its ledger fact and its
 * mails. The gemeente is read once, by the caller, and passed on.
 */
export async function storeRegistration(
  tx: DbOrTx,
  input: {
    form: RegistrationForm;
    gemeente: Gemeente;
    now: Date;
    consents?: ConsentRecord[];
    rateLimits?: RateLimitRule[];
    mails: { confirmation: boolean; exceptStaffId?: string };
  },
) {
  const { now, gemeente } = input;
  const row = toRow(input.form, gemeente.slug, now);
  if (input.consents) row.consents = input.consents;
  const registrations = createRegistrationsRepository({ db: tx });
  const contactKeys = [row.contactEmail, row.contactPhone]
    .filter((v): v is string => !!v)
    .map((v) => `registration:${row.gemeenteSlug}:${row.kind}:${v}`);
  const [limits, earlier, responsible] = await settled([
    input.rateLimits?.length ? consumeRateLimits(tx, input.rateLimits) : undefined,
    registrations.lockContactAndFindRecent(contactKeys, {
      gemeenteSlug: row.gemeenteSlug,
      kind: row.kind,
      email: row.contactEmail ?? null,
      phone: row.contactPhone ?? null,
      since: new Date(now.getTime() - DUPLICATE_WINDOW_MS),
    }),
    findResponsible(tx, gemeente),
  ] as const);
  if (limits && !limits.allowed)
    throw registrationError('registration.rate_limited', { retryAfterMs: limits.retryAfterMs });
  const duplicateOfId = earlier?.originalId ?? null;
  const contactPromise = firstContactPromise(responsible, now);
  const id = randomUUID();
  await settled([
    registrations.insert({ ...row, id, duplicateOfId, contactPromise }),
    // A repeat within a day is the same sign-up for the report too (the anonymous ledger, issue 15).
    duplicateOfId
      ? undefined
      : recordSignUpFact(tx, {
          ...row,
          kern: row.kern ?? null,
          source: row.source ?? null,
          profileId: row.profileId ?? null,
          createdAt: now,
          kernenOfGemeente: gemeente.kernen,
        }),
    duplicateOfId
      ? undefined
      : queueEmails(
          tx,
          [
            ...(input.mails.confirmation ? confirmationOf(input.form, gemeente.slug, contactPromise, id) : []),
            ...noticesOf(responsible, id, input.mails.exceptStaffId),
          ],
          { responsible },
        ),
  ] as const);
  return { id, duplicateOfId, responsible, contactPromise };
}

/** The gemeente as the caller read it (gemeenten.repository `find`/`findOpen`). */
type Gemeente = Responsible['gemeente'] & { kernen: string[] };

/**
 * Waits for every statement of a step (all were sent together), then throws the first failure:
 * the transaction ends only when none of them is still running, so no statement of this sign-up
 * can run after its ROLLBACK.
 */
async function settled<T extends readonly unknown[]>(steps: T): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const results = await Promise.allSettled(steps);
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as {
    [K in keyof T]: Awaited<T[K]>;
  };
}

function rateLimitRules(now: Date, perAddress: number, clientAddress: string, form: RegistrationForm): RateLimitRule[] {
  const rules = [{ key: `registration:address:${clientAddress}`, limit: perAddress, windowMs: HOUR_MS, now }];
  // Contact addresses are hashed: the rate-limit table should not become a list of people.
  for (const contact of [form.email, form.phone]) {
    if (contact)
      rules.push({
        key: `registration:contact:${createHash('sha256').update(contact).digest('base64url')}`,
        limit: CONTACT_LIMIT_PER_HOUR,
        windowMs: HOUR_MS,
        now,
      });
  }
  return rules;
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

/** The confirmation to whoever filled in the form: the referrer for a referral (none without an address). */
function confirmationOf(
  form: RegistrationForm,
  gemeente: string,
  promise: FirstContactPromise,
  registrationId: string,
): QueueEmail<'registration-received'>[] {
  const to = form.kind === 'verwijzing' ? form.referrerEmail : form.email;
  if (!to) return [];
  // Parents and volunteers are greeted by first name; professionals by the name they gave ("Mw. Jansen").
  const firstName = (form.kind === 'verwijzing' ? form.referrerName : form.name?.split(' ')[0])?.slice(0, 60);
  return [
    {
      to,
      template: 'registration-received',
      gemeente,
      data: {
        kind: form.kind,
        firstName: firstName || undefined,
        promise,
        reference: form.kind === 'verwijzing' ? referralReference(registrationId) : undefined,
      },
    },
  ];
}

/**
 * The notices to the people responsible for this sign-up (responsibility.ts). Those who chose one
 * overview a day get it in the digest (inbox.digest.ts) instead. The mail is only a link: nothing
 * about the person travels by e-mail.
 */
function noticesOf(
  responsible: Responsible,
  registrationId: string,
  except: string | undefined,
): QueueEmail<'registration-notification'>[] {
  return responsible.people
    .filter((person) => person.notificationMode === 'immediate' && person.id !== except)
    .map((person) => ({
      to: person.email,
      template: 'registration-notification',
      gemeente: responsible.gemeente.slug,
      data: { inboxPath: `/inbox/${registrationId}`, reason: responsible.level },
    }));
}
