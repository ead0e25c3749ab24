import { BSN_MESSAGE } from '~/lib/sensitive-text';
import { defineErrors } from '~/server/errors/errors';

export const profileError = defineErrors({
  'profile.not_found': { status: 404, message: 'Dit profiel bestaat niet (meer).' },
  'profile.not_a_family': {
    status: 400,
    message: 'Een profiel schrijf je voor een vraaggezin. Deze aanmelding is van een ander soort.',
  },
  'profile.invalid_input': { status: 422, message: 'Niet alle velden kloppen. Kijk de velden na die rood zijn.' },
  'profile.unresolved_flags': {
    status: 409,
    message:
      'Publiceren kan nog niet: de controle vond gegevens die het gezin herkenbaar kunnen maken. Pas de tekst aan, of leg per punt uit waarom het mag.',
  },
  'profile.override_reason_required': {
    status: 422,
    message: 'Schrijf bij elk punt dat je laat staan kort waarom het geen kwaad kan (minstens 10 tekens).',
  },
  'profile.invalid_transition': {
    status: 409,
    message: 'Dit kan niet in de huidige stand van het profiel. Vernieuw de pagina en kijk opnieuw.',
  },
  'profile.not_editable': { status: 409, message: 'Een gekoppeld of ingetrokken profiel kun je niet meer aanpassen.' },
  'profile.bsn': { status: 422, message: BSN_MESSAGE },
  'profile.in_review': {
    status: 409,
    message: 'Dit profiel wacht op een tweede blik. Wil je de tekst aanpassen? Zet het dan eerst terug naar concept.',
  },
  'profile.own_review': {
    status: 403,
    message:
      'Een tweede blik komt van iemand anders: een andere coördinator van de gemeente, de regiocoördinator of het landelijk bureau.',
  },
  'profile.invalid_posting': {
    status: 422,
    message: 'Kies waar je het bericht plaatste en de datum (niet in de toekomst).',
  },
});
