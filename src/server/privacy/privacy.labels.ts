/** Dutch words of the privacy domain. */

/** After a change on /inbox/{id}/bewaren (`?gedaan=<intent>`). */
export const HOLD_DONE_MESSAGES: Record<string, string> = {
  hold: 'De bewaarafspraak staat erin. De gegevens blijven tot en met die datum bewaard.',
  lift: 'De bewaarafspraak is opgeheven. Vanaf nu gelden de gewone bewaartermijnen weer.',
};

export const HOLD_LIMITS = { reasonMax: 500, maxYears: 10 } as const;

/** How parents gave their own confirmation of a referral. */
export const CONSENT_METHODS = { in_person: 'in een gesprek', phone: 'aan de telefoon' } as const;
export type ConsentMethod = keyof typeof CONSENT_METHODS;

export const CONSENT_DONE_MESSAGES: Record<string, string> = {
  consent: 'Vastgelegd: de ouders hebben de verwijzing zelf bevestigd.',
};
