/**
 * The three sign-up forms as people use them, with JavaScript on and off: empty form, errors,
 * a good submission, the confirmation page, the record in the database and both e-mails in the
 * development mailbox (written by the outbox worker). axe on every state.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { simpleParser } from 'mailparser';
import postgres from 'postgres';
import { embeddedDatabaseUrl } from '~tests/support/embedded-database';
import { expect, expectAccessible, test } from './support/fixtures';

const dataDir = process.env.E2E_DATA_DIR!;

/** The e2e server's own database (its embedded PostgreSQL), to check what a form stored. */
function database() {
  return postgres(embeddedDatabaseUrl(dataDir), { max: 1, onnotice: () => {} });
}

async function findRegistration(email: string) {
  const sql = database();
  try {
    return await sql<
      {
        id: string;
        kind: string;
        gemeente_slug: string;
        contact_name: string;
        contact_email: string | null;
        contact_phone: string | null;
        details: Record<string, unknown>;
        consents: { purpose: string }[];
        duplicate_of_id: string | null;
      }[]
    >`
      select id, kind, gemeente_slug, contact_name, contact_email, contact_phone, details, consents, duplicate_of_id
      from registrations where contact_email = ${email} or details->'referrer'->>'email' = ${email}`;
  } finally {
    await sql.end();
  }
}

/** Waits until the outbox worker has written the mails; returns [subject, to, text] of the matching ones. */
async function mailsMatching(predicate: (m: { to: string; subject: string; text: string }) => boolean) {
  const dir = path.join(dataDir, 'mail');
  const files = await fs.readdir(dir).catch(() => [] as string[]);
  const found = [];
  for (const file of files.filter((f) => f.endsWith('.eml'))) {
    const parsed = await simpleParser(await fs.readFile(path.join(dir, file)));
    const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '');
    const mail = { to, subject: parsed.subject ?? '', text: parsed.text ?? '' };
    if (predicate(mail)) found.push(mail);
  }
  return found;
}

async function expectBothMails(confirmationTo: string, registrationId: string) {
  await expect(async () => {
    const confirmations = await mailsMatching((m) => m.to.includes(confirmationTo));
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]!.subject).toMatch(/ontvangen|Bedankt/);
    const notices = await mailsMatching((m) => m.text.includes(`/inbox/${registrationId}`));
    expect(notices.length).toBeGreaterThanOrEqual(1);
    expect(notices[0]!.subject).toBe('Nieuwe aanmelding in Beekdaelen');
    // The notice carries no personal details, only the link.
    expect(notices[0]!.text).not.toContain(confirmationTo);
  }).toPass({ timeout: 20_000 });
}

/**
 * axe runs inside the page, which needs JavaScript. For the no-JavaScript runs, check the very
 * HTML the server sent (the page's current document) in a JavaScript-enabled page instead.
 */
async function expectAccessibleAsServed(browser: Browser, page: Page, label: string, javaScriptEnabled: boolean) {
  if (javaScriptEnabled) return expectAccessible(page, label);
  const html = await page.content();
  const url = page.url().replace(/#.*$/, '');
  // Playwright hands the test's options (javaScriptEnabled: false) to new contexts too: say it.
  const context = await browser.newContext({ locale: 'nl-NL', javaScriptEnabled: true });
  try {
    const checker = await context.newPage();
    await checker.route(url, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    await checker.goto(url);
    await expectAccessible(checker, label);
  } finally {
    await context.close();
  }
}

/** Chromium logs the 422 / 404 documents themselves as console errors; those are expected here. */
function forgiveExpectedStatus(consoleErrors: string[], status: number) {
  for (let i = consoleErrors.length - 1; i >= 0; i--)
    if (new RegExp(`status of ${status}`).test(consoleErrors[i]!)) consoleErrors.splice(i, 1);
}

// Each run gets its own phone number: the same phone, gemeente and kind within a day is a repeat.
const uniquePhone = () => `06${String(Math.floor(10_000_000 + Math.random() * 89_999_999))}`;
const unique = (label: string) => `e2e-${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@voorbeeld.nl`;

type Form = {
  kind: 'vraaggezin' | 'steungezin' | 'verwijzing';
  path: string;
  heading: RegExp;
  submit: string;
  requiredErrors: string[];
  fill: (page: Page, email: string, phone: string) => Promise<void>;
};

const forms: Form[] = [
  {
    kind: 'vraaggezin',
    path: '/beekdaelen/aanmelden/vraaggezin',
    heading: /Aanmelden voor steun/,
    submit: 'Aanmelding versturen',
    requiredErrors: [
      'Vul je naam in',
      'Vul een telefoonnummer of e-mailadres in',
      'Vul je dorp, wijk of postcode in',
      'Vul de leeftijd of het geboortejaar',
      'Kies wat jullie zou helpen',
      'Zet een vinkje',
    ],
    fill: async (page, email, phone) => {
      await page.locator('#veld-name').fill('Sanne');
      await page.locator('#veld-phone').fill(`${phone.slice(0, 2)}-${phone.slice(2)}`);
      await page.locator('#veld-contactTime').selectOption('avond');
      await page.locator('#veld-email').fill(email);
      await page.locator('#veld-kern').fill('Schimmert');
      await page.locator('#veld-children').fill('4 en 2016');
      await page.locator('input[name=supportWishes][value=vaste-middag]').check();
      await page.locator('input[name=supportWishes][value=luisterend-oor]').check();
      await page.locator('#veld-message').fill('Woensdagmiddag zou fijn zijn.');
      await page.locator('#veld-source').selectOption('school');
      await page.locator('#veld-consent').check();
    },
  },
  {
    kind: 'steungezin',
    path: '/beekdaelen/aanmelden/steungezin',
    heading: /Aanmelden als steungezin/,
    submit: 'Aanmelding versturen',
    requiredErrors: [
      'Vul je naam in',
      'hoeveel volwassenen',
      'Kies hoe vaak',
      'Kies of een kind',
      'waarom je steungezin',
      'Kies of iedere volwassene',
      'Zet een vinkje',
    ],
    fill: async (page, email) => {
      await page.locator('#veld-name').fill('Ruud');
      await page.locator('#veld-adults').fill('2');
      await page.locator('#veld-ownChildren').fill('9 en 12');
      await page.locator('#veld-kern').fill('Nuth');
      await page.locator('#veld-email').fill(email);
      await page.locator('input[name=days][value=wo]').check();
      await page.locator('input[name=frequency][value=wekelijks]').check();
      await page.locator('input[name=sleepovers][value=misschien]').check();
      await page.locator('input[name=ageGroups][value="4-12"]').check();
      await page.locator('#veld-motivation').fill('Onze kinderen zijn groot en we hebben tijd over.');
      await page.locator('input[name=vog][value=ja]').check();
      await page.locator('#veld-consent').check();
    },
  },
  {
    kind: 'verwijzing',
    path: '/beekdaelen/verwijzen',
    heading: /Een gezin aanmelden als professional/,
    submit: 'Verwijzing versturen',
    requiredErrors: [
      'Vul je naam in',
      'Kies bij wat voor organisatie',
      'naam van je organisatie',
      'Vul je e-mailadres in',
      'naam van de ouder',
      'Kies wie het eerste contact',
      'Schrijf kort waarom',
      'als de ouders dit weten',
    ],
    fill: async (page, email, phone) => {
      await page.locator('#veld-referrerName').fill('Mw. Jansen');
      await page.locator('#veld-organisationType').selectOption('school');
      await page.locator('#veld-organisationName').fill('Basisschool De Linde');
      await page.locator('#veld-referrerEmail').fill(email);
      await page.locator('#veld-name').fill('Fatima');
      await page.locator('input[name=firstContact][value=coordinator]').check();
      await page.locator('#veld-phone').fill(`+31 ${phone.slice(1, 2)} ${phone.slice(2)}`);
      await page.locator('#veld-kern').fill('Oirsbeek');
      await page.locator('#veld-children').fill('3, 6');
      await page.locator('#veld-reason').fill('Moeder staat er alleen voor en heeft weinig netwerk.');
      await page.locator('#veld-parentsAgree').check();
      await page.locator('#veld-wantsUpdates').check();
      await page.locator('#veld-consent').check();
    },
  },
];

for (const javaScriptEnabled of [true, false]) {
  test.describe(`sign-up forms with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    for (const form of forms) {
      test(`${form.kind}: empty, errors, sent, stored, mailed`, async ({ page, consoleErrors, browser }) => {
        const response = await page.goto(form.path);
        expect(response?.status()).toBe(200);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(form.heading);
        await expectAccessibleAsServed(browser, page, `${form.path} (leeg)`, javaScriptEnabled);

        // Send it empty: the error summary names every missing answer and links to the question.
        await page.getByRole('button', { name: form.submit }).click();
        const summary = page.locator('.error-summary');
        await expect(summary).toBeVisible();
        await expect(summary.getByRole('heading')).toHaveText('Niet alles is goed ingevuld');
        for (const message of form.requiredErrors) await expect(summary).toContainText(message);
        if (javaScriptEnabled)
          await expect(summary).toBeFocused(); // no request was sent
        else expect(page.url()).toContain(form.path); // re-rendered by the server
        await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
        await expectAccessibleAsServed(browser, page, `${form.path} (fouten)`, javaScriptEnabled);
        await summary.getByRole('link').first().click();
        await expect(page).toHaveURL(/#veld-/);

        // A wrong value is kept and explained; fix everything and send.
        const email = unique(`${form.kind}-${javaScriptEnabled ? 'js' : 'nojs'}`);
        const phone = uniquePhone();
        await form.fill(page, email, phone);
        if (!javaScriptEnabled) {
          // Server round trip with one bad answer: every value is kept.
          const emailField = form.kind === 'verwijzing' ? '#veld-referrerEmail' : '#veld-email';
          await page.locator(emailField).fill('niet-een-adres');
          await page.getByRole('button', { name: form.submit }).click();
          await expect(page.locator('.error-summary')).toContainText('Vul een geldig e-mailadres in');
          await expect(page.locator(emailField)).toHaveValue('niet-een-adres');
          await expect(page.locator('#veld-consent')).toBeChecked();
          const kept = form.kind === 'verwijzing' ? '#veld-reason' : '#veld-kern';
          await expect(page.locator(kept)).not.toHaveValue('');
          await page.locator(emailField).fill(email);
        }
        await page.getByRole('button', { name: form.submit }).click();

        // (The browser keeps a #fragment from the error links across the redirect; harmless.)
        await expect(page).toHaveURL(new RegExp(`/beekdaelen/aanmelden/bedankt\\?soort=${form.kind}(#veld-\\w+)?$`));
        expect(page.url()).not.toContain(encodeURIComponent(email));
        await expect(page.getByRole('status')).toContainText('goed aangekomen');
        await expect(page.getByRole('heading', { level: 2, name: 'Wat gebeurt er nu?' })).toBeVisible();
        if (form.kind !== 'steungezin') await expect(page.getByText('De Oudertelefoon').first()).toBeVisible();
        await expectAccessibleAsServed(browser, page, `${form.kind} (verstuurd)`, javaScriptEnabled);

        const rows = await findRegistration(email);
        expect(rows).toHaveLength(1);
        const row = rows[0]!;
        expect(row).toMatchObject({ kind: form.kind, gemeente_slug: 'beekdaelen', duplicate_of_id: null });
        if (form.kind === 'vraaggezin') {
          expect(row).toMatchObject({
            contact_name: 'Sanne',
            contact_phone: `+31${phone.slice(1)}`,
            details: { children: [{ age: 4 }, { birthYear: 2016 }], supportWishes: ['vaste-middag', 'luisterend-oor'] },
          });
        } else if (form.kind === 'steungezin') {
          expect(row).toMatchObject({
            contact_name: 'Ruud',
            details: { adultsInHousehold: 2, frequency: 'wekelijks', vogWilling: 'ja' },
          });
        } else {
          expect(row).toMatchObject({
            contact_name: 'Fatima',
            contact_phone: `+31${phone.slice(1)}`,
            details: {
              parentsAgree: true,
              firstContact: 'coordinator',
              wantsUpdates: true,
              referrer: { organisationName: 'Basisschool De Linde' },
            },
          });
          expect(row.consents.map((c) => c.purpose)).toEqual(['referrer-store', 'parents-agree']);
        }
        await expectBothMails(email, row.id);
        forgiveExpectedStatus(consoleErrors, 422);
      });
    }
  });
}

test('the preferred call time only shows when a phone number is given (with JavaScript)', async ({ page }) => {
  await page.goto('/beekdaelen/aanmelden/vraaggezin');
  const callTime = page.locator('#veld-contactTime');
  await expect(callTime).toBeHidden();
  await page.locator('#veld-phone').fill('0612345678');
  await expect(callTime).toBeVisible();
  // Inline validation when leaving a field.
  await page.locator('#veld-email').fill('geen-adres');
  await page.locator('#veld-email').blur();
  await expect(page.locator('#veld-email-error')).toContainText('Vul een geldig e-mailadres in');
  await expect(page.locator('#veld-email')).toHaveAttribute('aria-invalid', 'true');
  await page.locator('#veld-email').fill('goed@voorbeeld.nl');
  await expect(page.locator('#veld-email-error')).toHaveCount(0);
});

test('a steungezin responding to a published profile keeps the link', async ({ page }) => {
  const db = database();
  const [profile] = await db<
    { id: string }[]
  >`select id from profiles where gemeente_slug = 'beekdaelen' and status = 'published' limit 1`;
  await db.end();
  expect(profile, 'the demo content has a published profile in Beekdaelen').toBeDefined();
  const profileId = profile!.id;
  await page.goto(`/beekdaelen/aanmelden/steungezin?profiel=${profileId}`);
  await expect(page.locator('[data-responding-to]')).toContainText('Je reageert op de oproep “');
  const email = unique('profiel');
  await forms[1]!.fill(page, email, uniquePhone());
  await page.getByRole('button', { name: 'Aanmelding versturen' }).click();
  await expect(page).toHaveURL(/bedankt\?soort=steungezin$/);
  const sql = database();
  const rows = await sql`select profile_id from registrations where contact_email = ${email}`;
  await sql.end();
  expect(rows[0]?.profile_id).toBe(profileId);
});

test('an unknown gemeente is a kind 404 on every form', async ({ page, consoleErrors }) => {
  for (const url of ['/atlantis/aanmelden/vraaggezin', '/atlantis/aanmelden/steungezin', '/atlantis/verwijzen']) {
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
  }
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page);
  forgiveExpectedStatus(consoleErrors, 404);
});

test.describe('choosing a gemeente without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('/aanmelden finds the gemeente by a village and leads to the form', async ({ page, browser }) => {
    await page.goto('/aanmelden');
    await expectAccessibleAsServed(browser, page, '/aanmelden', false);
    await page.getByLabel('In welke gemeente, welk dorp of welke wijk woon je?').fill('schimmert');
    await page.getByLabel('Steungezin worden').check();
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await expect(page).toHaveURL(/\/aanmelden\?q=schimmert&soort=steungezin$/);
    await expect(page.getByRole('heading', { level: 3, name: 'Beekdaelen' })).toBeVisible();
    await expect(page.getByText('Hier horen Schimmert bij.')).toBeVisible();
    await expectAccessibleAsServed(browser, page, '/aanmelden?q=schimmert', false);
    await page.getByRole('link', { name: 'Steungezin worden in Beekdaelen' }).click();
    await expect(page).toHaveURL(/\/beekdaelen\/aanmelden\/steungezin$/);
  });
});

test('/{gemeente}/aanmelden lets you choose the form', async ({ page }) => {
  expect((await page.goto('/beekdaelen/aanmelden'))?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aanmelden bij Buurtgezinnen Beekdaelen');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Een gezin aanmelden als professional' }).click();
  await expect(page).toHaveURL(/\/beekdaelen\/verwijzen$/);
});

test('a filled-in honeypot is refused politely, nothing is stored, and focus goes to the message', async ({
  page,
  consoleErrors,
}) => {
  await page.goto('/beekdaelen/aanmelden/vraaggezin');
  const email = unique('honeypot');
  await forms[0]!.fill(page, email, uniquePhone());
  // What a bot does: fill every field, including the one people never see.
  await page.locator('#veld-website').evaluate((input: HTMLInputElement) => (input.value = 'http://spam.example'));
  await page.getByRole('button', { name: 'Aanmelding versturen' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toContainText('We konden je aanmelding niet verwerken');
  await expect(summary).toBeFocused();
  await expect(page.locator('#veld-email')).toHaveValue(email);
  expect(await findRegistration(email)).toHaveLength(0);
  forgiveExpectedStatus(consoleErrors, 400);
});
