import { z } from 'zod';
import { formatDateNl } from '~/lib/format';
import { defineEmailTemplate, portalPath } from './template';

/** To a gemeente's coordinators: a VOG of a steungezin needs renewing soon. A date and a link, no names. */
export const vogRenewal = defineEmailTemplate({
  audience: 'staff',
  needsGemeente: true,
  data: z.object({
    /** The first day the VOG is no longer valid enough (YYYY-MM-DD). */
    validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** The steungezin's page in the portal. */
    path: portalPath,
  }),
  render: (data, { gemeente, url }) => ({
    subject: `Een VOG verloopt binnenkort – Buurtgezinnen ${gemeente!.name}`,
    preheader: 'Vraag op tijd een nieuwe aan.',
    heading: 'Een VOG moet worden verlengd',
    blocks: [
      {
        type: 'paragraph',
        text: `De VOG van iemand in een steungezin in ${gemeente!.name} is geldig tot ${formatDateNl(data.validUntil)}. Vraag op tijd een nieuwe aan, zodat het steungezin kan blijven helpen.`,
      },
      { type: 'button', label: 'Bekijk het steungezin', url: url(data.path) },
      {
        type: 'paragraph',
        text: 'In deze e-mail staan bewust geen namen. Die vind je alleen in het portaal.',
      },
    ],
  }),
});
