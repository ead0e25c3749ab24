import { z } from 'zod';
import { defineEmailTemplate, formatDate, portalPath } from './template';

/**
 * To a family (vraaggezin or steungezin): please read and confirm the agreements and huisregels.
 * The mail holds only a personal link; what was agreed is on the page behind it.
 */
export const koppelingConfirmation = defineEmailTemplate({
  audience: 'public',
  needsGemeente: true,
  data: z.object({
    /** For the greeting only; optional. */
    firstName: z.string().trim().min(1).max(60).optional(),
    /** The personal confirmation page (/afspraken/<token>). */
    path: portalPath,
    /** Until when the link works. */
    expiresAt: z.coerce.date(),
  }),
  render: (data, { gemeente, url }) => ({
    subject: `Wil je de afspraken bevestigen? – Buurtgezinnen ${gemeente!.name}`,
    preheader: 'Lees de afspraken en huisregels en zet je handtekening met één klik.',
    heading: 'Lees en bevestig jullie afspraken',
    blocks: [
      { type: 'paragraph', text: data.firstName ? `Beste ${data.firstName},` : 'Hallo,' },
      {
        type: 'paragraph',
        text: 'Wat fijn dat jullie samen verdergaan. Jullie hebben afspraken gemaakt en huisregels besproken. Wil je ze nog een keer lezen en laten weten dat je het ermee eens bent?',
      },
      { type: 'button', label: 'Lees en bevestig de afspraken', url: url(data.path) },
      {
        type: 'paragraph',
        text: `De link is alleen voor jou en werkt één keer, tot ${formatDate(data.expiresAt)}. Klopt er iets niet? Beantwoord dan deze e-mail, dan passen we het aan.`,
      },
    ],
  }),
});
