import { z } from 'zod';
import { defineEmailTemplate, portalPath } from './template';

/**
 * To the coordinators of a gemeente: there is a new sign-up, look in the inbox. On purpose it
 * says nothing about who signed up or why: mailboxes get forwarded, shared and leaked.
 */
export const registrationNotification = defineEmailTemplate({
  audience: 'staff',
  needsGemeente: true,
  data: z.object({
    /** Where the coordinator sees it after logging in, e.g. '/inbox' or '/inbox/<id>'. */
    inboxPath: portalPath,
    /** Why this person gets it (responsibility.ts): as the coordinator, or standing in for a missing one. */
    reason: z.enum(['coordinator', 'regional', 'backoffice']).default('coordinator'),
  }),
  render: (data, { gemeente, url }) => ({
    subject: `Nieuwe aanmelding in ${gemeente!.name}`,
    preheader: 'Log in om de aanmelding te bekijken.',
    heading: `Er is een nieuwe aanmelding in ${gemeente!.name}`,
    blocks: [
      ...(data.reason === 'coordinator'
        ? []
        : [
            {
              type: 'paragraph' as const,
              text:
                data.reason === 'regional'
                  ? `${gemeente!.name} heeft nu geen coördinator. Daarom komt deze aanmelding bij jou als regiocoördinator. In de bevestiging staat dat jij contact opneemt.`
                  : `${gemeente!.name} heeft nu geen coördinator en de regio geen regiocoördinator. Daarom komt deze aanmelding bij het landelijk bureau. In de bevestiging staat dat het landelijk bureau contact opneemt.`,
            },
          ]),
      { type: 'paragraph', text: 'Log in op het portaal om de aanmelding te bekijken en op te pakken.' },
      { type: 'button', label: 'Open de inbox', url: url(data.inboxPath) },
      {
        type: 'paragraph',
        text: 'In deze e-mail staan bewust geen gegevens over de aanmelding. Die vind je alleen in het portaal.',
      },
    ],
  }),
});
