/**
 * The public site as a visitor meets it: every informational page of every gemeente and the
 * national pages, axe-clean, keyboard-usable, without JavaScript, findable by village name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from './support/fixtures';

type Gemeente = { slug: string; name: string; kernen: string[]; status: string };
const contentDir = path.resolve('src/content/gemeenten');
const gemeenten: Gemeente[] = readdirSync(contentDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => JSON.parse(readFileSync(path.join(contentDir, file), 'utf8')) as Gemeente);

const nationalPages = [
  '/',
  '/gemeenten',
  '/hoe-werkt-het',
  '/veelgestelde-vragen',
  '/privacy',
  '/toegankelijkheid',
  '/oudertelefoon',
];
const gemeenteSubpages = ['', '/hulp-voor-je-gezin', '/steungezin-worden', '/verwijzers', '/activiteiten', '/contact'];
const gemeentePages = gemeenten.flatMap((g) => gemeenteSubpages.map((sub) => `/${g.slug}${sub}`));
const informationalPages = [...nationalPages, ...gemeentePages];

/** The 404 document itself is logged by Chromium as a console error; that one is expected. */
function forgiveExpected404(consoleErrors: string[]) {
  for (let i = consoleErrors.length - 1; i >= 0; i--)
    if (/status of 404/.test(consoleErrors[i]!)) consoleErrors.splice(i, 1);
}

async function scriptsOn(page: Page) {
  return page.locator('script').evaluateAll((scripts) => scripts.map((s) => s.getAttribute('type') ?? 'classic'));
}

test('there are demo gemeenten to visit', () => {
  expect(gemeenten.map((g) => g.slug)).toEqual(
    expect.arrayContaining(['beekdaelen', 'heerenveen', 'haarlem', 'uithoorn']),
  );
});

for (const url of informationalPages) {
  test(`${url} is a complete, accessible page without JavaScript`, async ({ page }) => {
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
      'href',
      new RegExp(`${url === '/' ? '/' : url}$`),
    );
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /\/deelafbeelding\.png$/);
    expect((await page.locator('meta[name="description"]').getAttribute('content'))?.length).toBeGreaterThan(50);
    // Informational pages ship no JavaScript; structured data is the only script allowed.
    // /gemeenten has the one small instant-filter module (decision 004).
    const scripts = (await scriptsOn(page)).filter((type) => type !== 'application/ld+json');
    expect(scripts).toEqual(url === '/gemeenten' ? ['module'] : []);
    await expectAccessible(page);
  });
}

test('every page has its own title', async ({ page }) => {
  const titles = new Map<string, string>();
  for (const url of informationalPages) {
    await page.goto(url);
    const title = await page.title();
    expect(titles.get(title), `${url} has the same title as ${titles.get(title)}`).toBeUndefined();
    titles.set(title, url);
  }
});

test('gemeente pages show the local coordinator, the calls to action and the place for profiles', async ({ page }) => {
  await page.goto('/beekdaelen');
  await expect(page.getByRole('heading', { name: 'Je coördinator in Beekdaelen' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Meld je gezin aan' })).toHaveAttribute(
    'href',
    '/beekdaelen/aanmelden/vraaggezin',
  );
  await expect(page.getByRole('link', { name: 'Meld je aan als steungezin' }).first()).toHaveAttribute(
    'href',
    '/beekdaelen/aanmelden/steungezin',
  );
  await expect(page.getByRole('link', { name: 'Verwijs een gezin' })).toHaveAttribute('href', '/beekdaelen/verwijzen');
  await expect(page.locator('[data-latest-profiles="beekdaelen"]')).toBeVisible();
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent()) ?? '{}');
  expect(jsonLd).toMatchObject({
    '@type': 'Organization',
    name: 'Buurtgezinnen Beekdaelen',
    contactPoint: { email: 'beekdaelen@demo.buurtgezinnen.nl' },
  });
  // The gemeente that is starting says so.
  await page.goto('/uithoorn');
  await expect(page.getByText('Buurtgezinnen gaat van start in Uithoorn.')).toBeVisible();
});

test('the skip link is the first stop for the keyboard and moves focus to the content, with a visible focus', async ({
  page,
}) => {
  await page.goto('/beekdaelen/hulp-voor-je-gezin');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Naar de inhoud' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#inhoud')).toBeFocused();
  // The next Tab lands inside the content, not back in the menu.
  await page.keyboard.press('Tab');
  const focusedInMain = await page.evaluate(() => document.activeElement?.closest('main') !== null);
  expect(focusedInMain).toBe(true);
  const outline = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);
});

test('every link in the menu and footer can be reached with Tab', async ({ page }) => {
  await page.goto('/heerenveen');
  const expected = await page
    .locator('header a, footer a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const reached = new Set<string | null>();
  for (let i = 0; i < 80 && reached.size < new Set(expected).size; i++) {
    await page.keyboard.press('Tab');
    const href = await page.evaluate(() =>
      document.activeElement?.closest('header, footer') ? document.activeElement.getAttribute('href') : undefined,
    );
    if (href !== undefined) reached.add(href);
  }
  expect([...reached].sort()).toEqual([...new Set(expected)].sort());
});

test('without JavaScript, someone from Schimmert finds Beekdaelen with the search form', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/gemeenten');
  await page.getByLabel('Zoek op je gemeente, dorp of wijk').fill('Schimmert');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page).toHaveURL(/\/gemeenten\/zoeken\?q=Schimmert$/);
  await expect(page.getByText('Schimmert hoort bij de gemeente Beekdaelen.')).toBeVisible();
  await expect(page.getByLabel('Zoek op je gemeente, dorp of wijk')).toHaveValue('Schimmert');
  await page.getByRole('link', { name: 'Buurtgezinnen Beekdaelen' }).click();
  await expect(page).toHaveURL(/\/beekdaelen$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Beekdaelen');

  // A place we do not know gets a kind answer, not an empty page.
  await page.goto('/gemeenten/zoeken?q=Appelscha');
  await expect(page.getByRole('heading', { name: 'Geen gemeente gevonden' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Meer over De Oudertelefoon' })).toBeVisible();
  await context.close();
});

test('the search results page is accessible (axe needs JavaScript, so this runs in a normal context)', async ({
  page,
}) => {
  for (const q of ['Schimmert', 'Appelscha', 'a', '']) {
    const response = await page.goto(`/gemeenten/zoeken?q=${encodeURIComponent(q)}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expectAccessible(page);
  }
});

test('with JavaScript, the list on /gemeenten filters while you type', async ({ page }) => {
  await page.goto('/gemeenten');
  const list = page.locator('#gemeentelijst');
  await expect(list.getByRole('link', { name: 'Haarlem' })).toBeVisible();
  await page.getByLabel('Zoek op je gemeente, dorp of wijk').pressSequentially('schimm');
  await expect(list.getByRole('link', { name: 'Beekdaelen' })).toBeVisible();
  await expect(list.getByRole('link', { name: 'Haarlem' })).toBeHidden();
  await expect(list.getByRole('heading', { name: 'Noord-Holland' })).toBeHidden();
  await expect(page.getByRole('status')).toHaveText('1 gemeente gevonden.');
  await expect(page).toHaveURL(/\/gemeenten$/); // filtered in place, no page load
  await page.getByLabel('Zoek op je gemeente, dorp of wijk').fill('xyz');
  await expect(page.getByRole('status')).toHaveText('Geen gemeente gevonden.');
  await page.getByLabel('Zoek op je gemeente, dorp of wijk').fill('');
  await expect(list.locator('[data-zoek]:visible')).toHaveCount(gemeenten.length);
  await expectAccessible(page);
});

test('an unknown gemeente gets a kind page with status 404 that points onwards', async ({ page, consoleErrors }) => {
  const response = await page.goto('/appelscha');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Buurtgezinnen is (nog) niet actief in Appelscha');
  await expect(page.getByRole('main').getByRole('link', { name: 'alle gemeenten' })).toHaveAttribute(
    'href',
    '/gemeenten',
  );
  await expect(page.getByRole('main').getByRole('link', { name: 'Meer over De Oudertelefoon' })).toHaveAttribute(
    'href',
    '/oudertelefoon',
  );
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  await expectAccessible(page);

  // A village typed as an address leads to its gemeente.
  expect((await page.goto('/schimmert'))?.status()).toBe(404);
  await expect(page.getByText('Schimmert hoort bij de gemeente Beekdaelen.')).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: 'Buurtgezinnen Beekdaelen' })).toHaveAttribute(
    'href',
    '/beekdaelen',
  );

  // A missing page under a known gemeente points to that gemeente.
  expect((await page.goto('/haarlem/bestaat-niet'))?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze pagina bestaat niet');
  await expect(page.getByRole('main').getByRole('link', { name: 'Buurtgezinnen Haarlem' })).toBeVisible();
  await expectAccessible(page);
  forgiveExpected404(consoleErrors);
});

test('a malformed or hostile address gets a 4xx, never a 500, with the text escaped', async ({ request, page }) => {
  // The Node adapter itself refuses an address it cannot decode with 400; never a 500.
  const malformed = await request.get('/%E0%A4%A');
  expect([400, 404]).toContain(malformed.status());
  const hostile = await request.get(`/${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
  expect(hostile.status()).toBe(404);
  expect(await hostile.text()).not.toContain('<img src=x');
  // Typed into the search: shown as text, never run (the page has no script element at all).
  const hostileQuery = '"><script>alert(1)</script>';
  const search = await page.goto(`/gemeenten/zoeken?q=${encodeURIComponent(hostileQuery)}`);
  expect(search?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Zoeken naar “${hostileQuery}”`);
  expect(await page.locator('script').count()).toBe(0);
});

test('sitemap.xml lists every informational page and robots.txt points to it', async ({ request }) => {
  const sitemap = await (await request.get('/sitemap.xml')).text();
  const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  const listed = [
    ...nationalPages,
    '/steungezin-gezocht',
    ...gemeenten
      .filter((g) => g.status !== 'ended')
      .flatMap((g) => [...gemeenteSubpages, '/steungezin-gezocht'].map((sub) => `/${g.slug}${sub}`)),
  ];
  expect(locs.sort()).toEqual(listed.sort());
  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toMatch(/^Sitemap: .+\/sitemap\.xml$/m);
  expect(robots).toContain('Disallow: /inbox');
});

test('the share image is served', async ({ request }) => {
  const response = await request.get('/deelafbeelding.png');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('image/png');
});

test('printing a page leaves out the menu and footer but keeps the content', async ({ page }) => {
  await page.goto('/beekdaelen/steungezin-worden');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Menu Beekdaelen' })).toBeHidden();
  await expect(page.locator('footer')).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Wat vraagt het van je?' })).toBeVisible();
});
