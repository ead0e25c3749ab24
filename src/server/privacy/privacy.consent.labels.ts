/** Dutch words for a referral the parents answer themselves (privacy.consent.ts, decision 031). */
import type { ReferralConsentState } from './privacy.consent';

/**
 * Who referred, as the parent recognises it: the kind of organisation, never its name or the
 * referrer's (organisationTypeOptions codes). Used in the parent's mail and on her page.
 */
const ORGANISATION_PHRASES: Record<string, string> = {
  school: 'iemand van school',
  huisarts: 'iemand van de huisartsenpraktijk',
  wijkteam: 'iemand van het wijkteam of jeugdteam',
  jgz: 'iemand van het consultatiebureau of de jeugdgezondheidszorg',
  kinderopvang: 'iemand van de kinderopvang',
  'maatschappelijk-werk': 'iemand van het maatschappelijk werk',
  welzijn: 'iemand van een welzijnsorganisatie',
};

export function referrerPhrase(organisationType: string | undefined): string {
  return (organisationType && ORGANISATION_PHRASES[organisationType]) || 'een hulpverlener';
}

/** How the parent wants to be contacted. */
export const CONTACT_BY = { phone: 'Bel me', email: 'Mail me' } as const;

/** The short mark in the inbox list, and the class of its badge. */
export function consentBadge(consent: ReferralConsentState): { text: string; tone: 'warm' | 'muted' } {
  switch (consent.state) {
    case 'confirmed':
      return { text: 'Ouders bevestigd', tone: 'muted' };
    case 'waiting':
      return { text: 'Wacht op ouders', tone: 'muted' };
    case 'declined':
      return { text: 'Ouders zeiden nee', tone: 'warm' };
    case 'not_asked':
      return { text: 'Toestemming vragen', tone: 'warm' };
  }
}
