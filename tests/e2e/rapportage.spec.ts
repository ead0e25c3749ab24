/**
 * The progress report (issue 15) on the demo content of Beekdaelen: a coordinator opens the
 * report of this quarter, writes the highlights, downloads the CSV and the XLSX (parsed back
 * here: the same figures as the page), and prints it to A4 with the charts inside the page; a
 * beleidsmedewerker of the gemeente logs in and sees the same figures with small numbers hidden,
 * and no inbox. Without JavaScript and at 320 px too; the national figures for the backoffice; a
 * parent answering the satisfaction survey without JavaScript; a referral elsewhere with its reason,
 * counted per reason. The figures themselves are checked against
 * a fixed data set in src/server/rapportage/rapportage.usecases.test.ts.
 */
import fs from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { inviteFamiliesToSurvey } from '~/server/rapportage/rapportage.survey';
import { createKoppeling, createRegistration, createStaff, TEST_PASSWORD } from '~tests/support/factories';
import { totpCodeFor, totpStepNow } from '~tests/support/staff-login';
import { expect, expectAccessible, phoneWithoutJavaScript, test } from './support/fixtures';

/** The cells of every row of the table with this caption: row header -> cell texts. */
async function tableRows(page: Page, caption: string): Promise<Map<string, string[]>> {
  const table = page.locator('table', { has: page.locator('caption', { hasText: caption }) });
  const rows = new Map<string, string[]>();
  for (const row of await table.locator('tbody tr').all()) {
    const label = ((await row.locator('th').textContent()) ?? '').trim();
    const cells = await row.locator('td').allInnerTexts();
    rows.set(
      label,
      cells.map((text) => text.replace(/\s*\(n = \d+\)/, '').trim()),
    );
  }
  return rows;
}

async function download(page: Page, link: Locator) {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { name: file.suggestedFilename(), body: await fs.readFile((await file.path())!) };
}

test('a coordinator writes, downloads and prints the quarterly report; the gemeente sees it with small numbers hidden', async ({
  page,
  browser,
  staff,
  portalDatabase,
}) => {
  test.setTimeout(180_000);
  expect(staff.gemeenten).toEqual(['beekdaelen']);
  await page.goto('/rapportage');
  await page.getByRole('link', { name: 'Rapportage Beekdaelen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Voortgangsrapportage Beekdaelen' })).toBeVisible();
  await expect(page.getByText(/kwartaal 2026/).first()).toBeVisible();
  await expectAccessible(page);
  const kinds = await tableRows(page, 'Aanmeldingen per soort');
  const stand = await tableRows(page, 'Koppelingen in deze periode');
  expect(stand.get('Doel voor de periode (gestart)')).toEqual(['3', '3']); // Beekdaelen: 12 a year
  expect(Number(kinds.get('Alle aanmeldingen')![0])).toBeGreaterThan(0);

  // The highlights, saved with this quarter.
  await page
    .getByLabel('Hoogtepunten')
    .fill('Drie nieuwe steungezinnen in Schinnen; de school in Nuth verwijst nu ook.');
  await page.getByRole('button', { name: 'Bewaar de toelichting' }).click();
  await expect(page.getByRole('status')).toContainText('De tekst bij deze rapportage is bewaard.');
  await expect(page.getByLabel('Hoogtepunten')).toHaveValue(/Drie nieuwe steungezinnen/);

  // CSV for Dutch Excel: BOM, ";" and the same figures as the page.
  const csv = await download(page, page.getByRole('link', { name: 'Download als CSV (Excel)' }));
  expect(csv.name).toMatch(/^buurtgezinnen-beekdaelen-2026-K\d\.csv$/);
  const text = csv.body.toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).split('\r\n');
  const csvRow = (label: string) => lines.find((line) => line.startsWith(`${label};`))?.split(';');
  expect(csvRow('Gestart')!.slice(1, 3)).toEqual(stand.get('Gestart'));
  expect(csvRow('Alle aanmeldingen')!.slice(1, 3)).toEqual(kinds.get('Alle aanmeldingen'));
  expect(csvRow('Hoogtepunten')![1]).toContain('Drie nieuwe steungezinnen');

  // XLSX, read back with exceljs.
  const xlsx = await download(page, page.getByRole('link', { name: 'Download als Excel-bestand (XLSX)' }));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const sheetRow = (label: string) => {
    let found: string[] | undefined;
    sheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1).map((value) => String(value ?? ''));
      if (!found && values[0] === label) found = values;
    });
    return found;
  };
  expect(sheetRow('Gestart')!.slice(1, 3)).toEqual(stand.get('Gestart'));
  expect(sheetRow('Alle aanmeldingen')!.slice(1, 3)).toEqual(kinds.get('Alle aanmeldingen'));

  // Print: A4, the charts inside the page width, the text of the notes printed instead of the form.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
  const widths = await page.locator('.report-chart svg').evaluateAll((charts) =>
    charts.map((chart) => {
      const box = chart.getBoundingClientRect();
      return { left: box.left, right: box.right, page: document.documentElement.clientWidth };
    }),
  );
  expect(widths.length).toBeGreaterThan(0);
  for (const chart of widths) {
    expect(chart.left).toBeGreaterThanOrEqual(0);
    expect(chart.right).toBeLessThanOrEqual(chart.page);
  }
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await page.emulateMedia({ media: 'screen' });

  // A beleidsmedewerker of Beekdaelen logs in (password and code) and lands on the reports.
  const official = await createStaff(portalDatabase, { role: 'gemeente', gemeenten: ['beekdaelen'] });
  const officialContext = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  const officialPage = await officialContext.newPage();
  await officialPage.goto('/inloggen');
  await officialPage.getByLabel('E-mailadres').fill(official.email);
  await officialPage.getByLabel('Wachtwoord', { exact: true }).fill(TEST_PASSWORD);
  await officialPage.getByRole('button', { name: 'Verder' }).click();
  await officialPage.getByLabel('Code').fill(totpCodeFor(official.totpSecret!, totpStepNow()));
  await officialPage.getByRole('button', { name: 'Inloggen' }).click();
  await expect(officialPage).toHaveURL(/\/rapportage$/);
  await expect(officialPage.getByRole('link', { name: 'Inbox' })).toHaveCount(0);
  await officialPage.getByRole('link', { name: 'Rapportage Beekdaelen' }).click();
  await expect(officialPage.getByText(/staan er als "< 5"/)).toBeVisible();
  await expectAccessible(officialPage);
  const seen = await tableRows(officialPage, 'Aanmeldingen per soort');
  for (const [label, exact] of kinds) {
    const shown = seen.get(label)!;
    exact.forEach((value, column) => {
      const number = Number(value);
      if (number === 0 || number >= 5) expect([value, '–']).toContain(shown[column]);
      else expect(shown[column]).toBe('< 5');
    });
  }
  // No count on the gemeente's page is from 1 to 4 (a target such as "3" is not a count of families),
  // and the text is there to read, not to change.
  const counts = await officialPage.locator('td[data-kind="count"]').allInnerTexts();
  expect(counts.length).toBeGreaterThan(20);
  for (const cell of counts) expect(cell.trim()).not.toMatch(/^[1-4]$/);
  await expect(officialPage.getByText('Drie nieuwe steungezinnen')).toBeVisible();
  await expect(officialPage.getByRole('button', { name: 'Bewaar de toelichting' })).toHaveCount(0);
  await officialContext.close();
});

test('the report works without JavaScript and fits a 320 px wide phone', async ({ page, browser, staff }) => {
  expect(staff.role).toBe('coordinator');
  await page.goto('/rapportage/beekdaelen');
  const { phone, noJs, fits } = await phoneWithoutJavaScript(browser, page);
  await noJs.goto('/rapportage/beekdaelen');
  await expect(noJs.getByRole('heading', { level: 1 })).toHaveText('Voortgangsrapportage Beekdaelen');
  await fits();
  // Another period with the plain GET form: the whole of last year.
  await noJs.getByRole('radio', { name: 'Jaar', exact: true }).check();
  await noJs.getByLabel('Welk jaar').selectOption('2025');
  await noJs.getByRole('button', { name: 'Toon de rapportage' }).click();
  await expect(noJs.getByText('2025', { exact: true }).first()).toBeVisible();
  await expect(noJs).toHaveURL(/soort=jaar&jaar=2025/);
  await fits();
  await page.goto(noJs.url());
  await expectAccessible(page);
  await phone.close();
});

test('a coordinator refers a family elsewhere with a reason, without JavaScript; the report counts it per reason', async ({
  page,
  browser,
  staff,
  portalDatabase,
}) => {
  expect(staff.gemeenten).toEqual(['beekdaelen']);
  const family = await createRegistration(portalDatabase, 'vraaggezin', { gemeenteSlug: 'beekdaelen' });
  await page.goto('/rapportage/beekdaelen');
  const reasons = 'Gezinnen doorverwezen naar andere hulp, per reden';
  const safetyBefore = Number((await tableRows(page, reasons)).get('Zorgen over de veiligheid van een kind')?.[0]);
  const noJsContext = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
    locale: 'nl-NL',
  });
  const noJs = await noJsContext.newPage();
  await noJs.goto(`/inbox/${family.id}`);
  const refer = noJs.locator('form', { has: noJs.getByRole('button', { name: 'Doorverwezen', exact: true }) });
  await refer.getByLabel('Zorgen over de veiligheid van een kind').check();
  await refer.getByLabel('Waarheen doorverwezen?').fill('Veilig Thuis, samen met de moeder gebeld');
  await refer.getByRole('button', { name: 'Doorverwezen', exact: true }).click();
  await expect(noJs.getByRole('status')).toContainText('De status is bijgewerkt');
  await expect(noJs.getByRole('region', { name: 'Geschiedenis' })).toContainText(
    'Status van Nieuw naar Doorverwezen (Zorgen over de veiligheid van een kind): Veilig Thuis',
  );
  await noJsContext.close();

  // The report counts the reason; where to stays in the inbox.
  await page.goto('/rapportage/beekdaelen');
  const after = await tableRows(page, reasons);
  expect(Number(after.get('Zorgen over de veiligheid van een kind')?.[0])).toBe(safetyBefore + 1);
  await expect(page.getByText('Veilig Thuis')).toHaveCount(0);
  await expectAccessible(page);
});

test.describe('national figures', () => {
  test.use({ staffOptions: { role: 'backoffice' } });

  test('the backoffice sees every gemeente against its target, the months and the effects', async ({ page, staff }) => {
    expect(staff.role).toBe('backoffice');
    await page.goto('/rapportage');
    await expect(page.getByRole('heading', { name: /^Landelijk in \d{4}$/ })).toBeVisible();
    const perGemeente = await tableRows(page, 'Koppelingen gestart in');
    // Targets from the content files: Haarlem 15, Beekdaelen 12 a year.
    expect(perGemeente.get('Haarlem')?.[1]).toBe('15');
    expect(perGemeente.get('Beekdaelen')?.[1]).toBe('12');
    expect(Number(perGemeente.get('Alle gemeenten')?.[0])).toBeGreaterThanOrEqual(0);
    await expect(page.locator('table', { has: page.locator('caption', { hasText: 'per maand' }) })).toBeVisible();
    await expectAccessible(page);
  });
});

test('a parent fills in the satisfaction survey without JavaScript, once', async ({
  browser,
  portalDatabase,
  consoleErrors,
}) => {
  // A koppeling of Beekdaelen that ends: both families get a link (as closeKoppeling sends it).
  const koppeling = await createKoppeling(portalDatabase, { gemeenteSlug: 'beekdaelen', phase: 'closed' });
  const [token] = await inviteFamiliesToSurvey(portalDatabase, koppeling, 'closure', new Date());
  const withJs = await browser.newContext({ locale: 'nl-NL' });
  const checker = await withJs.newPage();
  await checker.goto(`/enquete/${token}`);
  await expect(checker.getByRole('heading', { level: 1 })).toHaveText('Hoe vind je dat het gaat?');
  await expectAccessible(checker);
  await withJs.close();

  const phone = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 320, height: 640 },
    locale: 'nl-NL',
  });
  const parent = await phone.newPage();
  await parent.goto(`/enquete/${token}`);
  expect(await parent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await parent.getByLabel('Snelheid').selectOption('8');
  await parent.getByLabel('Kwaliteit van de match').selectOption('10');
  await parent.getByLabel('Wil je nog iets kwijt?').fill('Het steungezin is een zegen voor ons.');
  await parent.getByRole('button', { name: 'Verstuur mijn antwoorden' }).click();
  await expect(parent.getByRole('status')).toContainText('Je antwoorden zijn bewaard.');
  // Single use: the link is done.
  const used = await parent.goto(`/enquete/${token}`);
  expect(used?.status()).toBe(404);
  await expect(parent.getByRole('heading', { level: 1 })).toHaveText('Deze link werkt niet (meer)');
  // Chromium logs the 404 of the used link as a console error: that one is on purpose.
  const gone = consoleErrors.findIndex((message) => message.includes('status of 404'));
  if (gone >= 0) consoleErrors.splice(gone, 1);
  await phone.close();
});
