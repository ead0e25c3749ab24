import { defineErrors } from '~/server/errors/errors';

/** Messages never say whether an account exists (no user enumeration). */
export const authError = defineErrors({
  'auth.invalid_credentials': {
    status: 400,
    message: 'Dit e-mailadres en wachtwoord passen niet bij elkaar. Controleer ze en probeer het opnieuw.',
  },
  'auth.rate_limited': {
    status: 429,
    message: 'Te veel pogingen achter elkaar. Wacht een kwartier en probeer het dan opnieuw.',
  },
  'auth.invalid_code': {
    status: 400,
    message: 'Deze code klopt niet. Typ de code die je app nu laat zien, of een van je herstelcodes.',
  },
  'auth.login_expired': {
    status: 400,
    message: 'Je inlogpoging duurde te lang. Log opnieuw in met je e-mailadres en wachtwoord.',
  },
  'auth.link_invalid': {
    status: 404,
    message: 'Deze link werkt niet (meer). Hij is al gebruikt of verlopen. Vraag een nieuwe aan.',
  },
  'auth.reauth_required': {
    status: 400,
    message: 'Typ eerst de code uit je app of je wachtwoord. Zo weten we zeker dat jij het bent.',
  },
  'auth.reauth_failed': {
    status: 400,
    message: 'Deze code of dit wachtwoord klopt niet. Typ de code die je app nu laat zien, of je wachtwoord.',
  },
  'auth.weak_password': { status: 400, message: 'Kies een sterker wachtwoord.' },
  'auth.password_mismatch': { status: 400, message: 'De twee wachtwoorden zijn niet hetzelfde. Typ ze nog een keer.' },
  'auth.invalid_email': { status: 400, message: 'Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.' },
  'auth.not_signed_in': { status: 401, message: 'Log eerst in.' },
  'staff.email_taken': { status: 409, message: 'Er is al een account met dit e-mailadres.' },
  'staff.invalid_input': { status: 400, message: 'Niet alle gegevens kloppen. Kijk de velden na.' },
});
