import { z } from 'zod';
import { defineEmailTemplate, formatDateTime, portalPath } from './template';

/**
 * To someone who used /mijn-gegevens (privacy.requests.ts, decision 030): the link to see her
 * data, or the answer to her request to delete it. Never a name, a gemeente or what is stored:
 * only the link, or one plain sentence about the outcome (mailboxes get shared and forwarded).
 */
export const privacyRequest = defineEmailTemplate({
  audience: 'public',
  needsGemeente: false,
  data: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('link'), path: portalPath, expiresAt: z.coerce.date() }),
    z.object({ kind: z.literal('erased') }),
    z.object({
      kind: z.literal('refused'),
      reason: z.enum(['held', 'open_koppeling', 'concern']),
    }),
  ]),
  render: (data, { url }) => {
    if (data.kind === 'link')
      return {
        subject: 'Je link om je gegevens te bekijken – Buurtgezinnen',
        preheader: 'Via deze link zie je wat we van je hebben opgeslagen.',
        heading: 'Bekijk je gegevens',
        blocks: [
          { type: 'paragraph', text: 'Hallo,' },
          {
            type: 'paragraph',
            text: 'Je vroeg om te zien welke gegevens Buurtgezinnen van je heeft. Via de knop kom je bij je gegevens. Daar kun je ze ook downloaden, laten verbeteren of laten verwijderen.',
          },
          { type: 'button', label: 'Bekijk mijn gegevens', url: url(data.path) },
          {
            type: 'paragraph',
            text: `De link werkt tot ${formatDateTime(data.expiresAt)}. Stuur deze e-mail niet door: met de link kan iemand anders je gegevens zien. Heb je dit niet zelf gevraagd? Dan hoef je niets te doen.`,
          },
        ],
      };
    if (data.kind === 'erased')
      return {
        subject: 'Je gegevens zijn verwijderd – Buurtgezinnen',
        heading: 'Je gegevens zijn verwijderd',
        blocks: [
          { type: 'paragraph', text: 'Hallo,' },
          {
            type: 'paragraph',
            text: 'Je vroeg ons om je gegevens te verwijderen. Dat hebben we gedaan. We hebben nu niets meer van deze aanmelding. Wil je later toch weer meedoen? Dan ben je van harte welkom om je opnieuw aan te melden.',
          },
        ],
      };
    return {
      subject: 'Over je verzoek om je gegevens te verwijderen – Buurtgezinnen',
      heading: 'We kunnen je gegevens nu nog niet verwijderen',
      blocks: [
        { type: 'paragraph', text: 'Hallo,' },
        { type: 'paragraph', text: REFUSAL_SENTENCES[data.reason] },
        {
          type: 'paragraph',
          text: 'Heb je vragen, of ben je het er niet mee eens? Beantwoord dan deze e-mail. Je mag ook een klacht indienen bij de Autoriteit Persoonsgegevens.',
        },
      ],
    };
  },
});

/** Why a deletion waits, in plain words and without anything about the family. */
const REFUSAL_SENTENCES = {
  held: 'Je vroeg ons om je gegevens te verwijderen. Dat kan nu nog niet: we hebben afgesproken om ze nog een tijd te bewaren, bijvoorbeeld omdat er een klacht loopt. Zodra die afspraak voorbij is, verwijderen we ze alsnog. Je hoeft dan niets meer te doen.',
  open_koppeling:
    'Je vroeg ons om je gegevens te verwijderen. Dat kan nu nog niet: je doet op dit moment mee aan een koppeling, of er ligt een voorstel voor een koppeling. Wil je stoppen? Bespreek het met je coördinator. Als de koppeling is afgerond, kun je opnieuw vragen om je gegevens te verwijderen.',
  concern:
    'Je vroeg ons om je gegevens te verwijderen. Dat kan nu nog niet: we moeten de gegevens nog even bewaren omdat we iets zorgvuldig moeten afronden. Je coördinator of het landelijk bureau legt je graag uit wat dat betekent.',
} as const;
