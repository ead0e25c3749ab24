/**
 * The public profile pages over real HTTP against the built server and a real PostgreSQL:
 * cache headers and 304 revalidation, a change visible at once (publish/withdraw through the
 * staff page), 410 for a withdrawn profile, 404s for unknown ids and gemeenten, the share images
 * (PNG, right size) and the Atom feed; no page ever answers 500 for a bad address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProfilesRepository } from '~/server/profiles/profiles.repository';
import { createTestDatabase } from '~tests/support/database';
import { createProfile, createStaff } from '~tests/support/factories';
import { type ServerProcess, startServer } from '~tests/support/server-process';

const database = await createTestDatabase();
const { db } = database;
let server: ServerProcess;
let cookie: string;
let published: string;
let draft: string;
afterAll(() => server?.stop());

const makeProfile = async (status: 'draft' | 'published', title: string) =>
  (await createProfile(db, { status, title, kern: 'Beekdaelen', offers: 'Een warm contact & steun.' })).id;

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(server.url + path, { headers, redirect: 'manual' });
const staffPost = (path: string, form: Record<string, string>) =>
  fetch(server.url + path, {
    method: 'POST',
    headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
    redirect: 'manual',
  });

beforeAll(async () => {
  server = await startServer({ DATABASE_URL: database.url, OUTBOX_WORKER: 'false' });
  ({ cookie } = (await createStaff(db, { gemeenten: ['beekdaelen'], session: true })).session);
  published = await makeProfile('published', 'Een maatje voor de <woensdag> & meer');
  draft = await makeProfile('draft', 'Wie speelt er op zaterdag mee?');
}, 120_000);

describe('public profile pages', () => {
  it('are revalidated on every visit and answer 304 when nothing changed', async () => {
    const first = await get('/beekdaelen/steungezin-gezocht');
    expect(first.status).toBe(200);
    // Browsers ask again every time; a shared cache (nginx, a CDN) may keep it one second (decision 023).
    expect(first.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=1, must-revalidate');
    const html = await first.text();
    // Escaped, never raw HTML from the profile.
    expect(html).toContain('Een maatje voor de &lt;woensdag&gt; &amp; meer');
    const etag = first.headers.get('etag')!;
    // Strong: a hash of the bytes the page cache keeps, the same on every instance.
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    expect((await get('/beekdaelen/steungezin-gezocht', { 'if-none-match': etag })).status).toBe(304);
  });

  it('show a published profile at once, and say 410 once it is withdrawn', async () => {
    const before = await get('/beekdaelen/steungezin-gezocht');
    const etag = before.headers.get('etag')!;
    expect(await before.text()).not.toContain('Wie speelt er op zaterdag mee?');
    expect((await get(`/beekdaelen/steungezin-gezocht/${draft}`)).status).toBe(404);

    expect((await staffPost(`/inbox/profielen/${draft}`, { action: 'publish' })).status).toBe(303);
    const after = await get('/beekdaelen/steungezin-gezocht', { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('Wie speelt er op zaterdag mee?');
    expect(await (await get('/beekdaelen')).text()).toContain('Wie speelt er op zaterdag mee?');
    expect(await (await get('/steungezin-gezocht?gemeente=beekdaelen&steun=vaste-middag')).text()).toContain(
      'Wie speelt er op zaterdag mee?',
    );
    expect((await get(`/beekdaelen/steungezin-gezocht/${draft}`)).status).toBe(200);

    expect((await staffPost(`/inbox/profielen/${draft}`, { action: 'withdraw' })).status).toBe(303);
    const gone = await get(`/beekdaelen/steungezin-gezocht/${draft}`);
    expect(gone.status).toBe(410);
    const goneHtml = await gone.text();
    expect(goneHtml).toContain('Deze oproep staat niet meer online');
    expect(goneHtml).not.toContain('Wie speelt er op zaterdag mee?');
    expect(await (await get('/beekdaelen/steungezin-gezocht')).text()).not.toContain('Wie speelt er op zaterdag mee?');
    const row = await createProfilesRepository({ db }).getById(draft);
    expect(row!.status).toBe('withdrawn');
  });

  it('answer 404, never 500, for unknown gemeenten, ids, images and filters', async () => {
    for (const path of [
      '/nergenshuizen/steungezin-gezocht',
      '/beekdaelen/steungezin-gezocht/niet-een-id',
      '/beekdaelen/steungezin-gezocht/00000000-0000-4000-8000-000000000000',
      `/haarlem/steungezin-gezocht/${published}`,
      `/beekdaelen/steungezin-gezocht/${published}/groot.png`,
      '/nergenshuizen/steungezin-gezocht/feed.xml',
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
    const odd = await get(`/steungezin-gezocht?gemeente=%00%27&leeftijd=999&steun=<x>&kern=${'a'.repeat(5000)}`);
    expect(odd.status).toBe(200);
  });

  it('serve the three share images as PNGs of the right size', async () => {
    for (const [format, width, height] of [
      ['og', 1200, 630],
      ['vierkant', 1080, 1080],
      ['verhaal', 1080, 1920],
    ] as const) {
      const response = await get(`/beekdaelen/steungezin-gezocht/${published}/${format}.png`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      const png = Buffer.from(await response.arrayBuffer());
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([width, height]);
    }
    const download = await get(`/beekdaelen/steungezin-gezocht/${published}/vierkant.png?download`);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="steungezin-gezocht-vierkant.png"');
  }, 60_000);

  it('offer an Atom feed per gemeente with the open profiles', async () => {
    const response = await get('/beekdaelen/steungezin-gezocht/feed.xml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await response.text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(xml).toContain(`${server.url}/beekdaelen/steungezin-gezocht/${published}`);
    expect(xml).toContain('<title>Een maatje voor de &lt;woensdag&gt; &amp; meer</title>');
  });
});
