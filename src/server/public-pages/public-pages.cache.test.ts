/**
 * The page cache in front of a real node:http server, with a handler that writes the way Astro's
 * adapter does (writeHead with an object, the body in chunks, end). The whole portal with two
 * instances is in tests/integration/public-pages-cache.test.ts.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPageCache, pageTarget } from './public-pages.cache';
import { createPublicContentChanges, FALLBACK_MS } from './public-pages.changes';
import { PAGE_CACHE_HEADER } from './public-pages.http';

type Page = { status?: number; headers?: Record<string, string>; body: string; keep?: boolean };

let clock = 0;
let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function start(pages: (url: string) => Page, maxBytes = 1024 * 1024) {
  const changes = createPublicContentChanges(() => clock);
  changes.confirm(clock); // as if the heartbeat just came back
  const renders: string[] = [];
  const cache = createPageCache({
    changes,
    baseHeaders: { 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'self'" },
    maxBytes,
    requestId: () => 'from-memory',
  });
  const render = (req: IncomingMessage, res: ServerResponse) => {
    renders.push(req.url ?? '');
    const page = pages(req.url ?? '/');
    res.writeHead(page.status ?? 200, {
      'content-type': 'text/html; charset=utf-8',
      'x-request-id': 'rendered',
      ...(page.keep === false ? {} : { [PAGE_CACHE_HEADER]: '%2Ftest' }),
      ...page.headers,
    });
    const half = Math.floor(page.body.length / 2);
    res.write(page.body.slice(0, half));
    setImmediate(() => res.end(Buffer.from(page.body.slice(half))));
  };
  server = http.createServer((req, res) => cache.handle(req, res, () => render(req, res)));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(base + path, { headers });
    return { response, body: await response.text() };
  };
  return { get, renders, changes, cache };
}

describe('pageTarget', () => {
  it('drops tracking parameters and sorts the rest for the key', () => {
    expect(pageTarget('/x?fbclid=abc&utm_source=fb&b=2&a=1')).toEqual({ target: '/x?b=2&a=1', key: '/x?a=1&b=2' });
    expect(pageTarget('/x?utm_medium=social')).toEqual({ target: '/x', key: '/x' });
    expect(pageTarget('/x')).toEqual({ target: '/x', key: '/x' });
  });
});

describe('the page cache', () => {
  it('renders once, then answers from memory with the same headers, a strong ETag and a 304', async () => {
    const { get, renders } = await start(() => ({ body: '<p>Hallo</p>', headers: { 'cache-control': 'public' } }));
    const first = await get('/a?fbclid=1');
    const second = await get('/a');
    expect(renders).toEqual(['/a']); // the page never saw the tracking parameter
    expect(first.response.headers.get('x-cache')).toBe('miss');
    expect(first.response.headers.get('x-request-id')).toBe('rendered');
    expect(second.response.headers.get('x-cache')).toBe('hit');
    expect(second.response.headers.get('x-request-id')).toBe('from-memory');
    expect(second.body).toBe('<p>Hallo</p>');
    expect(second.response.headers.get(PAGE_CACHE_HEADER)).toBeNull();
    expect(second.response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(second.response.headers.get('cache-control')).toBe('public');
    const etag = second.response.headers.get('etag')!;
    expect(etag).toBe(first.response.headers.get('etag'));
    const revalidated = await get('/a', { 'if-none-match': `W/${etag}` });
    expect(revalidated.response.status).toBe(304);
    expect(revalidated.body).toBe('');
    expect(revalidated.response.headers.get('x-content-type-options')).toBe('nosniff');
    // No policy on a 304: the browser would put it on its copy of the page.
    expect(revalidated.response.headers.get('content-security-policy')).toBeNull();
  });

  it('renders again after a change, and never serves a render that raced one', async () => {
    let version = 1;
    const state = await start(() => ({ body: `versie ${version}` }));
    await state.get('/a');
    version = 2;
    expect((await state.get('/a')).body).toBe('versie 1');
    state.changes.changed();
    expect((await state.get('/a')).body).toBe('versie 2');
    expect((await state.get('/a')).response.headers.get('x-cache')).toBe('hit');
    expect(state.renders).toHaveLength(2);
  });

  it('keeps a copy at most a second while changes might have been missed (no heartbeat came back)', async () => {
    clock = 10_000;
    const state = await start(() => ({ body: 'x' }));
    await state.get('/a');
    clock += FALLBACK_MS - 1; // the heartbeat last came back at 10 000: still sure
    expect((await state.get('/a')).response.headers.get('x-cache')).toBe('hit');
    clock += 2; // not sure any more, and the copy is older than a second
    expect((await state.get('/a')).response.headers.get('x-cache')).toBe('miss');
    clock = 0;
  });

  it('keeps only what the page asked for: no marker, a cookie, no-store or a 500 go out untouched', async () => {
    const pages: Record<string, Page> = {
      '/plain': { body: 'gewoon', keep: false },
      '/cookie': { body: 'koek', headers: { 'set-cookie': 'a=b' } },
      '/personal': { body: 'van jou', headers: { 'cache-control': 'no-store' } },
      '/broken': { body: 'stuk', status: 500 },
      '/missing': { body: 'weg', status: 404 },
    };
    const state = await start((url) => pages[url]!);
    for (const path of Object.keys(pages)) {
      await state.get(path);
      const again = await state.get(path);
      expect(again.body, path).toBe(pages[path]!.body);
      expect(again.response.headers.get('x-cache'), path).toBe(path === '/missing' ? 'hit' : null);
    }
  });

  it('drops the least recently used copies beyond its memory (bodies and headers)', async () => {
    const state = await start((url) => ({ body: url.padEnd(4000, '.') }), 4 * 4600);
    await state.get('/a');
    const one = state.cache.size().bytes;
    expect(one).toBeGreaterThan(4000); // the headers count too
    expect(one).toBeLessThan(4600);
    for (const path of ['/b', '/c', '/d']) await state.get(path);
    await state.get('/a'); // /a is now the most recent
    await state.get('/e'); // five do not fit: /b goes
    expect(state.cache.size()).toEqual({ bytes: 4 * one, entries: 4 });
    expect((await state.get('/a')).response.headers.get('x-cache')).toBe('hit');
    expect((await state.get('/b')).response.headers.get('x-cache')).toBe('miss');
  });

  it('keeps no page that would take more than a quarter of its memory', async () => {
    const state = await start(() => ({ body: 'x'.repeat(2000) }), 4000);
    await state.get('/big');
    expect((await state.get('/big')).response.headers.get('x-cache')).toBe('miss');
    expect(state.cache.size()).toEqual({ bytes: 0, entries: 0 });
  });
});
