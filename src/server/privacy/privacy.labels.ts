/** Dutch words of the privacy domain. */

/** After a change on /inbox/{id}/bewaren (`?gedaan=<intent>`). */
export const HOLD_DONE_MESSAGES: Record<string, string> = {
  hold: 'De bewaarafspraak staat erin. De gegevens blijven tot en met die datum bewaard.',
  lift: 'De bewaarafspraak is opgeheven. Vanaf nu gelden de gewone bewaartermijnen weer.',
};

export const HOLD_LIMITS = { reasonMax: 500, maxYears: 10 } as const;
