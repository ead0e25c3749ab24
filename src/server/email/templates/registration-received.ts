import { z } from 'zod';
import { site } from '~/lib/site';
import type { EmailBlock } from '~/server/email/email.layout';
import { FIRST_CONTACT_WORKING_DAYS } from '~/server/responsibility/responsibility';
import { firstContactSentence } from '~/server/responsibility/responsibility.labels';
import { defineEmailTemplate } from './template';

/** What the person was promised at sign-up (responsibility.ts, FirstContactPromise). */
const promiseSchema = z.object({
  level: z.enum(['coordinator', 'regional', 'backoffice']),
  names: z.array(z.string().trim().min(1).max(100)).max(10),
  gemeenteName: z.string().trim().min(1).max(100),
  region: z.string().trim().min(1).max(100),
  workingDays: z.number().int().min(1).max(30),
  dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/**
 * Confirmation to the person who signed up: what happens next, when to expect contact, and
 * (for families) De Oudertelefoon while they wait. Never repeats what they wrote in the form.
 */
export const registrationReceived = defineEmailTemplate({
  audience: 'public',
  needsGemeente: true,
  data: z.object({
    /** What was signed up (the registration kind); a verwijzing's mail goes to the referrer. */
    kind: z.preprocess(
      // Mails queued before the kinds got one name said 'verwijzer'.
      (value) => (value === 'verwijzer' ? 'verwijzing' : value),
      z.enum(['vraaggezin', 'steungezin', 'verwijzing']),
    ),
    /** For the greeting only; optional. */
    firstName: z.string().trim().min(1).max(60).optional(),
    /** Who contacts them and within how many working days; mails queued before it was stored have none. */
    promise: promiseSchema.optional(),
    /** A referral's reference ('VW-3F9A2C', privacy.consent.ts): later mails about it name it instead of the family. */
    reference: z
      .string()
      .regex(/^VW-[0-9A-F]{6}$/)
      .optional(),
  }),
  render: (data, { gemeente, url }) => {
    const place = gemeente!.name;
    const audience = data.kind === 'verwijzing' ? 'referrer' : 'family';
    // The same sentence as the thank-you page (responsibility.labels.ts); without a stored promise, no name.
    const whoAndWhen = data.promise
      ? firstContactSentence(data.promise, audience)
      : `We nemen binnen ${FIRST_CONTACT_WORKING_DAYS} werkdagen contact ${audience === 'family' ? 'met je op' : 'op, met jou of met het gezin, zoals je hebt aangegeven'}.`;
    const days = `${data.promise?.workingDays ?? FIRST_CONTACT_WORKING_DAYS} werkdagen`;
    const greeting = { type: 'paragraph' as const, text: data.firstName ? `Beste ${data.firstName},` : 'Hallo,' };
    const oudertelefoon = (lead: string): EmailBlock[] => [
      { type: 'paragraph', text: `${lead} ${site.oudertelefoon.name}: ${site.oudertelefoon.summary}` },
      { type: 'link', label: site.oudertelefoon.url, url: site.oudertelefoon.url, before: 'Meer weten?' },
    ];
    const more: EmailBlock = {
      type: 'link',
      label: `Buurtgezinnen ${place}`,
      url: url(`/${gemeente!.slug}`),
      before: 'Lees meer over',
    };
    const reply: EmailBlock = {
      type: 'paragraph',
      text: 'Heb je een vraag, of klopt er iets niet? Beantwoord dan deze e-mail.',
    };

    switch (data.kind) {
      case 'vraaggezin':
        return {
          subject: `We hebben je aanmelding ontvangen – Buurtgezinnen ${place}`,
          preheader: `Binnen ${days} hoor je van ons.`,
          heading: 'Fijn dat je je hebt aangemeld',
          blocks: [
            greeting,
            { type: 'paragraph', text: `Je aanmelding bij Buurtgezinnen ${place} is goed aangekomen.` },
            {
              type: 'paragraph',
              text: `Wat gebeurt er nu? ${whoAndWhen} Samen maken jullie een afspraak om kennis te maken, meestal bij jou thuis. Jullie praten over wat goed gaat, wat lastig is en welke steun jullie gezin zou helpen.`,
            },
            { type: 'paragraph', text: 'Buurtgezinnen is gratis en vrijwillig. Je beslist zelf of je doorgaat.' },
            ...oudertelefoon('Wachten is soms lastig. Wil je intussen met iemand praten over opvoeden? Dat kan bij'),
            reply,
            more,
          ],
        };
      case 'steungezin':
        return {
          subject: `Bedankt voor je aanmelding als steungezin – Buurtgezinnen ${place}`,
          preheader: `Binnen ${days} hoor je van ons.`,
          heading: 'Bedankt dat je steungezin wilt worden',
          blocks: [
            greeting,
            { type: 'paragraph', text: `Je aanmelding bij Buurtgezinnen ${place} is goed aangekomen.` },
            {
              type: 'paragraph',
              text: `Wat gebeurt er nu? ${whoAndWhen} Jullie maken een afspraak voor een eerste gesprek. In twee gesprekken leren jullie elkaar kennen en kijken jullie samen wat bij jullie gezin past.`,
            },
            {
              type: 'paragraph',
              text: 'Elke volwassene in jullie huis vraagt een Verklaring Omtrent Gedrag (VOG) aan. Voor vrijwilligers is die gratis; wij helpen je met de aanvraag.',
            },
            reply,
            more,
          ],
        };
      case 'verwijzing':
        return {
          subject: `We hebben je verwijzing ontvangen – Buurtgezinnen ${place}`,
          preheader: `Binnen ${days} hoor je van ons.`,
          heading: 'Bedankt voor je verwijzing',
          blocks: [
            greeting,
            { type: 'paragraph', text: `Je verwijzing naar Buurtgezinnen ${place} is goed aangekomen.` },
            {
              type: 'paragraph',
              text: `Wat gebeurt er nu? ${whoAndWhen} Wil je horen wanneer de steun begint en stopt, en vinden de ouders dat goed? Dan mailen we je die twee keer kort.`,
            },
            ...(data.reference
              ? [
                  {
                    type: 'paragraph' as const,
                    text: `Het kenmerk van je verwijzing is ${data.reference}. Mailen we je later over dit gezin, dan noemen we alleen dit kenmerk en de datum, geen namen.`,
                  },
                ]
              : []),
            ...oudertelefoon('Moet het gezin wachten? Wijs de ouders gerust op'),
            reply,
            more,
          ],
        };
    }
  },
});
