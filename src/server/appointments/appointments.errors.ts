import { defineErrors } from '~/server/errors/errors';

export const appointmentError = defineErrors({
  'appointment.invalid_input': { status: 400, message: 'Niet alle gegevens kloppen. Kijk de velden na.' },
  'appointment.not_a_family': {
    status: 400,
    message: 'Een kennismaking plan je bij het gezin of het steungezin zelf, niet bij een verwijzing.',
  },
  'appointment.not_found': { status: 404, message: 'Deze afspraak bestaat niet (meer).' },
  'appointment.staff_not_here': {
    status: 400,
    message: 'Kies iemand die in deze gemeente werkt.',
  },
});
