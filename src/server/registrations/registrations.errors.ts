import { defineErrors } from '~/server/errors/errors';

/** Everything that can stop a sign-up, with the Dutch words a visitor sees. */
export const registrationError = defineErrors({
  'registration.unknown_gemeente': {
    status: 404,
    message: 'Deze gemeente kennen we niet, of Buurtgezinnen is daar niet (meer) actief.',
  },
  'registration.invalid': { status: 422, message: 'Niet alles is goed ingevuld. Kijk de velden hieronder na.' },
  'registration.too_fast': {
    status: 422,
    message: 'Dat ging heel snel. Kijk je gegevens nog even na en verstuur het formulier daarna opnieuw.',
  },
  'registration.form_expired': {
    status: 422,
    message: 'Het formulier stond lang open. Kijk je gegevens nog even na en verstuur het formulier opnieuw.',
  },
  'registration.bad_form_token': {
    status: 400,
    message: 'Het formulier is niet volledig aangekomen. Kijk je gegevens na en verstuur het opnieuw.',
  },
  'registration.rejected': {
    status: 400,
    message: 'We konden je aanmelding niet verwerken. Probeer het opnieuw, of neem contact op met de coördinator.',
  },
  'registration.rate_limited': {
    status: 429,
    message:
      'Er zijn vanaf dit adres of voor dit contact veel aanmeldingen verstuurd. Probeer het over een tijdje opnieuw. Je gegevens zijn niet opgeslagen.',
  },
});
