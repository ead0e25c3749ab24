/**
 * Security headers over real HTTP against the built server in production mode (PUBLIC_URL on
 * https): every kind of response carries them (a prerendered page, an on-demand page, a static
 * image, a generated image, a script, a staff page, a 404), the page policy is strict and covers
 * every inline style and script Astro emits, and staff and personal pages are never stored.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONTENT_SECURITY_POLICY } from '~/server/http/edge';
import { createTestDatabase } from '~tests/support/database';
import { createProfile, createRegistration, createStaff } from '~tests/support/factories';
import { type ServerProcess, startServer } from '~tests/support/server-process';

const database = await createTestDatabase();
const { db } = database;
let server: ServerProcess;
let cookie: string;
let familyId: string;
let profileId: string;
afterAll(() => server?.stop());

beforeAll(async () => {
  server = await startServer({
    DATABASE_URL: database.url,
    OUTBOX_WORKER: 'false',
    PUBLIC_URL: 'https://portaal.example.nl',
  });
  cookie = (await createStaff(db, { session: true })).session.cookie;
  const family = await createRegistration(db, 'vraaggezin', { contactName: 'Sanne Kopstuk' });
  familyId = family.id;
  profileId = (await createProfile(db, { registration: family, status: 'published' })).id;
}, 120_000);

const get = (path: string, withSession = false) =>
  fetch(server.url + path, { headers: withSession ? { cookie } : {}, redirect: 'manual' });

function expectBaseHeaders(response: Response, what: string) {
  const h = response.headers;
  expect(h.get('x-content-type-options'), what).toBe('nosniff');
  expect(h.get('x-frame-options'), what).toBe('DENY');
  expect(h.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
  expect(h.get('permissions-policy'), what).toMatch(/camera=\(\)/);
  expect(h.get('strict-transport-security'), what).toMatch(/^max-age=\d{7,}/);
  const policy = h.get('content-security-policy');
  expect(policy, `${what}: content-security-policy`).toBeTruthy();
  expect(policy, what).toContain("frame-ancestors 'none'");
  expect(policy, what).not.toContain('unsafe-inline');
  expect(policy, what).not.toContain('unsafe-eval');
  return policy!;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const directive = (policy: string, name: string) =>
  policy
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `)) ?? '';

/** A page's policy must allow exactly its own inline code: every inline <script> and <style> by hash. */
function expectPolicyCoversInlineCode(policy: string, html: string, what: string) {
  expect(directive(policy, 'default-src'), what).toBe("default-src 'self'");
  const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)].filter(
    (m) => !/type="application\/ld\+json"/.test(m[1]!),
  );
  for (const [, , body] of scripts) expect(directive(policy, 'script-src'), what).toContain(sha256(body!));
  const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)];
  expect(styles.length, `${what}: inline styles`).toBeGreaterThan(0);
  for (const [, body] of styles) expect(directive(policy, 'style-src'), what).toContain(sha256(body!));
  // Inline event handlers and style attributes would be blocked: there must be none.
  expect(html, what).not.toMatch(/\son[a-z]+=["']/i);
  expect(html, what).not.toMatch(/\sstyle=["']/i);
}

describe('security headers in production', () => {
  it('on a prerendered page (served as a file, no middleware)', async () => {
    for (const path of ['/', '/privacy', '/gemeenten']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      const policy = expectBaseHeaders(response, path);
      expectPolicyCoversInlineCode(policy, await response.text(), path);
    }
  });

  it('on an on-demand page, with and without an island', async () => {
    for (const path of [
      '/beekdaelen',
      '/beekdaelen/aanmelden/vraaggezin',
      `/beekdaelen/steungezin-gezocht/${profileId}`,
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      const policy = expectBaseHeaders(response, path);
      expectPolicyCoversInlineCode(policy, await response.text(), path);
    }
  });

  it('on images, scripts, feeds and the 404 page', async () => {
    const home = await (await get('/beekdaelen/aanmelden/vraaggezin')).text();
    const script = /<(?:script|astro-island)[^>]*\b(?:src|component-url)="(\/_astro\/[^"]+\.js)"/.exec(home)?.[1];
    expect(script, 'the form page loads its island from /_astro').toBeTruthy();
    for (const path of [
      '/deelafbeelding.png',
      '/favicon.svg',
      `/beekdaelen/steungezin-gezocht/${profileId}/og.png`,
      '/beekdaelen/steungezin-gezocht/feed.xml',
      script!,
      '/robots.txt',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      const policy = expectBaseHeaders(response, path);
      expect(policy, path).toBe(DEFAULT_CONTENT_SECURITY_POLICY);
      await response.body?.cancel();
    }
    const missing = await get('/bestaat-echt-niet/hier');
    expect(missing.status).toBe(404);
    expectBaseHeaders(missing, '404');
  });

  it('not on a 304, so a page the browser revalidates keeps its own policy (issue 12)', async () => {
    for (const path of [
      '/beekdaelen/steungezin-gezocht',
      '/steungezin-gezocht',
      `/beekdaelen/steungezin-gezocht/${profileId}`,
    ]) {
      const first = await get(path);
      const etag = first.headers.get('etag');
      await first.body?.cancel();
      expect(etag, path).toBeTruthy();
      const again = await fetch(server.url + path, { headers: { 'if-none-match': etag! } });
      expect(again.status, path).toBe(304);
      expect(again.headers.get('content-security-policy'), path).toBeNull();
      expect(again.headers.get('etag'), path).toBe(etag);
    }
  });

  it('on staff pages, which are never stored (Back after logout shows nothing)', async () => {
    for (const path of ['/inbox', `/inbox/${familyId}`, '/account', '/inbox/zoeken?q=Sanne', '/beheer']) {
      const response = await get(path, true);
      expect([200, 403], path).toContain(response.status);
      const policy = expectBaseHeaders(response, path);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      if (response.status === 200) expectPolicyCoversInlineCode(policy, await response.text(), path);
      else await response.body?.cancel();
    }
    const json = await get('/inbox/zoeken.json?q=Sanne', true);
    expect(json.headers.get('cache-control')).toBe('no-store');
    expectBaseHeaders(json, 'zoeken.json');
    // Also the pages around logging in, and a redirect for someone not logged in.
    for (const path of ['/inloggen', '/inloggen/code', '/wachtwoord-vergeten', '/inbox']) {
      const response = await get(path);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      expectBaseHeaders(response, path);
      await response.body?.cancel();
    }
  });

  it('never stores a form sent back with what someone typed', async () => {
    const response = await fetch(`${server.url}/beekdaelen/aanmelden/vraaggezin`, {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ contactName: 'Sanne Kopstuk', phone: 'geen nummer' }),
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expectBaseHeaders(response, 'POST form');
    await response.body?.cancel();
  });

  it('tells the browser to forget cached pages when someone logs out', async () => {
    const response = await fetch(`${server.url}/uitloggen`, {
      method: 'POST',
      headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('clear-site-data')).toContain('"cache"');
  });
});
