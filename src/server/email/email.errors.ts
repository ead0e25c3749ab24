import { defineErrors } from '~/server/errors/errors';

export const emailError = defineErrors({
  /**
   * Retry or discard of a mail that is no longer failed or overdue (sent meanwhile, or handled by
   * a colleague): 409, so /beheer/e-mail shows it beside the list instead of a missing page.
   */
  'email.not_stuck': {
    status: 409,
    message:
      'Dit bericht staat niet meer in de lijst. Misschien is het inmiddels verstuurd of door een collega afgehandeld.',
  },
  /** The address cannot receive mail (the form's own validation should have caught it). */
  'email.invalid_recipient': {
    status: 422,
    message: 'Dit e-mailadres kunnen we niet gebruiken. Kijk of het goed is geschreven.',
  },
  /** A programming error: template data does not match the template's schema. */
  'email.invalid_template_data': {
    status: 500,
    message: 'Er ging iets mis aan onze kant. Probeer het over een paar minuten opnieuw.',
  },
  /** A programming error: the template needs a gemeente, or the slug is unknown. */
  'email.unknown_gemeente': {
    status: 500,
    message: 'Er ging iets mis aan onze kant. Probeer het over een paar minuten opnieuw.',
  },
});
