import { defineErrors } from '~/server/errors/errors';

export const searchError = defineErrors({
  'search.query_too_long': { status: 400, message: 'Je zoekopdracht is te lang. Gebruik hooguit 200 tekens.' },
  'search.invalid_date': { status: 400, message: 'Vul een geldige datum in, bijvoorbeeld 2026-01-31.' },
  'search.invalid_page': { status: 400, message: 'Deze pagina bestaat niet. Begin opnieuw bij pagina 1.' },
});
