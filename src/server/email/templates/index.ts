/**
 * Every e-mail the portal sends. Add a template: write a module next to this one with
 * `defineEmailTemplate` and list it here; `queueEmail` then accepts its name and typed data.
 */
import type { z } from 'zod';
import { correctionRequest } from './correction-request';
import { generic } from './generic';
import { koppelingConfirmation } from './koppeling-confirmation';
import { notificationDigest } from './notification-digest';
import { passwordReset } from './password-reset';
import { privacyRequest } from './privacy-request';
import { referralConfirmRequest } from './referral-confirm-request';
import { referralOutcome } from './referral-outcome';
import { registrationNotification } from './registration-notification';
import { registrationReceived } from './registration-received';
import { safetyConcern } from './safety-concern';
import { satisfactionSurvey } from './satisfaction-survey';
import { staffInvitation } from './staff-invitation';
import { vogRenewal } from './vog-renewal';

export const emailTemplates = {
  generic,
  'registration-received': registrationReceived,
  'registration-notification': registrationNotification,
  'staff-invitation': staffInvitation,
  'password-reset': passwordReset,
  'notification-digest': notificationDigest,
  'vog-renewal': vogRenewal,
  'koppeling-confirmation': koppelingConfirmation,
  'safety-concern': safetyConcern,
  'satisfaction-survey': satisfactionSurvey,
  'privacy-request': privacyRequest,
  'correction-request': correctionRequest,
  'referral-confirm-request': referralConfirmRequest,
  'referral-outcome': referralOutcome,
} as const;

export type EmailTemplateName = keyof typeof emailTemplates;
/** What a caller passes as `data` for template N (defaults may be left out). */
export type EmailTemplateData<N extends EmailTemplateName> = z.input<(typeof emailTemplates)[N]['data']>;
export type TemplateNeedsGemeente<N extends EmailTemplateName> = (typeof emailTemplates)[N]['needsGemeente'];

export function isEmailTemplateName(name: string): name is EmailTemplateName {
  return Object.hasOwn(emailTemplates, name);
}
