/**
 * The report as an Excel workbook (exceljs; not the `xlsx` package, see issue 15): the same rows
 * as the CSV, figures as numbers where they are numbers, hidden ones as text ("< 5", "–").
 */
import ExcelJS from 'exceljs';
import { reportRows } from './rapportage.csv';
import type { Report } from './rapportage.usecases';

/** "12", "12,5" and "40%" become numbers again; anything else stays text. */
function cellValue(text: string): string | number {
  if (/^\d+(,\d+)?$/.test(text)) return Number(text.replace(',', '.'));
  return text;
}

export async function reportXlsx(report: Report): Promise<ArrayBuffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Buurtgezinnen';
  const sheet = workbook.addWorksheet(report.period.key);
  for (const row of reportRows(report)) sheet.addRow(row.map(cellValue));
  sheet.getColumn(1).width = 60;
  for (const column of [2, 3, 4]) sheet.getColumn(column).width = 18;
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer).slice().buffer;
}
