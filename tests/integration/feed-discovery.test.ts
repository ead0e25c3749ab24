/**
 * Feed readers and tools find the profiles feed: the pages that list recruitment profiles
 * announce it in <head> (<link rel="alternate" type="application/atom+xml">), and the link works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/database';
import { type ServerProcess, startServer } from '../support/server-process';

let server: ServerProcess;
afterAll(() => server?.stop());
beforeAll(async () => {
  const database = await createTestDatabase();
  server = await startServer({ DATABASE_URL: database.url, OUTBOX_WORKER: 'false' });
}, 120_000);

/** The feed links in the <head> of a page: [href, title]. */
async function feedLinks(path: string): Promise<[string, string][]> {
  const response = await fetch(server.url + path);
  expect(response.status, path).toBe(200);
  const head = (await response.text()).split('</head>')[0]!;
  return [...head.matchAll(/<link\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => /rel="alternate"/.test(tag) && /type="application\/atom\+xml"/.test(tag))
    .map((tag) => [/href="([^"]+)"/.exec(tag)?.[1] ?? '', /title="([^"]+)"/.exec(tag)?.[1] ?? '']);
}

describe('feed discovery', () => {
  it('a gemeente list and home page announce the gemeente feed, and it answers with Atom', async () => {
    for (const path of ['/beekdaelen/steungezin-gezocht', '/beekdaelen']) {
      const links = await feedLinks(path);
      expect(links, path).toHaveLength(1);
      const [href, title] = links[0]!;
      expect(new URL(href, server.url).pathname).toBe('/beekdaelen/steungezin-gezocht/feed.xml');
      expect(title).toContain('Beekdaelen');
      const feed = await fetch(new URL(href, server.url));
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
      await feed.body?.cancel();
    }
  });

  it('the national list announces the feed of every gemeente where Buurtgezinnen works', async () => {
    const links = await feedLinks('/steungezin-gezocht');
    const paths = links.map(([href]) => new URL(href, server.url).pathname);
    expect(paths).toContain('/beekdaelen/steungezin-gezocht/feed.xml');
    expect(paths.length).toBeGreaterThanOrEqual(2);
    for (const [, title] of links) expect(title).toMatch(/^Steungezin gezocht in /);
  });
});
