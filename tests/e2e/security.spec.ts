/**
 * Security pages as staff meet them (issue 13), in Chromium, axe on every page, also without
 * JavaScript: e-mail that did not arrive (/beheer/e-mail), /account asking who you are before new
 * recovery codes, the page for a refused form, the error page; and Back after logging out on a
 * shared computer shows nothing of the family that was open.
 */
import type { Page } from '@playwright/test';
import { createOutboxEmail, createRegistration } from '~tests/support/factories';
import { expect, expectAccessible, test } from './support/fixtures';

/** No sideways scrolling on a 320 px wide phone. */
async function expectNoHorizontalScroll(page: Page) {
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${page.url()} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** Chromium logs a document answered with 4xx/5xx as a console error; forgive exactly the ones caused on purpose. */
function forgiveStatuses(consoleErrors: string[], statuses: number[]) {
  for (const status of statuses) {
    const i = consoleErrors.findIndex((e) => e.includes(`status of ${status}`));
    expect(i, `expected a ${status} response`).toBeGreaterThanOrEqual(0);
    consoleErrors.splice(i, 1);
  }
}

test.describe('e-mail that did not arrive (backoffice)', () => {
  for (const javaScriptEnabled of [true, false]) {
    test(`shows it with the address half hidden, sends again and throws away (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
      browser,
      signInStaff,
      portalDatabase,
    }) => {
      const context = await browser.newContext({ javaScriptEnabled, locale: 'nl-NL' });
      const page = await context.newPage();
      await signInStaff({ role: 'backoffice' }, context);
      const tag = javaScriptEnabled ? 'met' : 'zonder';
      await createOutboxEmail(portalDatabase, { status: 'failed', to: `opnieuw.${tag}@voorbeeld.nl` });
      await createOutboxEmail(portalDatabase, { status: 'failed', to: `weg.${tag}@voorbeeld.nl` });

      await page.goto('/beheer');
      await page.getByRole('link', { name: 'E-mail die niet aankwam' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'E-mail die niet aankwam' })).toBeVisible();
      await expect(page.getByRole('row').filter({ hasText: 'o…@voorbeeld.nl' }).first()).toContainText(
        'Wachtwoord herstellen',
      );
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
      await context.close();
    });
  }
});

test.describe('my account', () => {
  test.use({ staffOptions: { role: 'regional' } });

  test('asks for the password or a code before making new recovery codes', async ({ page, staff, consoleErrors }) => {
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

    await codes.getByLabel('Code uit je app of je wachtwoord').fill(staff.password!);
    await codes.getByRole('button', { name: 'Maak nieuwe herstelcodes' }).click();
    await expect(page.getByRole('list', { name: 'Herstelcodes' }).getByRole('listitem')).toHaveCount(8);
    await expectAccessible(page);
    forgiveStatuses(consoleErrors, [400]);
  });
});

test('after logging out, Back shows nothing of the family that was open', async ({ page, staff, portalDatabase }) => {
  const family = await createRegistration(portalDatabase, 'vraaggezin', { contactName: 'Roos Terugknop' });
  await page.goto(`/inbox/${family.id}`);
  await expect(page.getByText(staff.displayName, { exact: true }).first()).toBeVisible();
  await expect(page.locator('main')).toContainText('Roos Terugknop');
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page.getByRole('status')).toContainText('Je bent uitgelogd');
  await page.goBack();
  await expect(page).toHaveURL(/\/inloggen/);
  await expect(page.locator('body')).not.toContainText('Roos Terugknop');
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
