/**
 * Issue 12: what a visitor's browser and a search engine read from pages rendered per request,
 * over real HTTP against the built server. The build in tests had no PUBLIC_URL (so Astro's
 * `site` is http://localhost:4321); the server runs with another PUBLIC_URL, and every canonical,
 * share and feed address on a page rendered per request must use the one it runs with. Error
 * responses carry their own status text, not "OK".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProfilesRepository } from '~/server/profiles/profiles.repository';
import { issueFormToken } from '~/server/registrations/form-token';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { createTestDatabase } from '../support/database';
import { type ServerProcess, startServer } from '../support/server-process';

const PUBLIC_URL = 'https://portaal.example.nl';
const database = await createTestDatabase();
let server: ServerProcess;
let profileId: string;
afterAll(() => server?.stop());

beforeAll(async () => {
  const family = await createRegistrationsRepository(database).insert({
    kind: 'vraaggezin',
    gemeenteSlug: 'beekdaelen',
    contactName: 'Familie Jansen',
    details: { kind: 'vraaggezin', children: [], supportWishes: [], message: null },
    consents: [],
  });
  const row = await createProfilesRepository(database).insert({
    registrationId: family.id,
    gemeenteSlug: 'beekdaelen',
    status: 'published',
    title: 'Wie speelt op woensdag mee?',
    kern: 'Beekdaelen',
    children: [{ minAge: 4, maxAge: 6, gender: null }],
    supportKinds: ['vaste-middag'],
    days: ['wo'],
    frequency: 'wekelijks',
    sleepovers: 'nee',
    story: 'Een moeder met een kind zoekt een gezin in de buurt voor een vaste middag per week om samen te spelen.',
    asks: 'Een middag per week spelen.',
    offers: 'Een warm contact.',
    publishedAt: new Date(),
  });
  profileId = row.id;
  server = await startServer({ DATABASE_URL: database.url, OUTBOX_WORKER: 'false', PUBLIC_URL });
}, 60_000);

const page = async (path: string) => {
  const response = await fetch(server.url + path, { redirect: 'manual' });
  return { response, html: await response.text() };
};
const attr = (html: string, pattern: RegExp) => pattern.exec(html)?.[1];

describe('addresses on pages rendered per request come from the running configuration', () => {
  it.each(['/beekdaelen', '/beekdaelen/steungezin-gezocht', '/steungezin-gezocht'])('%s', async (path) => {
    const { response, html } = await page(path);
    expect(response.status).toBe(200);
    expect(attr(html, /<link rel="canonical" href="([^"]+)"/)).toBe(`${PUBLIC_URL}${path}`);
    expect(attr(html, /<meta property="og:url" content="([^"]+)"/)).toBe(`${PUBLIC_URL}${path}`);
    expect(attr(html, /<meta property="og:image" content="([^"]+)"/)).toMatch(new RegExp(`^${PUBLIC_URL}/`));
    expect(html).not.toContain('localhost:4321');
  });

  it('the profile page: canonical, share image and share links', async () => {
    const path = `/beekdaelen/steungezin-gezocht/${profileId}`;
    const { html } = await page(path);
    expect(attr(html, /<link rel="canonical" href="([^"]+)"/)).toBe(`${PUBLIC_URL}${path}`);
    // The share image has a content address (og.<version>.png, decision 023).
    expect(attr(html, /<meta property="og:image" content="([^"]+)"/)).toMatch(
      new RegExp(`^${PUBLIC_URL}${path}/og\\.[\\w-]+\\.png$`),
    );
    expect(html).toContain(encodeURIComponent(`${PUBLIC_URL}${path}`));
    expect(html).not.toContain('localhost:4321');
  });

  it('robots.txt and sitemap.xml', async () => {
    expect((await page('/robots.txt')).html).toContain(`Sitemap: ${PUBLIC_URL}/sitemap.xml`);
    const sitemap = (await page('/sitemap.xml')).html;
    expect(sitemap).toContain(`<loc>${PUBLIC_URL}/beekdaelen</loc>`);
    expect(sitemap).not.toContain('localhost:4321');
  });
});

describe('error responses carry their own status text', () => {
  it('422 for a form with mistakes, 404 for an unknown page, 410 for a profile gone', async () => {
    const token = issueFormToken({ secret: 'x'.repeat(40), kind: 'vraaggezin', now: new Date(Date.now() - 10_000) });
    const invalid = await fetch(`${server.url}/beekdaelen/aanmelden/vraaggezin`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ formToken: token, name: '' }),
    });
    expect([invalid.status, invalid.statusText]).toEqual([422, 'Unprocessable Entity']);
    const missing = await fetch(`${server.url}/appelscha`);
    expect([missing.status, missing.statusText]).toEqual([404, 'Not Found']);
    const unknownProfile = await fetch(
      `${server.url}/beekdaelen/steungezin-gezocht/00000000-0000-4000-8000-000000000000`,
    );
    expect([unknownProfile.status, unknownProfile.statusText]).toEqual([404, 'Not Found']);
    const ok = await fetch(`${server.url}/beekdaelen`);
    expect([ok.status, ok.statusText]).toEqual([200, 'OK']);
  });
});
