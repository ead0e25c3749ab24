/**
 * The parents answer a referral themselves (issue 16, decision 031). A referral with the parent's
 * e-mail address sends her a personal link in the transaction of the sign-up; on that page she
 * confirms (and may say how and when to be contacted), or says no: then the referral is deleted at
 * once and the referrer hears only that the parents declined. The inbox shows per referral:
 * confirmed, waiting for the parents, or ask at the first contact. When the referrer asked for it
 * and the parents agreed, the referrer gets a short mail when support starts and when it ends.
 *
 * No mail here holds a name or anything the family told: the parent's mail names the kind of
 * organisation that referred; the referrer's mails name the day of the referral and the reference
 * from the referrer's own confirmation mail.
 */
import { z } from 'zod';
import { amsterdamDate } from '~/lib/dates';
import { contactTimeOptions } from '~/lib/registration.options';
import type { RegistrationDetails } from '~/lib/registration.types';
import { recordAudit } from '~/server/audit/audit.usecases';
import { createLinkToken, linkTokenHash } from '~/server/auth/tokens';
import type { Database, DbOrTx } from '~/server/db/db';
import { queueEmail } from '~/server/email/email.usecases';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import { createInboxRepository } from '~/server/inbox/inbox.repository';
import type { KoppelingEvent } from '~/server/koppelingen/koppelingen.usecases';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { CONTACT_BY } from './privacy.consent.labels';
import { createReferralConsentRepository, type ReferralConsentRow } from './privacy.consent.repository';
import { eraseMailFiles, eraseSignUp } from './privacy.erase';
import { privacyError } from './privacy.errors';
import { createPrivacyRepository } from './privacy.repository';

/** How long the parent's link works. */
export const REFERRAL_LINK_DAYS = 30;
const LINK_PATH = '/verwijzing/';

/**
 * The reference a referrer gets in her confirmation mail and finds again in every later mail
 * about the referral: six characters of the sign-up's random id, never anything about the family.
 */
export function referralReference(registrationId: string): string {
  return `VW-${registrationId.replace(/-/g, '').slice(-6).toUpperCase()}`;
}

/**
 * Sends the parent her link, inside the transaction that stored the referral (a referral without
 * the parent's e-mail address sends nothing: the coordinator asks at the first contact).
 */
export async function requestParentConsent(
  tx: DbOrTx,
  referral: { id: string; gemeenteSlug: string; parentEmail: string | null; organisationType: string },
  now: Date,
) {
  if (!referral.parentEmail) return;
  const { token, tokenHash, expiresAt } = createLinkToken(now, REFERRAL_LINK_DAYS);
  await createReferralConsentRepository({ db: tx }).insertLink({
    registrationId: referral.id,
    tokenHash,
    sentAt: now,
    expiresAt,
  });
  await queueEmail(tx, {
    to: referral.parentEmail,
    template: 'referral-confirm-request',
    gemeente: referral.gemeenteSlug,
    data: { path: `${LINK_PATH}${token}`, expiresAt, organisationType: referral.organisationType },
  });
}

// ---------------------------------------------------------------- the state the inbox shows

export type ReferralConsentState =
  | {
      state: 'confirmed';
      method: ReferralConsentRow['method'];
      givenOn: string;
      contactBy: string | null;
      contactTime: string | null;
      shareOutcome: boolean;
    }
  | { state: 'waiting'; sentAt: Date; expiresAt: Date }
  /** Only while a hold keeps a referral the parents said no to (otherwise it is gone). */
  | { state: 'declined'; answeredAt: Date }
  /** No e-mail address, or the link expired unanswered (`expiredOn`): ask at the first contact. */
  | { state: 'not_asked'; expiredOn: Date | null };

/** Per referral among `ids`: confirmed, waiting, declined (held) or not asked. */
export async function referralConsentStates(
  db: DbOrTx,
  ids: readonly string[],
  now: Date,
): Promise<Map<string, ReferralConsentState>> {
  const { consents, links } = await createReferralConsentRepository({ db }).ofReferrals(ids);
  const states = new Map<string, ReferralConsentState>();
  for (const id of ids) {
    const consent = consents.get(id);
    const link = links.get(id);
    if (consent)
      states.set(id, {
        state: 'confirmed',
        method: consent.method,
        givenOn: consent.givenOn,
        contactBy: consent.contactBy,
        contactTime: consent.contactTime,
        shareOutcome: consent.shareOutcome,
      });
    else if (link?.answer === 'declined') states.set(id, { state: 'declined', answeredAt: link.answeredAt! });
    else if (link && !link.answeredAt && link.expiresAt > now)
      states.set(id, { state: 'waiting', sentAt: link.sentAt, expiresAt: link.expiresAt });
    else states.set(id, { state: 'not_asked', expiredOn: link && !link.answeredAt ? link.expiresAt : null });
  }
  return states;
}

/**
 * The referrals the parents confirmed or whose link still waits, as a subquery: the inbox filter
 * "toestemming vragen" shows the other referrals (ask at the first contact).
 */
export function referralsAnsweredOrWaiting(db: DbOrTx, now: Date) {
  return createReferralConsentRepository({ db }).answeredOrWaiting(now);
}

// ---------------------------------------------------------------- the parent's page

type Deps = { db: Database; clock: () => Date };

async function openLink(db: DbOrTx, token: string, now: Date, { lock = false } = {}) {
  const tokenHash = linkTokenHash(token);
  if (!tokenHash) return null;
  const link = await createReferralConsentRepository({ db }).linkByTokenHash(tokenHash, { lock });
  if (!link || link.answeredAt || link.expiresAt <= now) return null;
  return link;
}

function referralDetails(details: RegistrationDetails) {
  return details.kind === 'verwijzing' ? details : null;
}

/** What the parent's page shows, or null when the link is unknown, used or expired. */
export async function getReferralLink(deps: Deps, token: string) {
  const now = deps.clock();
  const link = await openLink(deps.db, token, now);
  if (!link) return null;
  const referral = await createRegistrationsRepository(deps).getById(link.registrationId);
  const details = referral && referralDetails(referral.details);
  if (!referral || !details) return null;
  const gemeente = await createGemeentenRepository(deps).find(referral.gemeenteSlug);
  return {
    gemeenteName: gemeente?.name ?? referral.gemeenteSlug,
    organisationType: details.referrer.organisationType,
    referredOn: amsterdamDate(referral.createdAt),
    /** Calling is offered only when the referral has a phone number to call. */
    canCall: referral.contactPhone !== null,
    askShareOutcome: details.wantsUpdates,
    expiresAt: link.expiresAt,
  };
}

const confirmSchema = z.object({
  contactBy: z.enum([...(Object.keys(CONTACT_BY) as [keyof typeof CONTACT_BY]), '']).optional(),
  contactTime: z
    .string()
    .refine((value) => value === '' || contactTimeOptions.some((option) => option.value === value))
    .optional(),
  shareOutcome: z.enum(['ja']).optional(),
});

/**
 * The parent's answer through her link, once: `confirm` (with how and when she wants to be
 * contacted, and whether the referrer may hear the outcome) or `decline`. A "no" deletes the
 * referral and everything about it in the same transaction and tells the referrer only that the
 * parents declined. Returns what the page says next.
 */
export async function answerReferralLink(
  deps: Deps & { dataDir: string },
  token: string,
  form: Record<string, string>,
  clientAddress: string,
): Promise<{ answer: 'confirmed'; contactBy: string | null; contactTime: string | null } | { answer: 'declined' }> {
  const now = deps.clock();
  const actor = { staffId: null, clientAddress };
  if (form.answer === 'nee') {
    const erased = await deps.db.transaction(async (tx) => {
      // The link was sent in the transaction that stored the referral: its day is the referral's.
      const { link, referral, details } = await lockAnswerable(tx, token, now);
      const reference = referralReference(referral.id);
      const privacy = createPrivacyRepository({ db: tx });
      const held = (await privacy.heldUntil([referral.id], amsterdamDate(now))).get(referral.id);
      await createReferralConsentRepository({ db: tx }).answerLink(link.registrationId, 'declined', now);
      // A hold (after a safety concern or a complaint) keeps the record; the "no" stays with it.
      const result = held
        ? null
        : await eraseSignUp(tx, referral, {
            actor,
            entry: { action: 'privacy.referral_declined', detail: { kind: 'verwijzing' } },
            at: now,
          });
      if (held)
        await recordAudit(
          tx,
          actor,
          {
            action: 'privacy.referral_declined',
            recordType: 'registration',
            recordId: referral.id,
            gemeenteSlug: referral.gemeenteSlug,
            detail: { heldUntil: held },
          },
          now,
        );
      // Queued after the deletion (which removes mail that mentions the referral): no names, only
      // the day and the reference from the referrer's own confirmation.
      await queueEmail(tx, {
        to: details.referrer.email,
        template: 'referral-outcome',
        gemeente: referral.gemeenteSlug,
        data: { outcome: 'declined', referredOn: amsterdamDate(link.sentAt), reference },
      });
      return result;
    });
    if (erased) await eraseMailFiles(deps.dataDir, [erased]);
    return { answer: 'declined' };
  }
  if (form.answer !== 'ja') throw privacyError('privacy.invalid_referral_answer');
  const parsed = confirmSchema.safeParse(form);
  if (!parsed.success) throw privacyError('privacy.invalid_referral_answer');
  const contactBy = parsed.data.contactBy || null;
  const contactTime = parsed.data.contactTime || null;
  await deps.db.transaction(async (tx) => {
    const { link, referral, details } = await lockAnswerable(tx, token, now);
    const repo = createReferralConsentRepository({ db: tx });
    if (!(await repo.answerLink(link.registrationId, 'confirmed', now))) throw privacyError('privacy.link_gone');
    await repo.insertConsent({
      registrationId: referral.id,
      method: 'link',
      givenOn: amsterdamDate(now),
      recordedAt: now,
      contactBy,
      contactTime,
      shareOutcome: details.wantsUpdates && parsed.data.shareOutcome === 'ja',
    });
    await createRegistrationsRepository({ db: tx }).touch(referral.id, now);
    await recordAudit(
      tx,
      actor,
      {
        action: 'privacy.parent_consent',
        recordType: 'registration',
        recordId: referral.id,
        gemeenteSlug: referral.gemeenteSlug,
        detail: { method: 'link', givenOn: amsterdamDate(now) },
      },
      now,
    );
  });
  return { answer: 'confirmed', contactBy, contactTime };
}

/** The link (locked) and its referral (locked for deletion); an AppError when it cannot be answered now. */
async function lockAnswerable(tx: DbOrTx, token: string, now: Date) {
  const link = await openLink(tx, token, now, { lock: true });
  if (!link) throw privacyError('privacy.link_gone');
  const referral = await createRegistrationsRepository({ db: tx }).lockForDeletion(link.registrationId);
  if (!referral) throw privacyError('privacy.referral_busy');
  const details = referralDetails(referral.details);
  if (!details) throw privacyError('privacy.link_gone');
  return { link, referral, details };
}

// ---------------------------------------------------------------- the referrer hears the outcome

/**
 * Called for every change of a koppeling (recordKoppelingEvent, in its transaction): when support
 * starts or ends for a family, each referral of that family whose referrer asked to hear it and
 * whose parents agreed gets one short mail (the day of the referral and its reference, nothing more).
 */
export async function tellReferrersOfOutcome(tx: DbOrTx, event: Pick<KoppelingEvent, 'koppeling' | 'change' | 'at'>) {
  const outcome = event.change === 'started' ? 'started' : event.change === 'closed' ? 'ended' : null;
  if (!outcome) return;
  const referralIds =
    (await createInboxRepository({ db: tx }).referralsOf([event.koppeling.vraaggezinId])).get(
      event.koppeling.vraaggezinId,
    ) ?? [];
  if (referralIds.length === 0) return;
  const { consents } = await createReferralConsentRepository({ db: tx }).ofReferrals(referralIds);
  const registrations = createRegistrationsRepository({ db: tx });
  for (const referralId of referralIds) {
    const referral = await registrations.getById(referralId);
    const details = referral && referralDetails(referral.details);
    if (!referral) continue;
    if (!details?.wantsUpdates || !consents.get(referral.id)?.shareOutcome) continue;
    await queueEmail(tx, {
      to: details.referrer.email,
      template: 'referral-outcome',
      gemeente: referral.gemeenteSlug,
      data: { outcome, referredOn: amsterdamDate(referral.createdAt), reference: referralReference(referral.id) },
    });
  }
}
