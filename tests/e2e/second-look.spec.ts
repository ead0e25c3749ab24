/**
 * Issue 12: the identifiability check really protects. A coordinator writes a profile with
 * the mother's phone number: it cannot be published at all, whatever she writes. With the number
 * gone but a child's name kept (with a reason), the profile waits as "Wacht op tweede blik"; she
 * cannot approve it herself; backoffice gives the second look and it goes online. axe on the way.
 * The staff pages of the check (flags, the second look, the note's health question) fit a phone.
 */
import type { Page } from '@playwright/test';
import { createProfile, createRegistration } from '~tests/support/factories';
import { expect, expectAccessible, test } from './support/fixtures';

const TITLE = `Wie speelt op donderdag mee met een vrolijke kleuter? ${Date.now().toString(36)}`;

test('a phone number can never be published; a kept child’s name waits for a second staff member, who approves it', async ({
  page,
  browser,
  consoleErrors,
  staff,
  signInStaff,
  portalDatabase,
}) => {
  test.setTimeout(300_000);
  // The fixture signed in a coordinator of Beekdaelen; a family of her own to write about.
  const family = await createRegistration(portalDatabase, 'vraaggezin', {
    gemeenteSlug: 'beekdaelen',
    status: 'intake_2',
  });
  await page.goto(`/inbox/${family.id}`);
  await page.getByRole('link', { name: /profiel schrijven/i }).click();
  await expect(page.getByRole('heading', { name: 'Nieuw wervingsprofiel' })).toBeVisible();
  await page.getByLabel('Titel', { exact: true }).fill(TITLE);
  await page.getByLabel('Dorp of wijk').fill('Beekdaelen');
  await page.getByLabel('Leeftijd kind 1').fill('4-6');
  await page.getByLabel('Leeftijd kind 2 (mag leeg)').fill('');
  await page.getByLabel('Leeftijd kind 3 (mag leeg)').fill('');
  await page.getByRole('checkbox', { name: 'Een vaste middag in de week' }).check();
  await page.getByRole('radio', { name: 'Elke week' }).check();
  await page.getByRole('radio', { name: 'Nee' }).check();
  const story =
    'Een moeder met twee kinderen woont sinds kort in de gemeente en kent nog weinig mensen. De oudste, Sanne, houdt van paarden en tekenen.';
  await page.getByLabel('Het verhaal').fill(`${story} Bel moeder gerust op (06) 123 456 78.`);
  await page
    .getByLabel('Wat doet een steungezin?')
    .fill('Elke donderdagmiddag samen spelen of naar de kinderboerderij.');
  await page
    .getByLabel('Wat krijgt een steungezin ervoor terug?')
    .fill('Een kind dat opbloeit en steun van de coördinator.');
  await page.getByRole('button', { name: 'Concept opslaan' }).click();
  await expect(page.getByText('Het profiel is opgeslagen.')).toBeVisible();
  const profileUrl = page.url().replace(/\?.*$/, '');

  // 1. The phone number: no reason field for it, and no reason publishes it.
  const phone = page.locator('[data-flag-kind="phone"]');
  await expect(phone).toContainText('Telefoonnummer: "(06) 123 456 78" (in “Het verhaal”)');
  await expect(phone).toContainText('Dit kun je niet laten staan.');
  await expect(phone.locator('input')).toHaveCount(0);
  await page.locator('[data-flag-kind="personal-name"] input').fill('Moeder vindt het goed, echt waar.');
  await page.getByRole('button', { name: 'Publiceren' }).click();
  await expect(page.locator('.error-summary')).toContainText('Telefoonnummer: (06) 123 456 78');
  await expect(page.locator('[data-profile-status]')).toHaveText('Concept');
  await expectAccessible(page);
  for (const status of ['status of 409']) {
    const i = consoleErrors.findIndex((e) => e.includes(status));
    if (i >= 0) consoleErrors.splice(i, 1);
  }
  const publicPath = profileUrl.replace(/.*\/inbox\/profielen\//, '/beekdaelen/steungezin-gezocht/');
  expect((await page.request.get(publicPath)).status()).toBe(404);

  // 2. Without the number; the child's name is kept with a reason: it waits for a second look.
  await page.getByRole('link', { name: 'Tekst aanpassen' }).first().click();
  await page.getByLabel('Het verhaal').fill(story);
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(page.locator('[data-flag-kind="phone"]')).toHaveCount(0);
  await page
    .locator('[data-flag-kind="personal-name"] input')
    .fill('Sanne is een veelvoorkomende naam; moeder wil het graag zo.');
  await page.getByRole('button', { name: 'Publiceren' }).click();
  await expect(page.getByText('Het profiel wacht nu op een tweede blik.')).toBeVisible();
  await expect(page.locator('[data-profile-status]')).toHaveText('Wacht op tweede blik');
  const review = page.locator('[data-review]');
  await expect(review).toContainText(`${staff.displayName} wil deze punten laten staan.`);
  await expect(review).toContainText('Mogelijk een naam: "Sanne"');
  await expect(review.getByRole('button', { name: 'Goedkeuren en publiceren' })).toHaveCount(0);
  await expect(review).toContainText('Jij vroeg om deze tweede blik');
  await expectAccessible(page);
  expect((await page.request.get(publicPath)).status()).toBe(404);

  // 3. Backoffice sees it waiting and approves it: online at once.
  const secondContext = await browser.newContext();
  await signInStaff({ role: 'backoffice' }, secondContext);
  const second = await secondContext.newPage();
  await second.goto('/inbox/profielen');
  await expect(second.locator('[data-waiting-for-review]')).toContainText('wacht op een tweede blik');
  await second.getByRole('link', { name: 'bekijk ze' }).click();
  await second.getByRole('link', { name: TITLE }).click();
  await expectAccessible(second);
  await second.getByRole('button', { name: 'Goedkeuren en publiceren' }).click();
  await expect(second.getByText('Goedgekeurd: het profiel staat online.')).toBeVisible();
  await expect(second.locator('[data-profile-status]')).toHaveText('Gepubliceerd');
  await expectAccessible(second);
  expect((await second.request.get(publicPath)).status()).toBe(200);
  await second.context().close();
});

test('a note never stores a BSN, and a diagnosis in a note asks first whether the next step needs it', async ({
  page,
  consoleErrors,
  portalDatabase,
  staff,
}) => {
  test.setTimeout(180_000);
  // The fixture signed in a coordinator of Beekdaelen.
  expect(staff.role).toBe('coordinator');
  const family = await createRegistration(portalDatabase, 'vraaggezin', { gemeenteSlug: 'beekdaelen' });
  const record = `/inbox/${family.id}`;
  await page.goto(record);
  const note = page.getByLabel('Nieuwe notitie');
  await note.fill('ADHD en autisme, BSN 123456782');
  await page.getByRole('button', { name: 'Notitie opslaan' }).click();
  await expect(page.getByText('Hier staat een burgerservicenummer (BSN)')).toBeVisible();
  await expect(note).toHaveValue('ADHD en autisme, BSN 123456782');
  await note.fill('Zoon heeft ADHD; rustige plek helpt.');
  await page.getByRole('button', { name: 'Notitie opslaan' }).click();
  await expect(page.getByText('Je schrijft over een diagnose of over gezondheid (adhd)')).toBeVisible();
  await expect(note).toHaveValue('Zoon heeft ADHD; rustige plek helpt.');
  await expectAccessible(page);
  await page.getByLabel('Ja, dit is nodig voor de volgende stap.').check();
  await page.getByRole('button', { name: 'Notitie opslaan' }).click();
  await expect(page).toHaveURL(/gedaan=note/);
  await expect(page.getByText('Zoon heeft ADHD; rustige plek helpt.')).toBeVisible();
  await page.goto(record);
  await expect(page.getByText('BSN 123456782')).toHaveCount(0);
  // Both refusals answered 422 (Chromium logs each as a console error; expected here).
  for (let i = consoleErrors.length - 1; i >= 0; i--)
    if (consoleErrors[i]!.includes('status of 422')) consoleErrors.splice(i, 1);
});

/** How wide the page is, and the element that sticks out furthest (for the failure message). */
async function pageWidth(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    let culprit = '';
    for (const el of document.querySelectorAll('body *')) {
      const right = el.getBoundingClientRect().right;
      if (right > width + 1 && !el.closest('.table-wrap'))
        culprit = `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}" ends at ${Math.round(right)}px`;
    }
    return { scroll: document.documentElement.scrollWidth, culprit };
  });
}

test('the flags, the second look and the note question do not scroll sideways at 320 and 390 px', async ({
  page,
  consoleErrors,
  portalDatabase,
  staff,
}) => {
  test.setTimeout(120_000);
  const family = await createRegistration(portalDatabase, 'vraaggezin', {
    gemeenteSlug: 'beekdaelen',
    status: 'intake_2',
  });
  // Long contact data as people paste it: the flags quote it whole.
  const flagged = await createProfile(portalDatabase, {
    registration: family,
    story:
      'De oudste, Sanne, houdt van paarden. Mail moeder op fatima.elamrani-vandenberg1982@hotmail.com of kijk op https://www.facebook.com/fatima.elamrani.vandenberg.1982',
  });
  const waiting = await createProfile(portalDatabase, {
    gemeenteSlug: 'beekdaelen',
    status: 'review',
    story: 'De oudste, Sanne, houdt van paarden en tekenen en gaat elke zaterdag naar de manege in de buurt.',
    overrides: [
      {
        key: 'personal-name:story:sanne',
        reason: 'Sanne is een veelvoorkomende naam; moeder wil het graag zo.',
        staffId: staff.id,
        at: new Date().toISOString(),
      },
    ],
  });
  const problems: string[] = [];
  for (const width of [320, 390]) {
    await page.setViewportSize({ width, height: 800 });
    const measure = async (what: string) => {
      const { scroll, culprit } = await pageWidth(page);
      if (scroll > width) problems.push(`${width} px, ${what}: ${scroll}px wide (${culprit})`);
    };
    await page.goto(`/inbox/profielen/${flagged.id}`);
    await expect(page.locator('[data-flag-kind="social"]')).toBeVisible();
    await measure('profile with flags');
    await page.goto(`/inbox/profielen/${waiting.id}`);
    await expect(page.locator('[data-profile-status]')).toHaveText('Wacht op tweede blik');
    await measure('profile waiting for a second look');
    await page.goto('/inbox/profielen');
    await expect(page.locator('[data-waiting-for-review]')).toBeVisible();
    await measure('profiles list');
    await page.goto(`/inbox/${family.id}`);
    await page.getByLabel('Nieuwe notitie').fill('Zoon heeft ADHD; rustige plek helpt.');
    await page.getByRole('button', { name: 'Notitie opslaan' }).click();
    await expect(page.getByLabel('Ja, dit is nodig voor de volgende stap.')).toBeVisible();
    await measure('sign-up with the note question');
  }
  // The note question answers 422 (logged by Chromium; expected here).
  for (let i = consoleErrors.length - 1; i >= 0; i--)
    if (consoleErrors[i]!.includes('status of 422')) consoleErrors.splice(i, 1);
  expect(problems).toEqual([]);
});
