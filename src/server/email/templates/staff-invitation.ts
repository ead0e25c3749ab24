import { z } from 'zod';
import { defineEmailTemplate, formatDateTime, portalPath } from './template';

/** Invitation to a new staff account: a link to choose a password. */
export const staffInvitation = defineEmailTemplate({
  audience: 'staff',
  needsGemeente: false,
  data: z.object({
    /** The one-time link to accept, e.g. '/uitnodiging/<token>'. */
    invitePath: portalPath,
    /** Who invited them (display name), optional. */
    inviterName: z.string().trim().min(1).max(100).optional(),
    /** When the link stops working. */
    expiresAt: z.coerce.date(),
  }),
  render: (data, { url }) => ({
    subject: 'Je uitnodiging voor het portaal van Buurtgezinnen',
    preheader: 'Kies een wachtwoord om je account te gebruiken.',
    heading: 'Welkom bij het portaal van Buurtgezinnen',
    blocks: [
      {
        type: 'paragraph',
        text: `${data.inviterName ?? 'Iemand van Buurtgezinnen'} heeft een account voor je gemaakt. Met dit account werk je in het portaal aan aanmeldingen en koppelingen.`,
      },
      { type: 'paragraph', text: 'Kies een wachtwoord via de knop hieronder.' },
      { type: 'button', label: 'Kies je wachtwoord', url: url(data.invitePath) },
      {
        type: 'paragraph',
        text: `De link werkt tot ${formatDateTime(data.expiresAt)} en maar één keer. Verwacht je deze uitnodiging niet? Dan kun je deze e-mail negeren.`,
      },
    ],
  }),
});
