/**
 * Benchmark of the import (issue 19) against a real PostgreSQL (DATABASE_URL, or a throw-away
 * embedded cluster): a 20,000-row XLSX of vraaggezinnen and one of steungezinnen (the heavier
 * kind: a screening and a VOG per row), each read, previewed and written in one transaction
 * through the use cases, then the same file again (the preview finds every row unchanged), and the
 * vraaggezinnen undone.
 * Prints the seconds per step with the highest RSS during it, and the memory overall (RSS and
 * heap, the highest seen). Target: preview
 * and write of 20,000 rows under 30 s.
 * Usage: sh scripts/run.sh tsx scripts/bench/import.ts   (BENCH_ROWS=20000)
 */

import os from 'node:os';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { cancelImport, getImport, undoImport, uploadImport, writeImport } from '~/server/import/import.usecases';
import { createStaff } from '~tests/support/factories';
import { openBenchDatabase } from './bench-database';

const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const GEMEENTE = 'bench-import';
const KERNEN = ['Kern A', 'Kern B', 'Kern C', 'Kern D'];

const bench = await openBenchDatabase('import', { max: 4 });
const { connection } = bench;
const { db } = connection;
await db.execute(sql`
  insert into gemeenten (slug, name, province, region, status, kernen)
  values (${GEMEENTE}, 'Benchgemeente Import', 'Bench', 'Benchregio', 'active', ${`{${KERNEN.map((kern) => `"${kern}"`).join(',')}}`}::text[])
  on conflict (slug) do nothing`);
const coordinator = await createStaff(db, { role: 'coordinator', gemeenten: [GEMEENTE] });
const deps = { db, clock: () => new Date() };

// Memory: the highest RSS and heap seen, sampled every 50 ms.
let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
};
const sampler = setInterval(sample, 50);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function spreadsheet(kind: 'vraaggezinnen' | 'steungezinnen'): Promise<File> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Blad1');
  sheet.addRow([
    'Naam',
    'Woonplaats',
    'Telefoon',
    'E-mail',
    'Aanmelddatum',
    ...(kind === 'steungezinnen' ? ['VOG ontvangen'] : []),
  ]);
  for (let row = 1; row <= ROWS; row++) {
    const signedUp = new Date(Date.UTC(2024, 0, 1) + (row % 600) * 86_400_000);
    sheet.addRow([
      `${kind === 'steungezinnen' ? 'Familie' : 'Ouder'} Bench ${row}`,
      KERNEN[row % KERNEN.length],
      `06-${String(10_000_000 + row * 37).slice(0, 8)}`,
      `bench.${kind}.${row}@voorbeeld.nl`,
      signedUp,
      ...(kind === 'steungezinnen' ? [new Date(signedUp.getTime() + 30 * 86_400_000)] : []),
    ]);
  }
  const bytes = await book.xlsx.writeBuffer();
  return new File([bytes as ArrayBuffer], `${kind}.xlsx`);
}

/** The seconds since a step began, and the highest RSS during it (the peak then starts again for the next step). */
let stepRss = 0;
const stepSampler = setInterval(() => {
  stepRss = Math.max(stepRss, process.memoryUsage().rss);
}, 50);
const seconds = (since: number) => {
  const rss = Math.max(stepRss, process.memoryUsage().rss);
  stepRss = 0;
  return `${`${((performance.now() - since) / 1000).toFixed(1)} s`.padStart(7)}  (RSS up to ${mb(rss)})`;
};

console.log(
  `Import benchmark: ${ROWS.toLocaleString('nl-NL')} rows per file, load average ${os.loadavg()[0]!.toFixed(2)} (${os.cpus().length} cores)`,
);
for (const kind of ['vraaggezinnen', 'steungezinnen'] as const) {
  const file = await spreadsheet(kind);
  console.log(`\n${kind}: ${(file.size / 1024 / 1024).toFixed(1)} MB XLSX`);
  stepRss = 0;
  let started = performance.now();
  const id = await uploadImport(deps, coordinator.context, { gemeenteSlug: GEMEENTE, kind, file });
  console.log(`  upload (read + keep the cells)  ${seconds(started)}`);
  started = performance.now();
  const preview = await getImport(deps, coordinator.context, id);
  console.log(`  preview                          ${seconds(started)}   ${JSON.stringify(preview.preview?.totals)}`);
  const previewed = performance.now();
  const written = await writeImport(deps, coordinator.context, id, []);
  console.log(`  write (one transaction)          ${seconds(previewed)}   ${JSON.stringify(written)}`);
  console.log(`  preview + write                  ${seconds(started)}`);
  started = performance.now();
  const again = await uploadImport(deps, coordinator.context, { gemeenteSlug: GEMEENTE, kind, file });
  const second = await getImport(deps, coordinator.context, again);
  console.log(`  same file again: upload+preview  ${seconds(started)}   ${JSON.stringify(second.preview?.totals)}`);
  await cancelImport(deps, coordinator.context, again);
  sample();
  if (kind === 'vraaggezinnen') {
    // Undo and import again, so the steungezinnen start from the same portal.
    started = performance.now();
    await undoImport(deps, coordinator.context, id);
    console.log(`  undo (one transaction)           ${seconds(started)}`);
  }
}
clearInterval(sampler);
clearInterval(stepSampler);
console.log(`\nMemory: highest RSS ${mb(peakRss)}, highest heap used ${mb(peakHeap)}`);

await connection.close();
await bench.removeEmbedded();
