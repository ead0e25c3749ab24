import { z } from 'zod';
import { referrerPhrase } from '~/server/privacy/privacy.consent.labels';
import { defineEmailTemplate, formatDate, portalPath } from './template';

/**
 * To the parent of a referred family (decision 031): someone referred you, is that right? The mail
 * says only what kind of organisation referred (so she recognises it), never a name or what the
 * referrer wrote; the personal link leads to her answer: yes (and how to be contacted) or no.
 */
export const referralConfirmRequest = defineEmailTemplate({
  audience: 'public',
  needsGemeente: true,
  data: z.object({
    /** The parent's personal page (/verwijzing/<token>). */
    path: portalPath,
    /** Until when the link works. */
    expiresAt: z.coerce.date(),
    /** A code of organisationTypeOptions. */
    organisationType: z.string().trim().max(40),
  }),
  render: (data, { gemeente, url }) => {
    const who = referrerPhrase(data.organisationType);
    return {
      subject: `Is het goed dat we contact opnemen? – Buurtgezinnen ${gemeente!.name}`,
      preheader: 'Laat het ons weten met één klik.',
      heading: 'Jullie gezin is aangemeld',
      blocks: [
        { type: 'paragraph', text: 'Hallo,' },
        {
          type: 'paragraph',
          text: `${who[0]!.toUpperCase()}${who.slice(1)} heeft jullie gezin aangemeld bij Buurtgezinnen ${gemeente!.name}. Buurtgezinnen zoekt een gezin in de buurt dat jullie af en toe helpt. Het is gratis en vrijwillig.`,
        },
        {
          type: 'paragraph',
          text: 'Wil je dat we contact met je opnemen? Of wil je het liever niet? Laat het ons weten via de knop.',
        },
        { type: 'button', label: 'Geef je antwoord', url: url(data.path) },
        {
          type: 'paragraph',
          text: `De link is alleen voor jou en werkt tot ${formatDate(data.expiresAt)}. Zeg je nee, dan verwijderen we de aanmelding meteen.`,
        },
      ],
    };
  },
});
