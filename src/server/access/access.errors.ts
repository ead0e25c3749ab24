import { defineErrors } from '~/server/errors/errors';

export const accessError = defineErrors({
  'access.not_signed_in': { status: 401, message: 'Log in om verder te gaan.' },
  // A record outside your gemeenten answers exactly like one that does not exist.
  'access.not_found': { status: 404, message: 'Deze pagina bestaat niet, of je hebt er geen toegang toe.' },
  'access.forbidden': {
    status: 403,
    message: 'Dit mag je met jouw account niet doen. Vraag het aan de coördinator of het landelijk bureau.',
  },
});
