import { z } from 'zod';
import { defineEmailTemplate, formatDateTime, portalPath } from './template';

/** A link to set a new password; harmless if someone else asked for it. */
export const passwordReset = defineEmailTemplate({
  audience: 'staff',
  needsGemeente: false,
  data: z.object({
    /** The one-time link, e.g. '/inloggen/nieuw-wachtwoord/<token>'. */
    resetPath: portalPath,
    /** When the link stops working. */
    expiresAt: z.coerce.date(),
  }),
  render: (data, { url }) => ({
    subject: 'Een nieuw wachtwoord kiezen',
    preheader: 'Via de link in deze e-mail kies je een nieuw wachtwoord.',
    heading: 'Kies een nieuw wachtwoord',
    blocks: [
      {
        type: 'paragraph',
        text: 'Iemand heeft gevraagd om een nieuw wachtwoord voor jouw account in het portaal van Buurtgezinnen. Was jij dat? Kies dan via de knop een nieuw wachtwoord.',
      },
      { type: 'button', label: 'Kies een nieuw wachtwoord', url: url(data.resetPath) },
      { type: 'paragraph', text: `De link werkt tot ${formatDateTime(data.expiresAt)} en maar één keer.` },
      {
        type: 'paragraph',
        text: 'Heb je dit niet gevraagd? Dan kun je deze e-mail negeren. Je wachtwoord blijft hetzelfde.',
      },
    ],
  }),
});
