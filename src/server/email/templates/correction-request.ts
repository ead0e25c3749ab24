import { z } from 'zod';
import { defineEmailTemplate, portalPath } from './template';

/**
 * To the coordinators of a gemeente: someone asked on /mijn-gegevens to correct her data
 * (privacy.requests.ts). Only a link: what she wrote is a note on the record in the portal.
 */
export const correctionRequest = defineEmailTemplate({
  audience: 'staff',
  needsGemeente: true,
  data: z.object({ path: portalPath }),
  render: (data, { gemeente, url }) => ({
    subject: `Verzoek om gegevens te verbeteren in ${gemeente!.name}`,
    preheader: 'Antwoord binnen 4 weken.',
    heading: 'Iemand vraagt om haar of zijn gegevens te verbeteren',
    blocks: [
      {
        type: 'paragraph',
        text: 'Via "Mijn gegevens" vroeg iemand om iets in de aanmelding te verbeteren. Je leest het verzoek als notitie bij de aanmelding. Pas het aan en laat de persoon weten dat het klopt. Dat moet binnen 4 weken.',
      },
      { type: 'button', label: 'Open de aanmelding', url: url(data.path) },
      { type: 'paragraph', text: 'In deze e-mail staan bewust geen gegevens. Die vind je alleen in het portaal.' },
    ],
  }),
});
