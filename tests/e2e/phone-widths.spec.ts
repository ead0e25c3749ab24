/**
 * Issue 12: no public page scrolls sideways on a phone (320 and 390 px wide). Every public page:
 * the ones in the sitemap, and the ones rendered per request that the sitemap leaves out (sign-up
 * forms, with and without their error messages, the thank-you pages, the search results, a
 * profile, a profile that is gone, the 404 page, a family's personal link to confirm the
 * agreements of its koppeling (valid and used up), and the staff pages anyone can open: login,
 * password links, an invitation link, the refused-form page).
 */
import type { Page } from '@playwright/test';
import { generateSecureRandomString, hashSecret } from '~/server/auth/tokens';
import type { Database } from '~/server/db/db';
import { createKoppelingenRepository } from '~/server/koppelingen/koppelingen.repository';
import { createKoppeling } from '~tests/support/factories';
import { expect, test } from './support/fixtures';

const WIDTHS = [320, 390];

/** A started koppeling whose vraaggezin has not confirmed yet: its personal link, as the e-mail gives it. */
async function confirmationLink(db: Database) {
  const koppeling = await createKoppeling(db, { phase: 'active', signed: false });
  const token = generateSecureRandomString(32);
  const now = new Date();
  await createKoppelingenRepository({ db }).saveSignature({
    koppelingId: koppeling.id,
    party: 'vraaggezin',
    method: 'email',
    tokenHash: hashSecret(token),
    tokenExpiresAt: new Date(now.getTime() + 7 * 86_400_000),
    sentAt: now,
    signedAt: null,
    signedOn: null,
    consent: null,
    recordedBy: null,
    updatedAt: now,
  });
  return `/afspraken/${token}`;
}

async function publicPaths(page: Page, db: Database): Promise<string[]> {
  const sitemap = await (await page.request.get('/sitemap.xml')).text();
  // Pages only: the sitemap also lists each gemeente's Atom feed.
  const listed = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)]
    .map((m) => new URL(m[1]!).pathname)
    .filter((path) => !path.endsWith('.xml'));
  await page.goto('/beekdaelen/steungezin-gezocht');
  // A profile (the list also links its Atom feed, under the same path).
  const profile = await page
    .locator('a[href^="/beekdaelen/steungezin-gezocht/"]:not([href$=".xml"])')
    .first()
    .getAttribute('href');
  expect(profile, 'the demo has a published profile in Beekdaelen').toBeTruthy();
  const confirmation = await confirmationLink(db);
  expect((await page.request.get(confirmation)).status(), 'the personal link shows the agreements').toBe(200);
  const gemeenten = [...new Set(listed.map((p) => p.split('/')[1]!).filter((s) => listed.includes(`/${s}/contact`)))];
  return [
    ...listed,
    '/aanmelden',
    '/gemeenten/zoeken?q=Schimmert',
    '/gemeenten/zoeken?q=Appelscha',
    profile!,
    '/beekdaelen/steungezin-gezocht/00000000-0000-4000-8000-000000000000/bestaat-niet',
    '/bestaat-niet',
    '/inloggen',
    '/wachtwoord-vergeten',
    '/wachtwoord-herstellen?code=bestaat.niet',
    '/uitnodiging/bestaatniet',
    '/verzoek-geweigerd',
    confirmation,
    `/afspraken/${'a'.repeat(32)}`,
    `/verwijzing/${'a'.repeat(32)}`,
    ...gemeenten.flatMap((g) => [
      `/${g}/aanmelden`,
      `/${g}/aanmelden/vraaggezin`,
      `/${g}/aanmelden/steungezin`,
      `/${g}/verwijzen`,
      `/${g}/aanmelden/bedankt?soort=vraaggezin`,
      `/${g}/aanmelden/bedankt?soort=steungezin`,
      `/${g}/aanmelden/bedankt?soort=verwijzing`,
    ]),
    `/beekdaelen/aanmelden/steungezin?profiel=${profile!.split('/').at(-1)}`,
  ];
}

async function sidewaysOverflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scroll = document.documentElement.scrollWidth;
    // Name the widest element sticking out, for the failure message.
    let culprit = '';
    for (const el of document.querySelectorAll('body *')) {
      const rect = el.getBoundingClientRect();
      if (rect.right > width + 1 && getComputedStyle(el).position !== 'fixed') {
        const box = el.closest('.table-wrap');
        if (box) continue; // tables scroll inside their own box, by design
        culprit = `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}" ends at ${Math.round(rect.right)}px`;
      }
    }
    return { width, scroll, culprit };
  });
}

for (const width of WIDTHS) {
  test(`no public page scrolls sideways at ${width} px`, async ({ page, consoleErrors, portalDatabase }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width, height: 800 });
    const problems: string[] = [];
    for (const path of await publicPaths(page, portalDatabase)) {
      await page.goto(path);
      const { scroll, culprit } = await sidewaysOverflow(page);
      if (scroll > width) problems.push(`${path}: ${scroll}px wide (${culprit})`);
    }
    // The same forms with every error message shown (the error summary and long messages).
    for (const form of [
      '/beekdaelen/aanmelden/vraaggezin',
      '/beekdaelen/aanmelden/steungezin',
      '/beekdaelen/verwijzen',
    ]) {
      await page.goto(form);
      await page.locator('form#aanmeldformulier button[type="submit"]').click();
      await page.waitForLoadState();
      const { scroll, culprit } = await sidewaysOverflow(page);
      if (scroll > width) problems.push(`${form} with errors: ${scroll}px wide (${culprit})`);
    }
    // 404 and 410 documents, and a form the server refused (422: sent before its island took over),
    // are logged by Chromium as console errors; those are expected here.
    const expected = consoleErrors.filter((e) => /status of (404|410|422)/.test(e));
    for (const e of expected) consoleErrors.splice(consoleErrors.indexOf(e), 1);
    expect(problems).toEqual([]);
  });
}
