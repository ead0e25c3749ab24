import type { EmailTemplateName } from './templates';

/** What each mail is, in the words of the backoffice (/beheer/e-mail). */
export const EMAIL_TEMPLATE_LABELS: Record<EmailTemplateName, string> = {
  generic: 'Algemeen bericht',
  'registration-received': 'Bevestiging van een aanmelding',
  'registration-notification': 'Melding nieuwe aanmelding (coördinator)',
  'staff-invitation': 'Uitnodiging voor een medewerker',
  'password-reset': 'Wachtwoord herstellen',
  'notification-digest': 'Dagoverzicht (coördinator)',
};
