import { defineErrors } from '~/server/errors/errors';

/** Problems with the request itself, before any domain code looks at it. */
export const httpError = defineErrors({
  'http.unsupported_media_type': {
    status: 415,
    message: 'We konden het formulier niet lezen. Verstuur het via het formulier op onze website.',
  },
  'http.payload_too_large': {
    status: 413,
    message: 'Het formulier is te groot om te versturen. Maak je teksten korter en probeer het opnieuw.',
  },
  'http.malformed_body': {
    status: 400,
    message: 'Het formulier is niet goed aangekomen. Laad de pagina opnieuw en probeer het nog eens.',
  },
});
