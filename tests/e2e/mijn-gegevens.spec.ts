/**
 * /mijn-gegevens (issue 16, decision 030): a parent asks for her data without JavaScript on a
 * 320 px phone, follows the link from the mail (written by the outbox worker to the development
 * mailbox), downloads it, asks for deletion; the backoffice confirms in the queue; the data is
 * gone, the request closed, and she gets a mail. axe on every new page (with JavaScript, as
 * privacy.spec.ts does: axe runs as a script).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { createNote, createRegistration } from '~tests/support/factories';
import { expect, expectAccessible, ignoreConsoleErrors, test } from './support/fixtures';

const dataDir = process.env.E2E_DATA_DIR!;

/** The mails to `to` in the development mailbox: subject and text. */
async function mailsTo(to: string) {
  const dir = path.join(dataDir, 'mail');
  const files = await fs.readdir(dir).catch(() => [] as string[]);
  const found = [];
  for (const file of files.filter((name) => name.endsWith('.eml'))) {
    const parsed = await simpleParser(await fs.readFile(path.join(dir, file)));
    const recipients = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '');
    if (recipients.includes(to)) found.push({ subject: parsed.subject ?? '', text: parsed.text ?? '' });
  }
  return found;
}

async function waitForMail(to: string, subject: RegExp) {
  let mail: { subject: string; text: string } | undefined;
  await expect(async () => {
    mail = (await mailsTo(to)).find((found) => subject.test(found.subject));
    expect(mail, `a mail "${subject}" to ${to}`).toBeDefined();
  }).toPass({ timeout: 20_000 });
  return mail!;
}

/** A phone without JavaScript, 320 px wide (with the staff cookie when `storageState` is given). */
async function phone(browser: Browser, storageState?: Awaited<ReturnType<BrowserContext['storageState']>>) {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 320, height: 640 },
    locale: 'nl-NL',
    ...(storageState ? { storageState } : {}),
  });
  const page = await context.newPage();
  const fits = async () =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  return { context, page, fits };
}

test.describe('a parent uses her rights', () => {
  test.use({ staffOptions: { role: 'backoffice' } });

  test('asks for her data, follows the mail, downloads it, asks for deletion; the backoffice confirms', async ({
    page,
    browser,
    staff,
    portalDatabase,
  }) => {
    const email = `mila.${Date.now()}@voorbeeld.nl`;
    const family = await createRegistration(portalDatabase, 'vraaggezin', {
      contactName: 'Mila Mijngegevens',
      contactEmail: email,
    });
    await createNote(portalDatabase, { registration: family, author: staff, body: 'Mila belt liever na drie uur.' });
    const visitor = await browser.newContext({ locale: 'nl-NL' });
    const withJs = await visitor.newPage();
    const mobile = await phone(browser);
    // Without JavaScript nothing can log an error but the deliberate 400s of the wrong inputs below.
    ignoreConsoleErrors(mobile.context);

    // 1. She asks for a link.
    await mobile.page.goto('/mijn-gegevens');
    await expect(mobile.page.getByRole('heading', { level: 1, name: 'Mijn gegevens' })).toBeVisible();
    await mobile.fits();
    await withJs.goto('/mijn-gegevens');
    await expectAccessible(withJs);
    await mobile.page.getByLabel('E-mailadres of telefoonnummer').fill('geen adres');
    await mobile.page.getByRole('button', { name: 'Stuur mij een link' }).click();
    await expect(mobile.page.getByRole('alert')).toContainText('Vul het e-mailadres of telefoonnummer in');
    await mobile.page.getByLabel('E-mailadres of telefoonnummer').fill(email);
    await mobile.page.getByRole('button', { name: 'Stuur mij een link' }).click();
    await expect(mobile.page.getByRole('status')).toContainText('Als we gegevens van je hebben');
    await mobile.fits();

    // 2. The mail holds only the link.
    const linkMail = await waitForMail(email, /Je link om je gegevens te bekijken/);
    expect(linkMail.text).not.toContain('Mila');
    const link = /\/mijn-gegevens\/[a-z2-9]{32}/.exec(linkMail.text)?.[0];
    expect(link).toBeDefined();

    // 3. What is stored, in plain words, each sign-up apart.
    await mobile.page.goto(link!);
    await expect(mobile.page.getByRole('heading', { level: 1, name: 'Dit hebben we van je opgeslagen' })).toBeVisible();
    await expect(mobile.page.getByRole('heading', { level: 2, name: /Aanmelding 1: vraaggezin in/ })).toBeVisible();
    await expect(mobile.page.getByText('Mila Mijngegevens')).toBeVisible();
    await expect(mobile.page.getByText('Mila belt liever na drie uur.')).toBeVisible();
    await mobile.fits();
    await withJs.goto(link!);
    await expectAccessible(withJs);

    // 4. The download.
    const download = await mobile.page.request.get(
      (await mobile.page.getByRole('link', { name: /downloaden als bestand/ }).getAttribute('href'))!,
    );
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toContain('attachment');
    const exported = await download.json();
    expect(exported.signUps.map((signUp: { registrationId: string }) => signUp.registrationId)).toEqual([family.id]);
    expect(JSON.stringify(exported)).toContain('Mila belt liever na drie uur.');

    // 5. She asks for a correction: it lands on the record in the inbox.
    await mobile.page.getByLabel('Wat klopt er niet, en hoe moet het wel?').fill('Ik woon nu in Schinnen.');
    await mobile.page.getByRole('button', { name: 'Vraag om te verbeteren' }).click();
    await expect(mobile.page.getByRole('status')).toContainText('De coördinator leest je verzoek');
    await page.goto(`/inbox/${family.id}`);
    await expect(page.getByText('Ik woon nu in Schinnen.')).toBeVisible();
    await expect(page.getByText('Verzoek om te verbeteren ontvangen van de persoon zelf')).toBeVisible();
    // The note names her as its author, not a deleted staff account.
    const notes = page.getByRole('region', { name: 'Notities' });
    await expect(notes.getByText('de persoon zelf, via Mijn gegevens')).toBeVisible();
    await expect(notes.getByText('oud account')).toHaveCount(0);

    // 6. She asks for deletion.
    await mobile.page.getByRole('button', { name: 'Vraag om alles te verwijderen' }).click();
    await expect(mobile.page.getByRole('alert')).toContainText('Vink aan');
    await mobile.page.getByLabel('Ja, ik wil dat jullie alles van deze aanmelding verwijderen.').check();
    await mobile.page.getByRole('button', { name: 'Vraag om alles te verwijderen' }).click();
    await expect(mobile.page.getByRole('status')).toContainText('We hebben je verzoek ontvangen');
    await expect(mobile.page.getByText(/Je vroeg op .* om alles te verwijderen/)).toBeVisible();
    await mobile.fits();
    await withJs.goto(mobile.page.url());
    await expectAccessible(withJs);

    // 7. The backoffice confirms it in the queue (without JavaScript, 320 px).
    await page.goto('/beheer');
    await page.getByRole('link', { name: /Verzoeken van personen/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Verzoeken om gegevens te verwijderen' })).toBeVisible();
    await expectAccessible(page);
    const office = await phone(browser, await page.context().storageState());
    await office.page.goto('/beheer/verzoeken');
    await office.fits();
    const card = office.page.getByRole('listitem').filter({ hasText: 'Mila Mijngegevens' });
    await expect(card).toContainText('Open');
    const requestId = await card.locator('input[name="requestId"]').inputValue();
    await card.getByRole('button', { name: /Afhandelen: verwijderen of weigeren/ }).click();
    await expect(office.page.getByRole('status')).toContainText('Het verzoek is afgehandeld');
    await office.fits();
    await page.goto('/beheer/verzoeken?gedaan=confirm');
    await expectAccessible(page);

    // 8. The data is gone, the request closed, she got a mail, and her link shows nothing any more.
    expect(await createRegistrationsRepository({ db: portalDatabase }).getById(family.id)).toBeUndefined();
    const [request] = await portalDatabase.execute<{ status: string; reply_to: string | null }>(
      sql`select status, reply_to from privacy_requests where id = ${requestId}`,
    );
    expect(request).toEqual({ status: 'done', reply_to: null });
    const answer = await waitForMail(email, /Je gegevens zijn verwijderd/);
    expect(answer.text).not.toContain('Mila');
    await mobile.page.goto(link!);
    await expect(mobile.page.getByText('We hebben (nu) geen gegevens bij dit e-mailadres.')).toBeVisible();
    await Promise.all([mobile.context.close(), office.context.close(), visitor.close()]);
  });

  test('an unknown link is a 404 with a way to ask for a new one', async ({ request }) => {
    const response = await request.get('/mijn-gegevens/abcdefghijkmnpqrstuvwxyz23456789');
    expect(response.status()).toBe(404);
    expect(await response.text()).toContain('Vraag een nieuwe link aan');
    const json = await request.get('/mijn-gegevens/niet-een-link/gegevens.json');
    expect(json.status()).toBe(404);
  });
});
