import { expect, expectAccessible, test } from './support/fixtures';

test('the development mailbox lists the demo mails and shows one safely', async ({ page }) => {
  // The demo content queues a few mails at the first start; the outbox worker writes them out.
  await expect(async () => {
    await page.goto('/dev/mailbox');
    await expect(page.getByRole('link', { name: 'Welkom in de demo van het Buurtgezinnen-portaal' })).toBeVisible({
      timeout: 1000,
    });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Postvak (ontwikkeling)' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Nieuwe aanmelding in Beekdaelen' }).first()).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'We hebben je aanmelding ontvangen – Buurtgezinnen Beekdaelen' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'We hebben je aanmelding ontvangen – Buurtgezinnen Beekdaelen' }),
  ).toBeVisible();
  await expect(page.getByText('ouder@demo.buurtgezinnen.nl')).toBeVisible();
  await expect(page.locator('dd code')).toHaveText(/^<[0-9a-f-]{36}@buurtgezinnen\.nl>$/);

  // The HTML part is its own document under a sandbox CSP: no scripts, an opaque origin.
  const htmlLink = page.getByRole('link', { name: 'Bekijk de e-mail zoals de ontvanger hem ziet (HTML)' });
  const html = await page.request.get((await htmlLink.getAttribute('href'))!);
  expect(html.status()).toBe(200);
  expect(html.headers()['content-type']).toBe('text/html; charset=utf-8');
  expect(html.headers()['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);
  expect(await html.text()).toMatch(/<h1[^>]*>Fijn dat je je hebt aangemeld<\/h1>/);
  // The plain-text part, as text.
  await expect(page.locator('pre.mail-text')).toContainText('Beste Sanne,');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Terug naar het postvak' }).click();
  await expect(page).toHaveURL(/\/dev\/mailbox$/);
});

test('an unknown or malformed mail id is a 404, not an error', async ({ request }) => {
  for (const id of ['20261123T000000Z-onbekend', '..%2F..%2Fetc%2Fpasswd', 'x', '%E0%A4%A']) {
    for (const path of [`/dev/mailbox/${id}`, `/dev/mailbox/${id}/html`]) {
      const response = await request.get(path);
      expect([400, 404], path).toContain(response.status());
    }
  }
});
