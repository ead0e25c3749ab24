import { BSN_MESSAGE } from '~/lib/sensitive-text';
import { defineErrors } from '~/server/errors/errors';

export const inboxError = defineErrors({
  'inbox.invalid_transition': {
    status: 400,
    message: 'Deze stap kan niet vanuit de huidige status. Kies een van de stappen die de pagina laat zien.',
  },
  'inbox.stale_status': {
    status: 409,
    message: 'Iemand anders heeft de status net veranderd. Bekijk de nieuwe situatie en probeer het opnieuw.',
  },
  'inbox.note_required': { status: 400, message: 'Schrijf er kort bij waarom, of waarheen.' },
  'inbox.invalid_input': { status: 400, message: 'Niet alle gegevens kloppen. Kijk de velden na.' },
  'inbox.bsn': { status: 422, message: BSN_MESSAGE },
  /** Not an error but a question: the same form comes back with a box to tick (nothing stored yet). */
  'inbox.health_words': {
    status: 422,
    message:
      'Je schrijft over een diagnose of over gezondheid. Schrijf dat alleen op als het nodig is voor de volgende stap. Is het nodig? Zet dan het vinkje en sla opnieuw op.',
  },
});
