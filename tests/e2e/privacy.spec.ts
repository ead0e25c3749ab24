/**
 * Privacy (issue 16): a coordinator keeps a family's record past its term with a hold ("bewaren
 * tot … omdat …") and lifts it again, without JavaScript on a 320 px phone; axe on the page.
 * The retention job itself is tested with an injected clock in src/server/privacy.
 */
import fs from 'node:fs/promises';
import { addMonths, amsterdamDate } from '~/lib/dates';
import { createRegistration } from '~tests/support/factories';
import { expect, expectAccessible, phoneWithoutJavaScript, test } from './support/fixtures';

test('a coordinator places a hold on a record and lifts it, without JavaScript at 320 px', async ({
  page,
  browser,
  staff,
  portalDatabase,
}) => {
  expect(staff.gemeenten).toEqual(['beekdaelen']);
  const family = await createRegistration(portalDatabase, 'vraaggezin', { contactName: 'Ilse Bewaarmans' });
  await page.goto(`/inbox/${family.id}`);
  await page.getByRole('link', { name: /Hoe lang bewaren we deze gegevens/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hoe lang bewaren we deze gegevens?' })).toBeVisible();
  await expect(page.getByText('Er is geen bewaarafspraak.')).toBeVisible();
  await expectAccessible(page);

  const { phone, noJs, fits } = await phoneWithoutJavaScript(browser, page);
  await noJs.goto(`/inbox/${family.id}/bewaren`);
  await fits();
  const keepUntil = addMonths(amsterdamDate(new Date()), 18);
  await noJs.getByLabel('Bewaren tot en met').fill(keepUntil);
  await noJs.getByLabel('Omdat').fill('Er loopt een klacht bij de gemeente.');
  await noJs.getByRole('button', { name: 'Bewaarafspraak opslaan' }).click();
  await expect(noJs.getByRole('status')).toContainText('De bewaarafspraak staat erin');
  await expect(noJs.getByText('Er loopt een klacht bij de gemeente.')).toBeVisible();
  await fits();
  await page.goto(noJs.url());
  await expectAccessible(page);

  await noJs.getByRole('button', { name: 'Bewaarafspraak opheffen' }).click();
  await expect(noJs.getByRole('status')).toContainText('De bewaarafspraak is opgeheven');
  await expect(noJs.getByText('Er is geen bewaarafspraak.')).toBeVisible();
  await phone.close();
});

test('a coordinator records that the parents confirmed a referral themselves; the record shows it', async ({
  page,
  browser,
  staff,
  portalDatabase,
}) => {
  expect(staff.gemeenten).toEqual(['beekdaelen']);
  const referral = await createRegistration(portalDatabase, 'verwijzing', { contactName: 'Familie Toestemming' });
  await page.goto(`/inbox/${referral.id}`);
  await expect(page.getByText('Nog niet bevestigd.')).toBeVisible();
  await expectAccessible(page);
  const { phone, noJs, fits } = await phoneWithoutJavaScript(browser, page);
  await noJs.goto(`/inbox/${referral.id}`);
  await noJs.getByRole('link', { name: 'Toestemming vastleggen' }).click();
  await expect(noJs.getByRole('heading', { level: 1, name: 'Toestemming van de ouders' })).toBeVisible();
  await fits();
  await noJs.getByRole('group', { name: 'Hoe zeiden de ouders het?' }).getByLabel('aan de telefoon').check();
  await noJs.getByRole('button', { name: 'Toestemming vastleggen' }).click();
  await expect(noJs.getByRole('status')).toContainText('de ouders hebben de verwijzing zelf bevestigd');
  await page.goto(noJs.url());
  await expectAccessible(page);
  await page.goto(`/inbox/${referral.id}`);
  await expect(page.getByText(/Bevestigd door de ouders zelf, aan de telefoon op/)).toBeVisible();
  await phone.close();
});

test.describe('the national office', () => {
  test.use({ staffOptions: { role: 'backoffice' } });

  test("downloads everything about a record, then deletes it at the person's request; the audit log shows what went", async ({
    page,
    staff,
    portalDatabase,
    consoleErrors,
  }) => {
    expect(staff.role).toBe('backoffice');
    const family = await createRegistration(portalDatabase, 'vraaggezin', { contactName: 'Wendela Wisselink' });
    await page.goto(`/inbox/${family.id}/bewaren`);
    await expect(page.getByRole('heading', { name: 'Verwijderen op verzoek' })).toBeVisible();
    await expectAccessible(page);
    // Asked what we have: everything about her, as a file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Alle gegevens downloaden (JSON)' }).click(),
    ]);
    const exported = JSON.parse(await fs.readFile(await download.path(), 'utf8'));
    expect(exported.tables.registrations[0]).toMatchObject({ id: family.id, contact_name: 'Wendela Wisselink' });
    // Without the tick nothing happens.
    await page.getByRole('button', { name: 'Alles verwijderen' }).click();
    await expect(page.getByRole('alert')).toContainText('Vink aan dat de persoon zelf om verwijderen vroeg');
    const expected = (status: number) => {
      const index = consoleErrors.findIndex((error) => error.includes(`status of ${status}`));
      expect(index).toBeGreaterThanOrEqual(0);
      consoleErrors.splice(index, 1);
    };
    expected(400);
    await page.getByLabel('De persoon vroeg dit zelf, en ik wil alles verwijderen.').check();
    await page.getByRole('button', { name: 'Alles verwijderen' }).click();
    await expect(page).toHaveURL(new RegExp(`/beheer/logboek\\?record=${family.id}`));
    await expect(page.getByText(/Verwijderde alles op verzoek van de persoon zelf: \d+ rij/)).toBeVisible();
    await expect(page.getByText('Wendela')).toHaveCount(0);
    await expectAccessible(page);
    const gone = await page.goto(`/inbox/${family.id}`);
    expect(gone?.status()).toBe(404);
    expected(404);
  });
});
