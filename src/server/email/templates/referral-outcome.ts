import { z } from 'zod';
import { defineEmailTemplate, formatDate } from './template';

const SENTENCES = {
  declined:
    'De ouders hebben laten weten dat ze geen steun van Buurtgezinnen willen. We hebben de aanmelding en alle gegevens erover verwijderd.',
  started: 'De steun van een steungezin is begonnen.',
  ended: 'De steun van het steungezin is gestopt.',
} as const;

const CLOSING = {
  declined: 'Meer kunnen we je niet vertellen. Zo blijft de keuze bij de ouders zelf.',
  started:
    'Meer vertellen we niet: wat er in het gezin gebeurt, blijft tussen het gezin en ons. Je hoort nog één keer van ons: als de steun stopt.',
  ended: 'Dit is ons laatste bericht over deze verwijzing. Dank je wel dat je aan Buurtgezinnen dacht.',
} as const;

/**
 * To the referrer (decision 031): the parents declined, or support started or ended. Never a
 * name or a detail: the referrer recognises the referral by its day and the reference from her own
 * confirmation mail (registration-received).
 */
export const referralOutcome = defineEmailTemplate({
  audience: 'public',
  needsGemeente: true,
  data: z.object({
    outcome: z.enum(['declined', 'started', 'ended']),
    /** The day of the referral (YYYY-MM-DD). */
    referredOn: z.iso.date(),
    /** As in the referrer's confirmation mail ('VW-3F9A2C'). */
    reference: z.string().regex(/^VW-[0-9A-F]{6}$/),
  }),
  render: (data, { gemeente }) => ({
    subject: `Over je verwijzing ${data.reference} – Buurtgezinnen ${gemeente!.name}`,
    preheader: SENTENCES[data.outcome],
    heading: data.outcome === 'declined' ? 'De ouders willen geen steun' : 'Nieuws over je verwijzing',
    blocks: [
      { type: 'paragraph', text: 'Hallo,' },
      {
        type: 'paragraph',
        text: `Dit gaat over het gezin dat je op ${formatDate(new Date(`${data.referredOn}T12:00:00Z`))} naar ons hebt verwezen, met kenmerk ${data.reference}.`,
      },
      { type: 'paragraph', text: SENTENCES[data.outcome] },
      {
        type: 'paragraph',
        text: CLOSING[data.outcome],
      },
    ],
  }),
});
