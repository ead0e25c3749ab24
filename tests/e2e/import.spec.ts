/**
 * Issue 19, "Must show": a coordinator moves in from her spreadsheets (the sample files in
 * docs/import/): upload, fix a column, the preview with two problems, skip a row, import, and find
 * the families, steungezinnen and koppelingen with their due evaluations in the inbox, and the
 * imported history in the gemeente's report of 2025; then the pages without JavaScript on a 320 px
 * phone, and the undo.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, phoneWithoutJavaScript, test } from './support/fixtures';

const sample = (name: string) => path.resolve('docs/import', name);

/** Beekdaelen's report of 2025: this year's number in some rows of the table with this caption. */
async function report2025(page: Page, caption: string, rows: string[]): Promise<number[]> {
  await page.goto('/rapportage/beekdaelen?soort=jaar&jaar=2025');
  const table = page.locator('table', { has: page.locator('caption', { hasText: caption }) });
  return Promise.all(
    rows.map(async (label) => {
      const row = table.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
      if ((await row.count()) === 0) return 0;
      return Number(((await row.locator('td').first().textContent()) ?? '').replace(/\s*\(n = \d+\)/, '').trim());
    }),
  );
}
const KOPPELINGEN_2025 = ['Koppelingen in deze periode', ['Voorgesteld', 'Gestart', 'Afgerond']] as const;

test('a coordinator imports her lists and finds families, steungezinnen and koppelingen in the inbox', async ({
  page,
  staff,
}) => {
  test.setTimeout(180_000);
  expect(staff.gemeenten).toEqual(['beekdaelen']);
  // The gemeente's report of 2025 before: the lists bring history of that year.
  const koppelingenBefore = await report2025(page, KOPPELINGEN_2025[0], [...KOPPELINGEN_2025[1]]);
  const [vraaggezinnenBefore] = await report2025(page, 'Aanmeldingen per soort', ['Gezinnen die zelf hulp vragen']);
  const [movedBefore] = await report2025(page, 'Afgeronde koppelingen per reden', ['Verhuisd']);
  await page.goto('/beheer/import');
  await expect(page.getByRole('heading', { name: 'Importeren uit je eigen lijsten', level: 1 })).toBeVisible();
  await expectAccessible(page);

  // Vraaggezinnen: "Dorp/wijk" is not a header the portal knows, so she says it holds the kern.
  await page.getByLabel('Vraaggezinnen').check();
  await page.getByLabel('Bestand', { exact: true }).setInputFiles(sample('vraaggezinnen.xlsx'));
  await page.getByRole('button', { name: 'Bestand lezen' }).click();
  await expect(page.getByRole('heading', { name: 'Vraaggezinnen in Beekdaelen', level: 1 })).toBeVisible();
  const kernColumn = page.getByLabel('Kolom "Dorp/wijk"');
  await expect(kernColumn).toHaveValue('');
  await kernColumn.selectOption('kern');
  await page.getByRole('button', { name: 'Kolommen opslaan en voorbeeld bijwerken' }).click();
  await expect(page.getByRole('status')).toContainText('De kolommen zijn opgeslagen');

  // The preview: two problems in plain Dutch; those rows are skipped. She skips Daphne too.
  await expect(page.getByText('In totaal 2 problemen.')).toBeVisible();
  await expect(page.getByText('"31-02-2025" in kolom "Aanmelddatum" is geen datum.')).toBeVisible();
  await expect(page.getByText('De kern "Sittard" kennen we niet in Beekdaelen.')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Rij 10 overslaan').check();
  await page.getByRole('button', { name: 'Importeren', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('De import is klaar');
  await expect(page.getByText('4 nieuw, 0 bijgewerkt, 3 overgeslagen')).toBeVisible();
  await expectAccessible(page);

  // Steungezinnen, then the koppelingen that name them.
  for (const [kind, file, created] of [
    ['Steungezinnen', 'steungezinnen.xlsx', 4],
    ['Koppelingen met hun evaluaties', 'koppelingen.xlsx', 4],
  ] as const) {
    await page.goto('/beheer/import');
    await page.getByLabel(kind).check();
    await page.getByLabel('Bestand', { exact: true }).setInputFiles(sample(file));
    await page.getByRole('button', { name: 'Bestand lezen' }).click();
    await expect(page.getByText(`${created} nieuw`, { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Importeren', exact: true }).click();
    await expect(page.getByText(`${created} nieuw, 0 bijgewerkt, 0 overgeslagen`)).toBeVisible();
  }

  // The koppelingen, with their evaluations due (counted from the last evaluation in the list).
  await page.goto('/inbox/koppelingen');
  const sanne = page.getByRole('row').filter({ hasText: 'Sanne Moonen en Familie Wetzels' });
  await expect(sanne).toContainText('Evaluatie 12 nov 2025');
  await expect(sanne).toContainText('Te laat');
  await expect(page.getByRole('row').filter({ hasText: 'Petra Lenssen en Mieke en Jos Habets' })).toContainText(
    'Te laat',
  );
  await sanne.getByRole('link').first().click();
  await expect(
    page.getByText('Overgenomen uit de lijst van de coördinator (import), gestart op 2025-03-10'),
  ).toBeVisible();
  // Her last evaluation from the list is on the koppeling, without scores the list does not have.
  await expect(page.getByText('Hoe het ging, staat daar niet in.')).toBeVisible();
  await expectAccessible(page);

  // The inbox: imported families marked, their evaluation overdue; the imported steungezinnen there too.
  await page.goto('/inbox?opvolging=te-laat');
  const imported = page.getByRole('row').filter({ hasText: 'Geïmporteerd' });
  await expect(imported).toHaveCount(3);
  await expect(imported.first()).toContainText('Evaluatie te laat');
  await expectAccessible(page);
  await page.goto('/inbox?soort=steungezin');
  await expect(page.getByRole('row').filter({ hasText: 'Geïmporteerd' })).toHaveCount(4);
  await page.getByRole('row').filter({ hasText: 'Geïmporteerd' }).first().getByRole('link').first().click();
  await expect(page.getByText('Overgenomen uit de lijst van de coördinator (import)')).toBeVisible();

  // The gemeente's report of 2025 has them, on the dates in the lists: four families signed up,
  // four koppelingen proposed and started, Bianca Coenen's ended (she moved).
  expect(await report2025(page, KOPPELINGEN_2025[0], [...KOPPELINGEN_2025[1]])).toEqual(
    koppelingenBefore.map((before, index) => before + [4, 4, 1][index]!),
  );
  expect(await report2025(page, 'Aanmeldingen per soort', ['Gezinnen die zelf hulp vragen'])).toEqual([
    vraaggezinnenBefore! + 4,
  ]);
  expect(await report2025(page, 'Afgeronde koppelingen per reden', ['Verhuisd'])).toEqual([movedBefore! + 1]);
  await expectAccessible(page);
});

test('the import works without JavaScript on a 320 px phone, and a whole import can be undone', async ({
  page,
  browser,
  staff,
}) => {
  test.setTimeout(120_000);
  expect(staff.role).toBe('coordinator');
  await page.goto('/beheer/import');
  const { phone, noJs, fits } = await phoneWithoutJavaScript(browser, page);
  await noJs.goto('/beheer/import');
  await fits();
  // The same families as CSV: all four were imported in the test before, nothing changed.
  await noJs.getByLabel('Vraaggezinnen').check();
  await noJs.getByLabel('Bestand', { exact: true }).setInputFiles(sample('vraaggezinnen.csv'));
  await noJs.getByRole('button', { name: 'Bestand lezen' }).click();
  await expect(noJs.getByText('4 al geïmporteerd en niet veranderd', { exact: false })).toBeVisible();
  await expect(noJs.getByText('Er is geen rij om te importeren.')).toBeVisible();
  await fits();
  await noJs.getByRole('button', { name: 'Niet importeren, bestand weggooien' }).click();
  await expect(noJs.getByRole('status')).toContainText('Het bestand is weggegooid');
  await fits();

  // Undo the koppelingen import: the koppelingen are gone, the families are still there.
  await noJs
    .getByRole('link', { name: /^Koppelingen met hun evaluaties in Beekdaelen/ })
    .first()
    .click();
  await fits();
  await noJs.getByRole('button', { name: 'Import ongedaan maken' }).click();
  await expect(noJs.getByRole('status')).toContainText('De import is ongedaan gemaakt');
  await noJs.goto('/inbox/koppelingen');
  await expect(noJs.getByText('Sanne Moonen en Familie Wetzels')).toHaveCount(0);
  await phone.close();
});
