import { BSN_MESSAGE } from '~/lib/sensitive-text';
import { defineErrors } from '~/server/errors/errors';

/** Errors of /mijn-gegevens and the queue of requests (privacy.requests.ts). */
export const requestsError = defineErrors({
  'requests.invalid_contact': {
    status: 400,
    message:
      'Vul het e-mailadres of telefoonnummer in dat je bij je aanmelding gebruikte, bijvoorbeeld naam@voorbeeld.nl of 06-12345678.',
  },
  'requests.rate_limited': {
    status: 429,
    message:
      'Je hebt al een paar keer om een link gevraagd. Kijk in je e-mail (ook bij ongewenste e-mail). Geen link gekregen? Probeer het over een uur opnieuw.',
  },
  'requests.link_gone': {
    status: 404,
    message: 'Deze link werkt niet meer. Vraag een nieuwe link aan op de pagina Mijn gegevens.',
  },
  'requests.invalid_correction': {
    status: 400,
    message: 'Schrijf wat er niet klopt en hoe het wel moet zijn (hoogstens 2000 tekens).',
  },
  // A BSN is never stored (docs/domain.md), not even when the person offers it herself.
  'requests.bsn': { status: 422, message: BSN_MESSAGE },
  'requests.erase_unconfirmed': {
    status: 400,
    message: 'Vink aan dat je wilt dat we alles van deze aanmelding verwijderen.',
  },
  'requests.unknown_sign_up': {
    status: 404,
    message: 'Deze aanmelding hoort niet (meer) bij je link. Vraag een nieuwe link aan.',
  },
  'requests.withheld': {
    status: 409,
    message: 'Over deze aanmelding praten we liever persoonlijk met je. Neem contact op met het landelijk bureau.',
  },
  'requests.not_open': {
    status: 409,
    message: 'Dit verzoek is al afgehandeld. Ververs de pagina.',
  },
  'requests.invalid_decision': { status: 400, message: 'Kies een verzoek uit de lijst.' },
});
