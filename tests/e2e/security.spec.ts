/**
 * Security pages as staff meet them (issue 13), in Chromium, axe on every page, also without
 * JavaScript: e-mail that did not arrive (/beheer/e-mail), /account asking who you are before new
 * recovery codes, the page for a refused form, the error page; and Back after logging out on a
 * shared computer shows nothing of the family that was open.
 */
import type { Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { outboxMessages } from '~/server/outbox/outbox.table';
import { registrations } from '~/server/registrations/registrations.table';
import { expect, expectAccessible, test } from './support/fixtures';
import { e2eDatabase, signInAs } from './support/staff-session';

/** No sideways scrolling on a 320 px wide phone. */
async function expectNoHorizontalScroll(page: Page) {
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${page.url()} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** Console errors of a page in a context of its own (the fixture watches only the default page). */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Chromium logs a document answered with 4xx/5xx as a console error; forgive exactly the ones caused on purpose. */
function forgiveStatuses(consoleErrors: string[], statuses: number[]) {
  for (const status of statuses) {
    const i = consoleErrors.findIndex((e) => e.includes(`status of ${status}`));
    expect(i, `expected a ${status} response`).toBeGreaterThanOrEqual(0);
    consoleErrors.splice(i, 1);
  }
}

async function failedEmails(recipients: string[]) {
  const connection = e2eDatabase();
  try {
    const rows = await connection.db
      .insert(outboxMessages)
      .values(
        recipients.map((to) => ({
          topic: 'email',
          payload: { to, template: 'password-reset', data: {}, context: { gemeente: null, coordinator: null } },
          status: 'failed' as const,
          attempts: 20,
          failedAt: new Date(),
          lastError: `Error: 550 5.1.1 <${to}>: Recipient address rejected`,
        })),
      )
      .returning({ id: outboxMessages.id });
    return rows.map((r) => r.id);
  } finally {
    await connection.close();
  }
}

test.describe('e-mail that did not arrive (backoffice)', () => {
  for (const javaScriptEnabled of [true, false]) {
    test(`shows it with the address half hidden, sends again and throws away (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
      browser,
      baseURL,
    }) => {
      const context = await browser.newContext({ javaScriptEnabled, locale: 'nl-NL' });
      const page = await context.newPage();
      const errors = watchConsole(page);
      await signInAs(context, 'backoffice', baseURL!);
      const tag = javaScriptEnabled ? 'met' : 'zonder';
      await failedEmails([`opnieuw.${tag}@voorbeeld.nl`, `weg.${tag}@voorbeeld.nl`]);

      await page.goto('/beheer');
      await page.getByRole('link', { name: 'E-mail die niet aankwam' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'E-mail die niet aankwam' })).toBeVisible();
      const row = (who: string) => page.getByRole('row').filter({ hasText: who });
      await expect(row(`o…@voorbeeld.nl`).first()).toContainText('Wachtwoord herstellen');
      await expect(page.getByText(`opnieuw.${tag}@voorbeeld.nl`)).toHaveCount(0);
      await expect(page.locator('main')).not.toContainText(`${tag}@voorbeeld.nl`);
      if (javaScriptEnabled) {
        await expectAccessible(page);
        await expectNoHorizontalScroll(page);
      }

      await page
        .getByRole('button', { name: /^Opnieuw versturen\s*: Wachtwoord herstellen aan o…@voorbeeld\.nl/ })
        .first()
        .click();
      await expect(page.getByRole('status')).toContainText('Het bericht wordt nu opnieuw verstuurd');
      await page
        .getByRole('button', { name: /^Weggooien\s*: Wachtwoord herstellen aan w…@voorbeeld\.nl/ })
        .first()
        .click();
      await expect(page.getByRole('status')).toContainText('Het bericht is weggegooid');
      if (javaScriptEnabled) await expectAccessible(page);
      expect(errors, 'console errors').toEqual([]);
      await context.close();
    });
  }
});

test('/account asks for the password or a code before making new recovery codes', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ locale: 'nl-NL' });
  const page = await context.newPage();
  const errors = watchConsole(page);
  const login = await signInAs(context, 'regional', baseURL!);
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn account' })).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  const codes = page.getByRole('region', { name: 'Herstelcodes' });
  await codes.getByLabel('Code uit je app of je wachtwoord').fill('dit is het niet');
  await codes.getByRole('button', { name: 'Maak nieuwe herstelcodes' }).click();
  await expect(page.getByRole('alert')).toContainText('Deze code of dit wachtwoord klopt niet');
  await expect(page.getByRole('list', { name: 'Herstelcodes' })).toHaveCount(0);
  await expectAccessible(page);

  await codes.getByLabel('Code uit je app of je wachtwoord').fill(login.password);
  await codes.getByRole('button', { name: 'Maak nieuwe herstelcodes' }).click();
  await expect(page.getByRole('list', { name: 'Herstelcodes' }).getByRole('listitem')).toHaveCount(8);
  await expectAccessible(page);
  forgiveStatuses(errors, [400]);
  expect(errors, 'console errors').toEqual([]);
  await context.close();
});

test('after logging out, Back shows nothing of the family that was open', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ locale: 'nl-NL' });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await signInAs(context, 'coordinator', baseURL!);
  const connection = e2eDatabase();
  const [family] = await connection.db
    .select()
    .from(registrations)
    .where(eq(registrations.contactName, 'Sanne Bessems'))
    .limit(1);
  await connection.close();

  await page.goto(`/inbox/${family!.id}`);
  await expect(page.locator('main')).toContainText('Sanne Bessems');
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page.getByRole('status')).toContainText('Je bent uitgelogd');
  await page.goBack();
  await expect(page).toHaveURL(/\/inloggen/);
  await expect(page.locator('body')).not.toContainText('Sanne Bessems');
  expect(errors, 'console errors').toEqual([]);
  await context.close();
});

test('the pages for a refused form and for an error are Dutch and accessible', async ({ page, consoleErrors }) => {
  await page.goto('/verzoek-geweigerd');
  await expect(page.getByRole('heading', { level: 1, name: 'Je formulier is niet aangekomen' })).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  // What a form from another website gets (the browser cannot be made to send one here).
  const refused = await page.request.post('/beekdaelen/aanmelden/vraaggezin', {
    headers: { origin: 'https://evil.example' },
    form: { name: 'Sanne' },
  });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain('Je formulier is niet aangekomen');

  const error = await page.goto('/500');
  expect(error?.status()).toBe(500);
  await expect(page.getByRole('heading', { level: 1, name: 'Er ging bij ons iets mis' })).toBeVisible();
  await expectAccessible(page);
  forgiveStatuses(consoleErrors, [500]);
});
