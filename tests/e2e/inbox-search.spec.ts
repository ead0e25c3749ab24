/**
 * Inbox search as a coordinator of Beekdaelen + Heerenveen (the demo content): without JavaScript the
 * box is a GET form to a results page with marked words and filters; with JavaScript results
 * appear while typing, are announced, and can be chosen with the arrow keys. Never a sign-up
 * of another gemeente (the demo has one in Haarlem). axe on every page.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, expectAccessible, ignoreConsoleErrors, test } from './support/fixtures';

/**
 * axe runs inside the page and needs JavaScript: check the HTML the server sent to the
 * no-JavaScript page in a separate page, with scripts blocked so nothing hydrates.
 */
async function expectAccessibleWithoutJs(browser: Browser, page: Page) {
  const html = await page.content();
  const url = page.url().replace(/#.*$/, '');
  // Blocked scripts are logged as errors here, on purpose.
  const context = ignoreConsoleErrors(await browser.newContext({ locale: 'nl-NL', javaScriptEnabled: true }));
  try {
    const checker = await context.newPage();
    await checker.route('**/*', (route) =>
      route.request().url() === url
        ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
        : route.request().resourceType() === 'script'
          ? route.abort()
          : route.continue(),
    );
    await checker.goto(url);
    await expectAccessible(checker, `${url} (zonder JavaScript)`);
  } finally {
    await context.close();
  }
}

// Like the demo coordinator: Beekdaelen and Heerenveen (the demo has a sign-up in Haarlem she must never see).
test.use({ staffOptions: { role: 'coordinator', gemeenten: ['beekdaelen', 'heerenveen'] } });

test('search the inbox without and with JavaScript', async ({ page, browser, consoleErrors, staff }) => {
  // Signed in by the fixture: straight to the inbox.
  await page.goto('/inbox');
  await expect(page.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible();
  await expect(page.getByText(staff.displayName, { exact: true }).first()).toBeVisible();

  // --- without JavaScript, same session
  const plain = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
    locale: 'nl-NL',
  });
  const noJs = await plain.newPage();
  await noJs.goto('/inbox');
  await expectAccessibleWithoutJs(browser, noJs);
  await noJs.getByRole('searchbox', { name: 'Zoek een aanmelding' }).fill('fatma amstenrade');
  await noJs.getByRole('button', { name: 'Zoeken', exact: true }).click();
  await expect(noJs).toHaveURL(/\/inbox\/zoeken\?q=fatma\+amstenrade/);
  await expect(noJs.getByRole('heading', { level: 2 })).toContainText('1 aanmelding gevonden');
  const hit = noJs.getByRole('link', { name: 'Mo en Fatima El Idrissi' });
  await expect(hit).toBeVisible();
  await expect(hit.locator('mark')).toHaveText(['Fatima']);
  await expect(noJs.locator('.search-hit dd mark')).toHaveText(['Amstenrade']);
  await expectAccessibleWithoutJs(browser, noJs);

  // A phone number in another format, a filter that is kept with the query, and no other gemeente.
  await noJs.getByRole('searchbox', { name: 'Zoek een aanmelding' }).fill('06 1234 0003');
  await noJs.getByRole('button', { name: 'Zoeken', exact: true }).click();
  await expect(noJs.getByRole('link', { name: 'Ilse Hendriks' })).toBeVisible();
  await noJs.getByLabel('Soort').selectOption('steungezin');
  await noJs.getByRole('button', { name: 'Filter' }).click();
  await expect(noJs).toHaveURL(/q=06\+1234\+0003/);
  await expect(noJs).toHaveURL(/soort=steungezin/);
  await expect(noJs.getByRole('heading', { level: 2 })).toContainText('Niets gevonden');
  await noJs.goto('/inbox/zoeken?q=amrani');
  await expect(noJs.getByRole('heading', { level: 2 })).toContainText('Niets gevonden');
  await expect(noJs.getByText('Yasmina')).toHaveCount(0);
  await noJs.goto(`/inbox/zoeken?q=${'a'.repeat(201)}`);
  await expect(noJs.getByRole('alert')).toContainText('te lang');
  // That page came with status 400, which Chromium logs: expected here, once.
  const refusedQuery = consoleErrors.findIndex((e) => e.includes('status of 400'));
  expect(refusedQuery).toBeGreaterThanOrEqual(0);
  consoleErrors.splice(refusedQuery, 1);
  await expectAccessibleWithoutJs(browser, noJs);

  // The JSON endpoint behind the instant results: staff only, Dutch errors, no other gemeente.
  const signedIn = await plain.request.get('/inbox/zoeken.json?q=fatma');
  expect(signedIn.status()).toBe(200);
  const body = (await signedIn.json()) as {
    total: number;
    hits: { meta: string; name: { text: string; mark: boolean }[] }[];
  };
  expect(body.hits.length).toBeGreaterThan(0);
  expect(body.hits.every((h) => !h.meta.includes('Haarlem'))).toBe(true);
  expect(body.hits[0]!.name.some((p) => p.mark && p.text === 'Fatima')).toBe(true);
  const tooLong = await plain.request.get(`/inbox/zoeken.json?q=${'x'.repeat(201)}`);
  expect(tooLong.status()).toBe(400);
  expect(((await tooLong.json()) as { error: string }).error).toContain('te lang');
  const anonymous = await browser.newContext();
  const refused = await anonymous.request.get('/inbox/zoeken.json?q=fatma');
  expect(refused.status()).toBe(401);
  expect(await refused.text()).not.toContain('Fatima');
  await anonymous.close();
  await plain.close();

  // --- with JavaScript: instant results while typing
  await page.goto('/inbox');
  const box = page.getByRole('combobox', { name: 'Zoek een aanmelding' });
  await expect(box).toBeVisible();
  await box.pressSequentially('hendrik', { delay: 30 });
  const listbox = page.getByRole('listbox', { name: 'Gevonden aanmeldingen' });
  await expect(listbox).toBeVisible();
  await expect(listbox.getByRole('option')).toHaveCount(1);
  await expect(listbox.getByRole('option').first().locator('mark').first()).toHaveText('Hendriks');
  await expect(page.getByRole('status').filter({ hasText: 'gevonden' })).toHaveText(/1 aanmelding gevonden/);
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await expectAccessible(page);
  await box.press('ArrowDown');
  await expect(box).toHaveAttribute('aria-activedescendant', 'inbox-zoek-optie-0');
  await expect(listbox.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Vraaggezin uit Beekdaelen');
  await expect(page.getByText('Ilse Hendriks').first()).toBeVisible();

  // Escape closes; Enter without a chosen result opens the full results page.
  await page.goto('/inbox');
  await box.pressSequentially('nuth', { delay: 30 });
  await expect(listbox).toBeVisible();
  await box.press('Escape');
  await expect(listbox).toBeHidden();
  await box.press('Enter');
  await expect(page).toHaveURL(/\/inbox\/zoeken\?q=nuth/);
  await expect(page.getByRole('link', { name: 'Familie Dassen' })).toBeVisible();
  await expectAccessible(page);
  expect(consoleErrors).toEqual([]);
});
