import { crc32, createDeflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { isAppError } from '~/server/errors/errors';
import { readSpreadsheet } from './import.read';
import { looksLikeFormula, parseDate } from './import.values';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function xlsx(build: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  build(book.addWorksheet('Blad1'));
  return new Uint8Array(await book.xlsx.writeBuffer());
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return `${error.status} ${error.code}`;
    throw error;
  }
  return 'no error';
}

/** `megabytes` of zeros deflated as a stream (never held whole), with their CRC-32. */
async function deflatedZeros(megabytes: number) {
  const chunk = new Uint8Array(1024 * 1024);
  const deflate = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (part: Buffer) => parts.push(part));
  const ended = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  for (let index = 0; index < megabytes; index++) {
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await ended;
  return { data: Buffer.concat(parts), crc, size: megabytes * 1024 * 1024 };
}

/** A zip archive with one deflated part, written by hand so its central directory can claim any size. */
function zipOf(name: string, part: { data: Buffer; crc: number }, declaredSize: number): Uint8Array {
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(part.crc >>> 0, 14);
  local.writeUInt32LE(part.data.byteLength, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(fileName.byteLength, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(part.crc >>> 0, 16);
  central.writeUInt32LE(part.data.byteLength, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(fileName.byteLength, 28);
  const centralOffset = local.byteLength + fileName.byteLength + part.data.byteLength;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.byteLength + fileName.byteLength, 12);
  end.writeUInt32LE(centralOffset, 16);
  return new Uint8Array(Buffer.concat([local, fileName, part.data, central, fileName, end]));
}

describe('reading spreadsheets', () => {
  it('refuses a zip bomb before exceljs unpacks it: by the sizes it declares, and by the sizes it really has', async () => {
    const zeros = await deflatedZeros(250);
    const honest = zipOf('xl/worksheets/sheet1.xml', zeros, zeros.size);
    const lying = zipOf('xl/worksheets/sheet1.xml', zeros, 1000);
    // Well under the 10 MB upload limit, 250 MB unpacked.
    expect(honest.byteLength).toBeLessThan(1024 * 1024);
    expect(await errorCode(readSpreadsheet(honest, 'lijst.xlsx'))).toBe('413 import.unzipped_too_large');
    expect(await errorCode(readSpreadsheet(lying, 'lijst.xlsx'))).toBe('413 import.unzipped_too_large');
    // A real workbook passes the same check.
    const real = await xlsx((sheet) => {
      sheet.addRow(['Naam', 'Kern']);
      sheet.addRow(['Sanne', 'Nuth']);
    });
    expect((await readSpreadsheet(real, 'lijst.xlsx')).rows).toHaveLength(1);
  });

  it('reads a Dutch Excel CSV: semicolons, a title-less header, empty rows left out, row numbers kept', async () => {
    const sheet = await readSpreadsheet(utf8('Naam;Kern\r\nSanne;Nuth\r\n\r\n;\r\nPetra;Hulsberg\r\n'), 'lijst.csv');
    expect(sheet.headers).toEqual(['Naam', 'Kern']);
    expect(sheet.rows).toEqual([
      { line: 2, values: ['Sanne', 'Nuth'] },
      { line: 5, values: ['Petra', 'Hulsberg'] },
    ]);
    expect(sheet.notices).toEqual([]);
  });

  it('turns control characters into spaces (a file with NUL bytes is not text at all)', async () => {
    const csv = await readSpreadsheet(utf8('Naam;Kern\nSan\u0007ne;Nuth\u001b\n'), 'lijst.csv');
    expect(csv.rows[0]!.values).toEqual(['San ne', 'Nuth']);
  });

  it('reads a CSV saved as Windows-1252 with the right letters and says so', async () => {
    // "Zoë Noël;Schinveld" with ë as 0xEB, as Excel on Windows writes it.
    const bytes = new Uint8Array([...utf8('Naam;Kern\r\nZo'), 0xeb, ...utf8(' No'), 0xeb, ...utf8('l;Schinveld\r\n')]);
    const sheet = await readSpreadsheet(bytes, 'lijst.csv');
    expect(sheet.rows[0]!.values).toEqual(['Zoë Noël', 'Schinveld']);
    expect(sheet.notices[0]).toContain('Windows-1252');
  });

  it('reads XLSX: a merged title row is skipped, dates become YYYY-MM-DD, formulas give their saved result only', async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(['Vraaggezinnen 2025']);
      sheet.mergeCells(1, 1, 1, 3);
      sheet.addRow(['Naam', 'Aanmelddatum', 'Kern']);
      sheet.addRow(['Sanne', new Date('2025-02-03T00:00:00Z'), 'Nuth']);
      sheet.addRow([]);
      sheet.addRow([
        { formula: 'CONCAT("Pe","tra")', result: 'Petra' },
        45658,
        { richText: [{ text: 'Hul' }, { text: 'sberg' }] },
      ]);
    });
    const sheet = await readSpreadsheet(bytes, 'lijst.xlsx');
    expect(sheet.headers).toEqual(['Naam', 'Aanmelddatum', 'Kern']);
    expect(sheet.rows).toEqual([
      { line: 3, values: ['Sanne', '2025-02-03', 'Nuth'] },
      { line: 5, values: ['Petra', '45658', 'Hulsberg'] },
    ]);
  });

  it('refuses a binary renamed to .xlsx, a zip that is no workbook, an old .xls and other types with a clear 4xx', async () => {
    const binary = new Uint8Array(4096).map((_, index) => (index * 37) % 256);
    expect(await errorCode(readSpreadsheet(binary, 'lijst.xlsx'))).toBe('400 import.unreadable');
    const zipHeader = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array(200).fill(7)]);
    expect(await errorCode(readSpreadsheet(zipHeader, 'lijst.xlsx'))).toBe('400 import.unreadable');
    expect(await errorCode(readSpreadsheet(binary, 'lijst.csv'))).toBe('400 import.unreadable');
    expect(await errorCode(readSpreadsheet(utf8('a;b'), 'lijst.xls'))).toBe('400 import.old_excel');
    expect(await errorCode(readSpreadsheet(utf8('a;b'), 'lijst.pdf'))).toBe('400 import.wrong_type');
    expect(await errorCode(readSpreadsheet(new Uint8Array(), 'lijst.csv'))).toBe('400 import.no_file');
    expect(await errorCode(readSpreadsheet(utf8('Naam;Kern\r\n\r\n'), 'lijst.csv'))).toBe('400 import.empty');
  });

  it('takes 20,000 rows and refuses 20,001, in CSV and XLSX', async () => {
    const csv = (rows: number) => utf8(`Naam;Kern\n${'Sanne;Nuth\n'.repeat(rows)}`);
    expect((await readSpreadsheet(csv(20_000), 'lijst.csv')).rows).toHaveLength(20_000);
    expect(await errorCode(readSpreadsheet(csv(20_001), 'lijst.csv'))).toBe('400 import.too_many_rows');
    const bytes = await xlsx((sheet) => {
      sheet.addRow(['Naam', 'Kern']);
      for (let row = 0; row < 20_001; row++) sheet.addRow(['Sanne', 'Nuth']);
    });
    expect(await errorCode(readSpreadsheet(bytes, 'lijst.xlsx'))).toBe('400 import.too_many_rows');
  });

  it('refuses a file over 10 MB', async () => {
    expect(await errorCode(readSpreadsheet(new Uint8Array(10 * 1024 * 1024 + 1), 'lijst.csv'))).toBe(
      '413 import.too_large',
    );
  });
});

describe('cells', () => {
  it('reads dates as Dutch lists write them, and Excel serial numbers', () => {
    expect(parseDate('14-03-2025')).toBe('2025-03-14');
    expect(parseDate('3-2-2025')).toBe('2025-02-03');
    expect(parseDate('14/3/25')).toBe('2025-03-14');
    expect(parseDate('14.03.2025')).toBe('2025-03-14');
    expect(parseDate('2025-03-14')).toBe('2025-03-14');
    expect(parseDate('14 maart 2025')).toBe('2025-03-14');
    expect(parseDate('9 jun 2025')).toBe('2025-06-09');
    expect(parseDate('45658')).toBe('2025-01-01');
    expect(parseDate('31-02-2025')).toBeUndefined();
    expect(parseDate('binnenkort')).toBeUndefined();
    expect(parseDate('12345')).toBeUndefined();
  });

  it('knows a formula from a phone number', () => {
    for (const formula of ['=HYPERLINK("http://x","klik")', '@SUM(A1)', '+cmd|x', '-2+3+cmd', '\t=1+1'])
      expect(looksLikeFormula(formula), formula).toBe(true);
    for (const text of ['+31 6 12345678', '-', 'Sanne', '06-12345678', '-12'])
      expect(looksLikeFormula(text), text).toBe(false);
  });
});
