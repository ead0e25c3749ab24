/** Dutch labels for the staff pages. */
import type { ProfileStatus } from './profiles.repository';

export const PROFILE_STATUS_LABELS: Record<ProfileStatus, string> = {
  draft: 'Concept',
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
  match: 'Fijn! Het profiel laat nu zien dat er een steungezin is gevonden.',
  withdraw: 'Het profiel is ingetrokken en staat niet meer online.',
  unpublish: 'Het profiel staat niet meer online en is weer een concept.',
  posting: 'Het bericht is vastgelegd.',
  'posting-removed': 'Het bericht staat genoteerd als weggehaald.',
};

/** Above the flags when publishing was refused. */
export const PUBLISH_BLOCKED_MESSAGE =
  'Publiceren kan nog niet: de controle vond gegevens die het gezin herkenbaar kunnen maken. Pas de tekst aan, of schrijf bij elk punt waarom het geen kwaad kan.';

/** Where a flag was found: "het profiel" or "het veld story". */
export function flagPlace(field: string): string {
  return field === 'profiel' ? 'het profiel' : `het veld ${field}`;
}
