/**
 * The `test` every e2e spec uses:
 * - it fails on any console error or uncaught page error, in `page` and in every page of the other
 *   browser contexts the test opens (`consoleErrors`, automatic; a spec that causes a 4xx on
 *   purpose removes exactly that entry; `ignoreConsoleErrors(context)` for a checker context);
 * - `staff`: a freshly enrolled staff member (role and gemeenten from `staffOptions`, default a
 *   coordinator of Beekdaelen), already signed in in this test's browser context, so a spec starts
 *   on a staff page without the password and TOTP screens (only inbox.spec.ts goes through them);
 * - `signInStaff(options, context)`: another one, signed in in another browser context;
 * - `portalDatabase`: the e2e server's own database, for the factories and for checking what was stored;
 * and offers `expectAccessible(page)` that runs axe (WCAG 2.2 A/AA) and fails on any violation, and
 * `phoneWithoutJavaScript(browser, signedIn)`: a 320 px phone without JavaScript, signed in as
 * `signedIn`'s user, with `fits()` (no horizontal scroll).
 *
 * The staff member is written with the shared factories straight into the database of the server
 * under test (its embedded PostgreSQL, found through DATA_DIR): no test-only route in the portal.
 * See docs/decisions/010-test-factories-and-e2e-staff.md.
 */
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, test as base, expect, type Page } from '@playwright/test';
import { SESSION_COOKIE } from '~/server/auth/sessions';
import { connectDatabase, type Database } from '~/server/db/db';
import { embeddedDatabaseUrl } from '~tests/support/embedded-database';
import { createStaff, type StaffOptions, type TestSession, type TestStaff } from '~tests/support/factories';

export async function expectAccessible(page: Page, context = page.url()) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join('\n    ')}`,
  );
  expect(summary, `axe violations on ${context}`).toEqual([]);
}

/** Contexts whose console the guard ignores: see `ignoreConsoleErrors`. */
const unwatched = new WeakSet<BrowserContext>();

/**
 * For a helper context that makes errors on purpose (the axe check of a page as served without
 * JavaScript blocks its scripts, which Chromium logs): its console does not fail the test.
 */
/**
 * A 320 px wide phone without JavaScript, signed in as the user of `signedIn` (its cookies), for
 * the "works without JavaScript and fits a phone" checks. `fits()` asserts no horizontal scroll;
 * close `phone` at the end.
 */
export async function phoneWithoutJavaScript(browser: Browser, signedIn: Page) {
  const phone = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 320, height: 640 },
    storageState: await signedIn.context().storageState(),
    locale: 'nl-NL',
  });
  const noJs = await phone.newPage();
  const fits = async () =>
    expect(await noJs.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  return { phone, noJs, fits };
}

export function ignoreConsoleErrors(context: BrowserContext): BrowserContext {
  unwatched.add(context);
  return context;
}

type SignedInStaff = TestStaff & { session: TestSession };

type TestFixtures = {
  consoleErrors: string[];
  /** Who `staff` is: `test.use({ staffOptions: { role: 'backoffice' } })`. */
  staffOptions: StaffOptions;
  staff: SignedInStaff;
  signInStaff: (options: StaffOptions, context: BrowserContext) => Promise<SignedInStaff>;
};
type WorkerFixtures = { portalDatabase: Database };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  consoleErrors: [
    async ({ page, browser }, use) => {
      const errors: string[] = [];
      const watch = (watched: Page) => {
        watched.on('console', (message) => {
          if (message.type() === 'error' && !unwatched.has(watched.context())) errors.push(message.text());
        });
        watched.on('pageerror', (error) => {
          if (!unwatched.has(watched.context())) errors.push(error.message);
        });
      };
      watch(page);
      page.context().on('page', watch);
      // Pages in the other browser contexts a test opens (a visitor, a second staff member) count too.
      const newContext = browser.newContext;
      browser.newContext = async (...options) => {
        const context = await newContext.apply(browser, options);
        context.on('page', watch);
        return context;
      };
      try {
        await use(errors);
      } finally {
        browser.newContext = newContext;
      }
      expect(errors, 'console errors in the page').toEqual([]);
    },
    { auto: true },
  ],

  portalDatabase: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a function needs from its first parameter.
    async ({}, use) => {
      const connection = connectDatabase(embeddedDatabaseUrl(process.env.E2E_DATA_DIR!), { max: 2 });
      await use(connection.db);
      await connection.close();
    },
    { scope: 'worker' },
  ],

  signInStaff: async ({ portalDatabase, baseURL }, use) => {
    await use(async (options, context) => {
      const staff = await createStaff(portalDatabase, { ...options, session: true });
      // The cookie as the login page sets it (HttpOnly, SameSite=Lax; not Secure on http://localhost).
      await context.addCookies([
        { name: SESSION_COOKIE, value: staff.session.token, url: baseURL!, httpOnly: true, sameSite: 'Lax' },
      ]);
      return staff;
    });
  },

  staffOptions: [{ role: 'coordinator', gemeenten: ['beekdaelen'] }, { option: true }],

  staff: async ({ signInStaff, staffOptions, context }, use) => {
    await use(await signInStaff(staffOptions, context));
  },
});

export { expect };
