/** Dutch labels for the staff pages. */
import type { ProfileStatus } from './profiles.repository';

export const PROFILE_STATUS_LABELS: Record<ProfileStatus, string> = {
  draft: 'Concept',
  review: 'Wacht op tweede blik',
  published: 'Gepubliceerd',
  matched: 'Gekoppeld',
  withdrawn: 'Ingetrokken',
};

export const POSTING_CHANNEL_LABELS: Record<string, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  anders: 'Ergens anders',
};

/** Shown on the profile page after a change (the form intent, or 'opgeslagen' after the editor). */
export const PROFILE_DONE_MESSAGES: Record<string, string> = {
  opgeslagen: 'Het profiel is opgeslagen.',
  publish: 'Het profiel staat online. Deel het nu op Facebook en Instagram.',
  'tweede-blik':
    'Het profiel wacht nu op een tweede blik. Vraag een andere coördinator van de gemeente, de regiocoördinator of het landelijk bureau om mee te kijken.',
  approve: 'Goedgekeurd: het profiel staat online.',
  'send-back': 'Het profiel is weer een concept. Pas de tekst aan en publiceer opnieuw.',
  match: 'Fijn! De oproep staat niet meer online. Haal nu ook je berichten op Facebook en Instagram weg.',
  withdraw: 'Het profiel is ingetrokken en staat niet meer online.',
  unpublish: 'Het profiel staat niet meer online en is weer een concept.',
  posting: 'Het bericht is vastgelegd.',
  'posting-removed': 'Het bericht staat genoteerd als weggehaald.',
};

/** Above the flags when publishing was refused. */
export const PUBLISH_BLOCKED_MESSAGE =
  'Publiceren kan nog niet: de controle vond gegevens die het gezin herkenbaar kunnen maken. Pas de tekst aan, of schrijf bij elk punt waarom het geen kwaad kan.';
