import { z } from 'zod';
import { defineEmailTemplate, portalPath } from './template';

/**
 * To the regional coordinator(s), the national office and the gemeente's coordinators at once:
 * a concern about a child's safety was recorded. Only the gemeente and a link: what happened is
 * only in the portal (mailboxes get forwarded and leaked).
 */
export const safetyConcern = defineEmailTemplate({
  audience: 'staff',
  needsGemeente: true,
  data: z.object({ path: portalPath }),
  render: (data, { gemeente, url }) => ({
    subject: `Zorg over veiligheid gemeld in ${gemeente!.name}`,
    preheader: 'Log in om te lezen wat er speelt.',
    heading: `Er is een zorg over veiligheid gemeld in ${gemeente!.name}`,
    blocks: [
      {
        type: 'paragraph',
        text: 'Een collega heeft een zorg over de veiligheid van een kind vastgelegd. Lees in het portaal wat er speelt en welke stappen van de meldcode al zijn gezet.',
      },
      { type: 'button', label: 'Lees de melding in het portaal', url: url(data.path) },
      {
        type: 'paragraph',
        text: 'In deze e-mail staan bewust geen gegevens over het gezin of de zorg. Die vind je alleen in het portaal.',
      },
    ],
  }),
});
