/**
 * The import's Dutch words and the fields a file can fill, per kind of file, with the headers
 * coordinators commonly use for them (docs/import/README.md lists them for coordinators).
 */
import type { ImportKind } from './import.schemas';

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  vraaggezinnen: 'Vraaggezinnen',
  steungezinnen: 'Steungezinnen',
  koppelingen: 'Koppelingen met hun evaluaties',
};

export type ImportField = {
  key: string;
  label: string;
  required?: boolean;
  /** Normalised headers (lower case, letters and digits only), best match first. */
  headers: string[];
};

const familyFields = (who: 'vraaggezin' | 'steungezin'): ImportField[] => [
  {
    key: 'name',
    label: 'Naam',
    required: true,
    headers: ['naam', 'naamgezin', 'gezin', 'contactpersoon', 'naamouder', 'ouder', who, `naam${who}`, 'roepnaam'],
  },
  { key: 'kern', label: 'Kern', headers: ['kern', 'dorp', 'wijk', 'woonplaats', 'plaats', 'buurt'] },
  { key: 'postcode', label: 'Postcode', headers: ['postcode', 'pc'] },
  {
    key: 'phone',
    label: 'Telefoon',
    headers: ['telefoon', 'telefoonnummer', 'tel', 'telnr', 'mobiel', 'mobielnummer', 'gsm', '06'],
  },
  { key: 'email', label: 'E-mailadres', headers: ['email', 'emailadres', 'mail', 'mailadres'] },
  {
    key: 'signedUpOn',
    label: 'Aangemeld op',
    headers: ['aanmelddatum', 'datumaanmelding', 'aangemeld', 'aangemeldop', 'aanmelding', 'datum'],
  },
];

export const IMPORT_FIELDS: Record<ImportKind, ImportField[]> = {
  vraaggezinnen: familyFields('vraaggezin'),
  steungezinnen: [
    ...familyFields('steungezin'),
    { key: 'vogReceivedOn', label: 'VOG ontvangen op', headers: ['vogontvangen', 'vogontvangenop', 'datumvog', 'vog'] },
  ],
  koppelingen: [
    {
      key: 'vraaggezin',
      label: 'Vraaggezin (naam)',
      required: true,
      headers: ['vraaggezin', 'naamvraaggezin', 'gezin', 'naamgezin'],
    },
    {
      key: 'steungezin',
      label: 'Steungezin (naam)',
      required: true,
      headers: ['steungezin', 'naamsteungezin', 'vrijwilliger', 'vrijwilligers'],
    },
    {
      key: 'startDate',
      label: 'Startdatum',
      required: true,
      headers: ['startdatum', 'start', 'begindatum', 'gestartop', 'datumstart', 'gestart'],
    },
    {
      key: 'lastEvaluationOn',
      label: 'Laatste evaluatie',
      headers: ['laatsteevaluatie', 'evaluatie', 'datumevaluatie', 'evaluatiedatum', 'geevalueerd'],
    },
    { key: 'endedOn', label: 'Einddatum', headers: ['einddatum', 'afgerond', 'afgerondop', 'gestopt', 'eind'] },
    {
      key: 'endReason',
      label: 'Reden van afronding',
      headers: ['reden', 'redenafronding', 'redeneinde', 'redenstop', 'redengestopt', 'waaromgestopt'],
    },
  ],
};

export const IMPORT_DONE_MESSAGES: Record<string, string> = {
  mapping: 'De kolommen zijn opgeslagen. Het voorbeeld hieronder is bijgewerkt.',
  write: 'De import is klaar. De gezinnen en koppelingen staan nu in de inbox.',
  undo: 'De import is ongedaan gemaakt. Wat hij schreef, is weer weg.',
  cancel: 'Het bestand is weggegooid. Er is niets opgeslagen.',
};

export const IMPORT_STATUS_LABELS = {
  staged: 'Nog niet geïmporteerd',
  imported: 'Geïmporteerd',
  undone: 'Ongedaan gemaakt',
};

export const ACTION_LABELS = {
  create: 'Nieuw',
  update: 'Bijwerken',
  unchanged: 'Al geïmporteerd, niets veranderd',
  error: 'Wordt overgeslagen',
} as const;

/** What the record says about where the data came from (the consent record of an imported person). */
export function importConsentText(importDate: string) {
  return `Deze persoon meldde zich niet via het formulier aan. De gegevens komen uit de lijst van de coördinator en zijn op ${importDate} in het portaal gezet (import).`;
}

/**
 * What the import list calls the uploaded file. Not its own name: "gezin Jansen.xlsx" may name a
 * family, so only the kind of file is kept (decision 033).
 */
export function fileLabel(fileName: string): string {
  const extension = /\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'xlsx') return 'Excel-bestand (.xlsx)';
  if (extension === 'csv') return 'CSV-bestand (.csv)';
  if (extension === 'txt') return 'Tekstbestand (.txt)';
  return 'Bestand';
}
