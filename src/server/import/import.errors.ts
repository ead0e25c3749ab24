import { defineErrors } from '~/server/errors/errors';
import { IMPORT_LIMITS } from './import.schemas';

const megabytes = IMPORT_LIMITS.maxBytes / 1024 / 1024;
const rows = IMPORT_LIMITS.maxRows.toLocaleString('nl-NL');

export const importError = defineErrors({
  'import.no_file': { status: 400, message: 'Kies eerst een bestand (CSV of Excel).' },
  'import.too_large': {
    status: 413,
    message: `Dit bestand is groter dan ${megabytes} MB. Splits het in kleinere bestanden en importeer ze na elkaar.`,
  },
  'import.too_many_rows': {
    status: 400,
    message: `Dit bestand heeft meer dan ${rows} rijen. Splits het in kleinere bestanden en importeer ze na elkaar.`,
  },
  'import.wrong_type': {
    status: 400,
    message:
      'Dit soort bestand kunnen we niet lezen. Sla het op als Excel-werkmap (.xlsx) of als CSV en probeer het opnieuw.',
  },
  'import.old_excel': {
    status: 400,
    message:
      'Oude Excel-bestanden (.xls) kunnen we niet lezen. Kies in Excel "Opslaan als" en dan "Excel-werkmap (.xlsx)".',
  },
  'import.unreadable': {
    status: 400,
    message:
      'Dit bestand kunnen we niet openen. Is het echt een Excel- of CSV-bestand? Open het in Excel, sla het opnieuw op en probeer het nog eens.',
  },
  'import.unzipped_too_large': {
    status: 413,
    message: `Dit Excel-bestand is uitgepakt groter dan ${IMPORT_LIMITS.maxUnzippedBytes / 1024 / 1024} MB. Zo groot is een lijst nooit: open het in Excel, sla het opnieuw op als Excel-werkmap (.xlsx) en probeer het nog eens.`,
  },
  'import.empty': { status: 400, message: 'In dit bestand staan geen rijen met gegevens onder de kopjes.' },
  'import.too_many_columns': {
    status: 400,
    message: `Dit bestand heeft meer dan ${IMPORT_LIMITS.maxColumns} kolommen. Haal de kolommen weg die je niet nodig hebt.`,
  },
  'import.invalid_input': { status: 400, message: 'Kies een gemeente en wat er in het bestand staat.' },
  'import.not_found': { status: 404, message: 'Deze import bestaat niet (meer).' },
  'import.not_staged': {
    status: 409,
    message: 'Deze import is al geschreven of weggegooid. Bekijk de lijst met imports.',
  },
  'import.required_missing': {
    status: 400,
    message: 'Niet elk verplicht veld heeft een kolom. Kies bij de kolommen waar de verplichte gegevens staan.',
  },
  'import.nothing_to_write': {
    status: 400,
    message: 'Er is geen rij om te importeren: alles is overgeslagen of al geïmporteerd.',
  },
  'import.undo_too_late': {
    status: 409,
    message: 'Een import kun je tot 14 dagen na het importeren ongedaan maken. Die tijd is voorbij.',
  },
  'import.undo_later_exists': {
    status: 409,
    message: 'Na deze import kwam er nog een van hetzelfde soort. Maak eerst die ongedaan.',
  },
  'import.row_conflict': { status: 409, message: 'Een rij past niet bij wat al in het portaal staat.' },
});
