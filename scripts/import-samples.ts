/**
 * Writes the sample files of docs/import/ (invented people, the shapes coordinators use: a title
 * above the table, Excel dates, phone numbers written every which way, an empty row, a column we
 * do not need). Run again after changing it: `sh scripts/run.sh tsx scripts/import-samples.ts`.
 * The Playwright walk (tests/e2e/import.spec.ts) and import.usecases.test.ts read these files.
 */
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';

const dir = new URL('../docs/import/', import.meta.url);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function workbook(title: string, headers: string[], rows: (string | Date | null)[][], file: string) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Blad1');
  sheet.addRow([title]);
  sheet.mergeCells(1, 1, 1, headers.length);
  sheet.addRow(headers).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(row);
    added.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'dd-mm-yyyy';
    });
  }
  await book.xlsx.writeFile(new URL(file, dir).pathname);
}

// Vraaggezinnen in Beekdaelen. "Dorp/wijk" is not a header we guess (the coordinator picks Kern for it).
// Two problems: a date that does not exist (row 6) and a kern outside Beekdaelen (row 9).
await workbook(
  'Vraaggezinnen Beekdaelen (bijgewerkt door Maud)',
  ['Naam', 'Dorp/wijk', 'Telefoon', 'E-mail', 'Aanmelddatum', 'Opmerkingen'],
  [
    ['Sanne Moonen', 'Nuth', '06-23456781', 'sanne.moonen@voorbeeld.nl', day('2025-02-03'), 'Via school'],
    ['Yasmina El Idrissi', 'Schinnen', '06 3456 7812', null, day('2025-03-17'), null],
    [
      'Petra Lenssen',
      'Hulsberg',
      '+31 6 45678123',
      'p.lenssen@voorbeeld.nl',
      day('2025-04-22'),
      'Belt liever na 19 uur',
    ],
    ['Nicole Vliegen', 'Amstenrade', '0031 6 56781234', null, '31-02-2025', null],
    [null, null, null, null, null, null],
    ['Bianca Coenen', 'Oirsbeek', '045 - 567 8123', 'bianca.coenen@voorbeeld.nl', day('2025-06-09'), null],
    ['Ilse Gulpen', 'Sittard', '06-67812345', null, day('2025-07-01'), 'Verhuist misschien'],
    ['Daphne Ploumen', 'Schimmert', '06 78123456', null, day('2025-08-14'), null],
  ],
  'vraaggezinnen.xlsx',
);

await workbook(
  'Steungezinnen Beekdaelen',
  ['Naam gezin', 'Woonplaats', 'Telefoonnummer', 'Mail', 'VOG ontvangen', 'Aangemeld'],
  [
    ['Familie Wetzels', 'Nuth', '06-81234567', 'wetzels@voorbeeld.nl', day('2025-01-20'), day('2024-12-02')],
    ['Familie Schoonbrood', 'Schinnen', '06 12345670', null, day('2025-02-11'), day('2025-01-08')],
    ['Mieke en Jos Habets', 'Hulsberg', '06-23456701', 'habets@voorbeeld.nl', day('2025-05-30'), day('2025-04-01')],
    ['Familie Heijnen', 'Merkelbeek', '06-34567012', null, null, day('2025-09-15')],
  ],
  'steungezinnen.xlsx',
);

await workbook(
  'Koppelingen Beekdaelen',
  ['Vraaggezin', 'Steungezin', 'Startdatum', 'Evaluatie', 'Einddatum', 'Reden einde', 'Bijzonderheden'],
  [
    ['Sanne Moonen', 'Familie Wetzels', day('2025-03-10'), day('2025-05-12'), null, null, 'Woensdagmiddag'],
    ['Yasmina El Idrissi', 'Familie Schoonbrood', day('2025-04-14'), null, null, null, null],
    [
      'Petra Lenssen',
      'Mieke en Jos Habets',
      day('2025-06-23'),
      day('2025-08-25'),
      null,
      null,
      'Logeert eens per maand',
    ],
    // An ended koppeling (the history the gemeente's report counts), with the reason in her words.
    ['Bianca Coenen', 'Familie Schoonbrood', day('2025-06-30'), day('2025-09-01'), day('2025-10-31'), 'Verhuisd', null],
  ],
  'koppelingen.xlsx',
);

// The same vraaggezinnen as Excel on Windows saves "CSV (gescheidingsteken)": semicolons, dates as text.
writeFileSync(
  new URL('vraaggezinnen.csv', dir),
  [
    'Naam;Kern;Telefoon;E-mail;Aanmelddatum',
    'Sanne Moonen;Nuth;06-23456781;sanne.moonen@voorbeeld.nl;3-2-2025',
    'Yasmina El Idrissi;Schinnen;06 3456 7812;;17-03-2025',
    'Petra Lenssen;Hulsberg;+31 6 45678123;p.lenssen@voorbeeld.nl;2025-04-22',
    '',
    'Bianca Coenen;Oirsbeek;045 - 567 8123;bianca.coenen@voorbeeld.nl;9 juni 2025',
    '',
  ].join('\r\n'),
);
