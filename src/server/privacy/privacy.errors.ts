import { defineErrors } from '~/server/errors/errors';

export const privacyError = defineErrors({
  'privacy.invalid_hold': {
    status: 400,
    message: 'Vul een datum in de toekomst in (uiterlijk over 10 jaar) en schrijf kort waarom je de gegevens bewaart.',
  },
  'privacy.no_hold': { status: 409, message: 'Er is geen bewaarafspraak (meer) voor deze aanmelding.' },
});
