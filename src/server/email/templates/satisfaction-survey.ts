import { z } from 'zod';
import { defineEmailTemplate, formatDate, portalPath } from './template';

/**
 * To a family after an evaluation or the afronding: a short survey about how it went, and once
 * more some days later when the link was not used yet (`reminder`). The mail holds only a
 * personal, single-use link (/enquete/<token>); no details of the koppeling.
 */
export const satisfactionSurvey = defineEmailTemplate({
  audience: 'public',
  needsGemeente: true,
  data: z.object({
    /** The personal survey page (/enquete/<token>). */
    path: portalPath,
    /** Until when the link works. */
    expiresAt: z.coerce.date(),
    /** The one reminder, some days later when the first link was not used yet. */
    reminder: z.boolean().optional(),
  }),
  render: (data, { gemeente, url }) => ({
    subject: data.reminder
      ? `Nog even: hoe gaat het met Buurtgezinnen ${gemeente!.name}?`
      : `Hoe gaat het? Vijf minuten voor Buurtgezinnen ${gemeente!.name}`,
    preheader: 'Zes korte vragen over hoe wij het doen. Je antwoord helpt ons en andere gezinnen.',
    heading: 'Hoe vind je dat het gaat?',
    blocks: [
      { type: 'paragraph', text: 'Hallo,' },
      ...(data.reminder
        ? [
            {
              type: 'paragraph' as const,
              text: 'Een paar dagen geleden vroegen we je naar je ervaring. Misschien kwam het er nog niet van; daarom nog één keer. Daarna vragen we het niet meer.',
            },
          ]
        : []),
      {
        type: 'paragraph',
        text: 'We willen graag weten hoe jij Buurtgezinnen ervaart. Het zijn zes korte vragen en een vak voor wat je nog kwijt wilt. Je antwoorden tellen mee in een overzicht zonder namen.',
      },
      { type: 'button', label: 'Vul de vragen in', url: url(data.path) },
      {
        type: 'paragraph',
        text: `De link is alleen voor jou en werkt één keer, tot ${formatDate(data.expiresAt)}. Geen zin of geen tijd? Dan hoef je niets te doen.`,
      },
    ],
  }),
});
