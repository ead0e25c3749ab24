import { defineErrors } from '~/server/errors/errors';

export const screeningError = defineErrors({
  'screening.not_steungezin': { status: 400, message: 'Alleen een steungezin heeft een screening.' },
  'screening.invalid_input': { status: 400, message: 'Niet alle gegevens kloppen. Kijk de velden na.' },
  'screening.not_approvable': {
    status: 409,
    message: 'Goedkeuren kan nog niet: eerst beide gesprekken, de VOG van iedere volwassene en de competentielijst.',
  },
  'screening.checklist_incomplete': {
    status: 400,
    message: 'Afvinken kan pas als alle punten van de lijst kloppen. Past een punt niet, bespreek het dan eerst.',
  },
});
