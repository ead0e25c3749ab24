/**
 * The report as CSV for Dutch Excel: UTF-8 with a BOM, ";" between fields, CRLF line ends, and
 * safe against formula injection (a field that starts with = + - @ or a tab gets a leading
 * apostrophe, so a spreadsheet shows it as text and never runs it).
 */

import { basedOn, formatCell } from './rapportage.format';
import { NOTE_FIELDS } from './rapportage.labels';
import type { Report } from './rapportage.usecases';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The rows of the export, shared by the CSV and the XLSX file. */
export function reportRows(report: Report): string[][] {
  const rows: string[][] = [
    ['Voortgangsrapportage', report.gemeente.name],
    ['Periode', report.period.label, report.period.from, report.period.to],
    ['Vergeleken met', report.previous.label, report.previous.from, report.previous.to],
    ['Gemaakt op', report.today],
  ];
  if (report.suppressed) rows.push(['Kleine aantallen (1 tot 4) staan er als "< 5"; "–" is verborgen of onbekend.']);
  for (const section of report.sections) {
    rows.push([], [section.title]);
    for (const table of section.tables) {
      rows.push([table.title, ...table.columns]);
      for (const row of table.rows) {
        const counts = row.cells.map(basedOn).filter(Boolean);
        rows.push([row.label, ...row.cells.map(formatCell), ...(report.suppressed ? [] : counts)]);
      }
    }
  }
  rows.push([], ['Toelichting van de coördinator']);
  for (const field of NOTE_FIELDS) rows.push([field.label, report.notes[field.name]]);
  return rows;
}

export function reportCsv(report: Report): string {
  return `\uFEFF${reportRows(report)
    .map((row) => row.map(csvField).join(';'))
    .join('\r\n')}\r\n`;
}

/** The file name of an export: buurtgezinnen-beekdaelen-2026-K3.csv */
export function exportFileName(report: Report, extension: 'csv' | 'xlsx'): string {
  return `buurtgezinnen-${report.gemeente.slug}-${report.period.key}.${extension}`;
}
