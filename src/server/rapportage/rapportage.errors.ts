import { defineErrors } from '~/server/errors/errors';

export const rapportageError = defineErrors({
  'rapportage.invalid_input': { status: 400, message: 'Niet alles klopt. Kijk de velden na.' },
});
