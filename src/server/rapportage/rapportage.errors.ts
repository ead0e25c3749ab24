import { defineErrors } from '~/server/errors/errors';

export const rapportageError = defineErrors({
  'rapportage.invalid_input': { status: 400, message: 'Niet alles klopt. Kijk de velden na.' },
  'survey.gone': {
    status: 410,
    message: 'Deze link werkt niet meer: de vragenlijst is al ingevuld, of de link is verlopen. Dank je wel!',
  },
  'survey.invalid_input': {
    status: 400,
    message: 'Geef minstens één cijfer van 1 tot 10, of schrijf iets in het tekstvak.',
  },
});
