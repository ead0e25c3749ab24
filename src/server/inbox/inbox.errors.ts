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
});
