import type { EmailTemplateName } from './templates';

/** What each mail is, in the words of the backoffice (/beheer/e-mail). */
export const EMAIL_TEMPLATE_LABELS: Record<EmailTemplateName, string> = {
  generic: 'Algemeen bericht',
  'registration-received': 'Bevestiging van een aanmelding',
  'registration-notification': 'Melding nieuwe aanmelding (coördinator)',
  'staff-invitation': 'Uitnodiging voor een medewerker',
  'password-reset': 'Wachtwoord herstellen',
  'notification-digest': 'Dagoverzicht (coördinator)',
  'vog-renewal': 'VOG verloopt binnenkort (coördinator)',
  'koppeling-confirmation': 'Afspraken bevestigen (gezin)',
  'safety-concern': 'Zorg over veiligheid (coördinatoren)',
  'satisfaction-survey': 'Vragenlijst tevredenheid (gezin)',
  'privacy-request': 'Mijn gegevens: link of antwoord op een verzoek',
  'correction-request': 'Verzoek om gegevens te verbeteren (coördinator)',
  'referral-confirm-request': 'Verwijzing bevestigen (ouder)',
  'referral-outcome': 'Uitkomst van een verwijzing (verwijzer)',
};

/** Failed: the mail server refused it too often; overdue: waiting more than five minutes. */
export const EMAIL_PROBLEM_STATE_LABELS = { failed: 'Mislukt', overdue: 'Vertraagd' } as const;

/** Shown on /beheer/e-mail after a change (the form intent is the key). */
export const EMAIL_BACKOFFICE_DONE_MESSAGES: Record<string, string> = {
  retry: 'Het bericht wordt nu opnieuw verstuurd.',
  discard: 'Het bericht is weggegooid. Het wordt niet meer verstuurd.',
};
