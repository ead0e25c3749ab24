/**
 * Reads an uploaded spreadsheet into a header row and data rows of text, with `exceljs` (XLSX)
 * or `csv-parse` (CSV). Nothing in the file is run: a formula cell gives the value Excel saved
 * with it, never the formula. Dates become YYYY-MM-DD; merged cells give every cell the value of
 * the first; empty rows are left out (row numbers stay those of the file). No cell content is
 * logged or put in an error (docs/decisions/029-import.md).
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { importError } from './import.errors';
import { IMPORT_LIMITS } from './import.schemas';
import { checkUnzippedSize } from './import.zip';

/** A data row: its number in the file (as Excel shows it) and the cells as text. */
export type SheetRow = { line: number; values: string[] };
export type Sheet = { headers: string[]; rows: SheetRow[]; notices: string[] };

export async function readSpreadsheet(bytes: Uint8Array, fileName: string): Promise<Sheet> {
  if (bytes.byteLength === 0) throw importError('import.no_file');
  if (bytes.byteLength > IMPORT_LIMITS.maxBytes) throw importError('import.too_large');
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (extension === 'xls') throw importError('import.old_excel');
  if (extension === 'xlsx') return toSheet(await readXlsx(bytes), []);
  if (extension === 'csv' || extension === 'txt') {
    const { text, notices } = decodeText(bytes);
    return toSheet(readCsv(text), notices);
  }
  throw importError('import.wrong_type');
}

async function readXlsx(bytes: Uint8Array): Promise<SheetRow[]> {
  // An XLSX file is a zip archive; anything else (a binary renamed to .xlsx) stops here.
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04))
    throw importError('import.unreadable');
  await checkUnzippedSize(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    throw importError('import.unreadable');
  }
  const sheet = workbook.worksheets.find((candidate) => candidate.actualRowCount > 0);
  if (!sheet) throw importError('import.empty');
  if (sheet.actualColumnCount > IMPORT_LIMITS.maxColumns) throw importError('import.too_many_columns');
  if (sheet.actualRowCount > IMPORT_LIMITS.maxRows + 1) throw importError('import.too_many_rows');
  const rows: SheetRow[] = [];
  const columns = Math.min(sheet.columnCount, IMPORT_LIMITS.maxColumns);
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values: string[] = [];
    for (let column = 1; column <= columns; column++) values.push(cellText(row.getCell(column).value));
    rows.push({ line, values });
  });
  return rows;
}

/** A cell's value as text; formulas give their saved result, dates YYYY-MM-DD. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (typeof value === 'string') return clean(value);
  if ('richText' in value) return clean(value.richText.map((part) => part.text).join(''));
  if ('formula' in value || 'sharedFormula' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  if ('text' in value && typeof value.text === 'string') return clean(value.text);
  return '';
}

/** Control characters and lone surrogates (PostgreSQL cannot store them) go; a cell is cut at the limit. */
function clean(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters never belong in a cell
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .slice(0, IMPORT_LIMITS.maxCellLength)
  );
}

/**
 * UTF-8 when it is valid UTF-8 (with or without BOM); otherwise Windows-1252, which Excel on
 * Windows uses for "CSV (gescheidingsteken)". A file with NUL bytes is not text at all.
 */
function decodeText(bytes: Uint8Array): { text: string; notices: string[] } {
  if (bytes.includes(0)) throw importError('import.unreadable');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), notices: [] };
  } catch {
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      notices: [
        'Dit bestand was niet als UTF-8 opgeslagen. We hebben het gelezen zoals Excel op Windows opslaat (Windows-1252). Kijk in het voorbeeld of letters als ë en é goed staan.',
      ],
    };
  }
}

function readCsv(text: string): SheetRow[] {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  // Dutch Excel writes ';' between cells, others ',' or a tab: the one that occurs most in the header.
  const delimiter = [';', ',', '\t'].reduce((best, candidate) =>
    firstLine.split(candidate).length > firstLine.split(best).length ? candidate : best,
  );
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: IMPORT_LIMITS.maxBytes,
    }) as unknown as typeof records;
  } catch {
    throw importError('import.unreadable');
  }
  if (records.length > IMPORT_LIMITS.maxRows + 50_000) throw importError('import.too_many_rows');
  return records.map(({ record, info }) => ({
    line: info.lines,
    values: record.slice(0, IMPORT_LIMITS.maxColumns + 1).map(clean),
  }));
}

/**
 * The header row is the first with two different texts in it (a title above the table, also one
 * merged across the columns, is left out); empty rows go; headers are unique and never empty.
 */
function toSheet(allRows: SheetRow[], notices: string[]): Sheet {
  const filled = allRows.filter((row) => row.values.some((value) => value.trim() !== ''));
  const start = filled.findIndex((row) => new Set(row.values.map((value) => value.trim()).filter(Boolean)).size >= 2);
  const [headerRow, ...data] = start === -1 ? [] : filled.slice(start);
  if (!headerRow || data.length === 0) throw importError('import.empty');
  if (data.length > IMPORT_LIMITS.maxRows) throw importError('import.too_many_rows');
  let width = headerRow.values.length;
  while (width > 0 && headerRow.values[width - 1]!.trim() === '') width--;
  if (width > IMPORT_LIMITS.maxColumns) throw importError('import.too_many_columns');
  const seen = new Map<string, number>();
  const headers = headerRow.values.slice(0, width).map((raw, index) => {
    const base = raw.trim() || `Kolom ${index + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
  return {
    headers,
    rows: data.map((row) => ({
      line: row.line,
      values: headers.map((_, index) => (row.values[index] ?? '').trim()),
    })),
    notices,
  };
}
