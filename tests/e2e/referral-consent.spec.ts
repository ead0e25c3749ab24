/**
 * Issue 16, "Parents confirm a referral" (decision 031): a school refers a family with the
 * parent's e-mail address; the parent gets a mail with her own link (delivered by the outbox worker
 * to the development mailbox) and answers on her phone without JavaScript at 320 px. Yes: the
 * inbox shows it. No: the referral is gone and the referrer hears only that. axe on every page.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { simpleParser } from 'mailparser';
import { expect, expectAccessible, test } from './support/fixtures';

const dataDir = process.env.E2E_DATA_DIR!;

/** The mails the outbox worker wrote to the development mailbox for `to`, as subject and text. */
async function mailsTo(to: string) {
  const dir = path.join(dataDir, 'mail');
  const files = (await fs.readdir(dir).catch(() => [] as string[])).filter((file) => file.endsWith('.eml'));
  const mails = await Promise.all(
    files.map(async (file) => {
      const parsed = await simpleParser(await fs.readFile(path.join(dir, file)));
      const address = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '');
      return { to: address, subject: parsed.subject ?? '', text: (parsed.text ?? '').replace(/\s+/g, ' ') };
    }),
  );
  return mails.filter((mail) => mail.to.includes(to));
}

async function waitForMail(to: string, subject: RegExp) {
  await expect
    .poll(async () => (await mailsTo(to)).some((mail) => subject.test(mail.subject)), { timeout: 15_000 })
    .toBe(true);
  return (await mailsTo(to)).find((mail) => subject.test(mail.subject))!;
}

/** A phone without JavaScript: what a parent in a hard week has in her hand. */
async function phone(browser: Browser) {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 320, height: 700 },
    locale: 'nl-NL',
  });
  return context.newPage();
}

const fits = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

/** An intern begeleider refers a family through the public form, with the parent's address. */
async function refer(page: Page, parent: { name: string; email: string }, referrerEmail: string) {
  await page.goto('/beekdaelen/verwijzen');
  await page.locator('#veld-referrerName').fill('Mw. Jansen');
  await page.locator('#veld-organisationType').selectOption('school');
  await page.locator('#veld-organisationName').fill('Basisschool De Linde');
  await page.locator('#veld-referrerEmail').fill(referrerEmail);
  await page.locator('#veld-name').fill(parent.name);
  await page.locator('input[name=firstContact][value=coordinator]').check();
  await page.locator('#veld-phone').fill(`06${String(Date.now()).slice(-8)}`);
  await page.locator('#veld-email').fill(parent.email);
  await page.locator('#veld-kern').fill('Oirsbeek');
  await page.locator('#veld-children').fill('5, 8');
  await page.locator('#veld-reason').fill('Moeder werkt in ploegendienst en heeft geen familie in de buurt.');
  await page.locator('#veld-parentsAgree').check();
  await page.locator('#veld-wantsUpdates').check();
  await page.locator('#veld-consent').check();
  await page.getByRole('button', { name: 'Verwijzing versturen' }).click();
  await expect(page).toHaveURL(/\/beekdaelen\/aanmelden\/bedankt/);
}

/** The parent's mail: no names, no reason; the path of her link. */
async function parentLink(email: string) {
  const mail = await waitForMail(email, /Is het goed dat we contact opnemen/);
  expect(mail.text).toContain('Iemand van school heeft jullie gezin aangemeld');
  for (const word of ['Jansen', 'De Linde', 'ploegendienst', 'Oirsbeek']) expect(mail.text).not.toContain(word);
  return mail.text.match(/\/verwijzing\/[a-z2-9]{32}/)![0];
}

test('a parent confirms a referral from the mail, on her phone without JavaScript, and the inbox shows it', async ({
  page,
  browser,
  staff,
  consoleErrors,
}) => {
  expect(staff.gemeenten).toEqual(['beekdaelen']);
  const stamp = Date.now();
  const parent = { name: `Noor Linkbevestiging ${stamp}`, email: `noor.${stamp}@voorbeeld.test` };
  const referrer = await phone(browser);
  await refer(referrer, parent, `ib.${stamp}@delinde.test`);
  const confirmation = await waitForMail(`ib.${stamp}@delinde.test`, /We hebben je verwijzing ontvangen/);
  const reference = confirmation.text.match(/VW-[0-9A-F]{6}/)![0];

  // Before she answers, the inbox says the coordinator waits for the parents.
  await page.goto('/inbox?soort=verwijzing');
  const row = page.getByRole('row').filter({ hasText: parent.name });
  await expect(row).toContainText('Wacht op ouders');
  await expectAccessible(page);

  const link = await parentLink(parent.email);
  const mobile = await phone(browser);
  await mobile.goto(link);
  await expect(mobile.getByRole('heading', { level: 1 })).toHaveText('Wil je dat we contact opnemen?');
  await expect(mobile.getByRole('main')).toContainText('iemand van school');
  await fits(mobile);
  // axe needs JavaScript: it checks the same page in the coordinator's browser (GET changes nothing).
  await page.goto(link);
  await expectAccessible(page);
  await mobile
    .getByRole('group', { name: /Hoe wil je het liefst contact/ })
    .getByLabel('Bel me')
    .check();
  await mobile
    .getByRole('group', { name: /Wanneer komt het goed uit/ })
    .getByLabel('In de avond')
    .check();
  await mobile.getByLabel('Dat vind ik goed').check();
  await mobile.getByRole('button', { name: 'Ja, neem contact met me op' }).click();
  await expect(mobile.getByRole('status')).toContainText('Een coördinator van Buurtgezinnen neemt contact met je op');
  await expect(mobile.getByRole('status')).toContainText('We bellen je, in de avond.');
  await fits(mobile);
  // The link works once (a used link answers 404, which the browser logs).
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze link werkt niet (meer)');
  consoleErrors.splice(
    consoleErrors.findIndex((error) => error.includes('status of 404')),
    1,
  );
  await expectAccessible(page);

  // The filter of referrals to ask at the first contact leaves her out now.
  await page.goto('/inbox');
  await page.getByLabel('Verwijzingen: toestemming ouders vragen').check();
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/toestemming=vragen/);
  await expect(page.getByRole('main')).not.toContainText(parent.name);
  await expectAccessible(page);
  await page.goto('/inbox?soort=verwijzing');
  await expect(row).toContainText('Ouders bevestigd');
  await row.getByRole('link', { name: parent.name }).click();
  await expect(page.getByText(/Bevestigd door de ouders zelf, via de link in hun e-mail op/)).toBeVisible();
  await expect(page.getByText('Hun wens voor contact: bellen, in de avond.')).toBeVisible();
  await expect(page.getByText(/De verwijzer mag horen wanneer de steun begint en stopt/)).toBeVisible();
  await expectAccessible(page);
  expect(reference).toMatch(/^VW-/);
  await mobile.context().close();
  await referrer.context().close();
});

test('a parent says no: the referral is gone at once and the referrer hears only that', async ({
  page,
  browser,
  staff,
}) => {
  expect(staff.gemeenten).toEqual(['beekdaelen']);
  const stamp = Date.now();
  const parent = { name: `Sam Neezegger ${stamp}`, email: `sam.${stamp}@voorbeeld.test` };
  const referrerEmail = `ib.nee.${stamp}@delinde.test`;
  const referrer = await phone(browser);
  await refer(referrer, parent, referrerEmail);
  const reference = (await waitForMail(referrerEmail, /We hebben je verwijzing ontvangen/)).text.match(
    /VW-[0-9A-F]{6}/,
  )![0];
  await page.goto('/inbox?soort=verwijzing');
  await expect(page.getByRole('row').filter({ hasText: parent.name })).toContainText('Wacht op ouders');

  const mobile = await phone(browser);
  await mobile.goto(await parentLink(parent.email));
  await mobile.getByRole('button', { name: 'Nee, verwijder de aanmelding' }).click();
  await expect(mobile.getByRole('heading', { level: 1 })).toHaveText('De aanmelding is verwijderd');
  await fits(mobile);

  const declined = await waitForMail(referrerEmail, /Over je verwijzing/);
  expect(declined.text).toContain(reference);
  expect(declined.text).toContain('De ouders hebben laten weten dat ze geen steun van Buurtgezinnen willen');
  for (const word of [parent.name, 'Neezegger', 'Oirsbeek', 'ploegendienst', parent.email])
    expect(declined.text).not.toContain(word);

  await page.goto('/inbox?soort=verwijzing');
  await expect(page.getByRole('main')).not.toContainText(parent.name);
  await mobile.context().close();
  await referrer.context().close();
});

test('every state of the parent’s page is accessible (axe needs JavaScript, the page itself has none)', async ({
  page,
  browser,
}) => {
  const stamp = Date.now();
  const referrer = await phone(browser);
  await page.setViewportSize({ width: 320, height: 700 });
  for (const answer of ['Ja, neem contact met me op', 'Nee, verwijder de aanmelding']) {
    const parent = {
      name: `Eva Axe ${stamp} ${answer.slice(0, 2)}`,
      email: `eva.${answer.slice(0, 2).toLowerCase()}.${stamp}@voorbeeld.test`,
    };
    await refer(referrer, parent, `ib.axe.${stamp}@delinde.test`);
    await page.goto(await parentLink(parent.email));
    await expectAccessible(page);
    await page.getByRole('button', { name: answer }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Dank je wel!|De aanmelding is verwijderd/);
    await fits(page);
    await expectAccessible(page);
  }
  await referrer.context().close();
});
