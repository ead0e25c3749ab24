/**
 * Demo mails, queued with the demo content, so a new developer finds a few e-mails at
 * /dev/mailbox (or in their SMTP catcher) right after the first `npm start`.
 */
import type { DbOrTx } from '~/server/db/db';
import { queueEmail, queueEmailToCoordinators } from './email.usecases';

export async function queueDemoMails(tx: DbOrTx, { coordinatorEmail }: { coordinatorEmail: string }): Promise<void> {
  await queueEmail(tx, {
    to: coordinatorEmail,
    template: 'generic',
    data: {
      subject: 'Welkom in de demo van het Buurtgezinnen-portaal',
      heading: 'Hier zie je wat het portaal verstuurt',
      paragraphs: [
        'Dit is een demo. Het portaal verstuurt hier geen echte e-mail: elke e-mail komt in dit postvak terecht.',
        'Zo zie je precies wat ouders, steungezinnen, verwijzers en coördinatoren van het portaal krijgen.',
      ],
      action: { label: 'Naar de website', path: '/' },
    },
  });
  await queueEmail(tx, {
    to: 'ouder@demo.buurtgezinnen.nl',
    template: 'registration-received',
    gemeente: 'beekdaelen',
    data: { kind: 'vraaggezin', firstName: 'Sanne' },
  });
  await queueEmailToCoordinators(tx, {
    template: 'registration-notification',
    gemeente: 'beekdaelen',
    data: { inboxPath: '/inbox' },
  });
  await queueEmail(tx, {
    to: 'steungezin@demo.buurtgezinnen.nl',
    template: 'registration-received',
    gemeente: 'heerenveen',
    data: { kind: 'steungezin', firstName: 'Jelle' },
  });
  await queueEmail(tx, {
    to: 'ib@demo-basisschool.nl',
    template: 'registration-received',
    gemeente: 'beekdaelen',
    data: { kind: 'verwijzing' },
  });
}
