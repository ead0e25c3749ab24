/**
 * The page cache at the edge (decision 023): finished responses of public pages rendered on
 * demand, kept in memory and written straight to the socket, so a public page costs about what a
 * static file costs. Wired in by the server entry in front of the adapter's handler.
 *
 *  - A page asks for it with `publicPage(...)` (public-pages.http.ts): a marker header that the
 *    edge removes. Only GET answers with status 200, 404 or 410 and no Set-Cookie are kept.
 *  - The key is the path and the query, parameters sorted; tracking parameters (utm_*, fbclid …)
 *    are taken out of the request before anything sees it, so a post shared on Facebook (every
 *    click has its own fbclid) is one page, not thousands.
 *  - A kept answer carries a strong ETag (hash of the bytes: equal on every instance) and is
 *    answered with 304 when the browser or proxy sends it back in If-None-Match.
 *  - It is served while it is fresh (public-pages.changes.ts: no change since it was made).
 *    Only a write changes these pages, none changes by itself with time (decision 022: a match
 *    takes a profile off at once); a page that did must not opt in. The security headers are
 *    the edge's own plus the page's (its CSP with the hashes of this very HTML), written in one go.
 *  - Concurrent misses on a page that was kept before wait for one render instead of each making
 *    their own (after a change, 50 readers cause one render, not 50).
 *  - At most `maxBytes` of bodies and headers; the least recently used go first.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { PublicContentChanges } from './public-pages.changes';
import { PAGE_CACHE_HEADER } from './public-pages.http';

type Entry = {
  status: number;
  body: Buffer;
  etag: string;
  route: string;
  generation: number;
  madeAt: number;
  /** What it takes in memory, roughly: the body and its headers (a page's CSP alone is 1-2 KB). */
  size: number;
  /** Every header of the full answer except X-Request-Id, as a flat list for writeHead. */
  full: string[];
  notModified: string[];
};

type PageCacheAnswer = { method: string; route: string; status: number; seconds: number; requestId: string };

export type PageCacheOptions = {
  changes: PublicContentChanges;
  /** The headers of every response (security headers, edge.ts); a page's own headers win. */
  baseHeaders: Record<string, string>;
  maxBytes: number;
  /** The request id for an answer from memory (the proxy's when trusted, else a new one). */
  requestId: (req: IncomingMessage) => string;
  /** Called after every answer from memory (metrics, access log). */
  answered?: (answer: PageCacheAnswer) => void;
};

const KEPT_STATUSES = new Set([200, 404, 410]);
/** Headers of a rendered response that belong to that one request, or that the edge sets itself. */
const NOT_KEPT = new Set([
  PAGE_CACHE_HEADER,
  'x-request-id',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
  'etag',
  'x-cache',
]);
/** Query parameters only trackers read; no page does. */
const TRACKING_PARAMETERS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'igshid',
  'igsh',
  'mc_cid',
  'mc_eid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'yclid',
  '_ga',
  '_gl',
]);
const isTracking = (name: string) => TRACKING_PARAMETERS.has(name) || name.startsWith('utm_');

/**
 * The request target without tracking parameters (what the page gets to see) and the cache key
 * (the same with its parameters sorted).
 */
export function pageTarget(url: string): { target: string; key: string } {
  const question = url.indexOf('?');
  if (question === -1) return { target: url, key: url };
  const path = url.slice(0, question);
  const params = new URLSearchParams(url.slice(question + 1));
  let removed = false;
  for (const name of [...params.keys()])
    if (isTracking(name)) {
      params.delete(name);
      removed = true;
    }
  const target = removed ? (params.size ? `${path}?${params}` : path) : url;
  params.sort();
  return { target, key: params.size ? `${path}?${params}` : path };
}

/** If-None-Match against our ETag, with the weak comparison of RFC 9110 (a proxy may have weakened it). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function flatten(headers: Map<string, string | string[]>): string[] {
  const flat: string[] = [];
  for (const [name, value] of headers)
    if (Array.isArray(value)) for (const one of value) flat.push(name, one);
    else flat.push(name, value);
  return flat;
}

export function createPageCache(options: PageCacheOptions) {
  const { changes, maxBytes } = options;
  const entries = new Map<string, Entry>();
  const inflight = new Map<string, Promise<Entry | undefined>>();
  let bytes = 0;

  const forget = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.size;
  };

  function keep(key: string, entry: Entry) {
    forget(key);
    if (entry.size > maxBytes / 4) return; // one odd page must not push out all others
    entries.set(key, entry);
    bytes += entry.size;
    for (const oldest of entries.keys()) {
      if (bytes <= maxBytes) break;
      forget(oldest);
    }
  }

  function isFresh(entry: Entry): boolean {
    return changes.isFresh(entry.madeAt, entry.generation);
  }

  function answer(req: IncomingMessage, res: ServerResponse, entry: Entry, started: number) {
    const requestId = options.requestId(req);
    const notModified = matches(req.headers['if-none-match'], entry.etag);
    const status = notModified ? 304 : entry.status;
    res.writeHead(status, [...(notModified ? entry.notModified : entry.full), 'x-request-id', requestId]);
    res.end(notModified ? undefined : entry.body);
    options.answered?.({
      method: req.method ?? 'GET',
      route: entry.route,
      status,
      seconds: (performance.now() - started) / 1000,
      requestId,
    });
  }

  function makeEntry(
    status: number,
    given: OutgoingHttpHeaders,
    marker: string,
    body: Buffer,
    generation: number,
    madeAt: number,
  ): Entry {
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
    const own = new Map<string, string | string[]>();
    for (const [name, value] of Object.entries(given)) {
      const lower = name.toLowerCase();
      if (value === undefined || NOT_KEPT.has(lower)) continue;
      own.set(lower, Array.isArray(value) ? value.map(String) : String(value));
    }
    const merged = new Map<string, string | string[]>(Object.entries(options.baseHeaders));
    for (const [name, value] of own) merged.set(name, value);
    const full = [...flatten(merged), 'content-length', String(body.length), 'etag', etag, 'x-cache', 'hit'];
    // A 304 carries no policy: the browser would take it over into its copy of the page and the
    // default policy would block the page's own styles (server-entry.ts, RFC 9110 15.4.5).
    const revalidation = new Map<string, string | string[]>(
      Object.entries(options.baseHeaders).filter(([name]) => name !== 'content-security-policy'),
    );
    const cacheControl = own.get('cache-control');
    if (cacheControl) revalidation.set('cache-control', cacheControl);
    const notModified = [...flatten(revalidation), 'etag', etag, 'x-cache', 'hit'];
    return {
      status,
      body,
      size: body.length + [...full, ...notModified].reduce((sum, part) => sum + part.length, 0),
      etag,
      route: safeDecode(marker) || 'unknown',
      generation,
      madeAt,
      full,
      notModified,
    };
  }

  /**
   * Watches what the handler writes for this GET. A response with the page's marker is held back,
   * kept, and then written with its ETag (or as 304); anything else goes out untouched.
   */
  function capture(req: IncomingMessage, res: ServerResponse): Promise<Entry | undefined> {
    const generation = changes.generation();
    const madeAt = changes.now();
    const original = { writeHead: res.writeHead, write: res.write, end: res.end };
    let state: 'waiting' | 'holding' | 'passing' = 'waiting';
    let status = 200;
    let headers: OutgoingHttpHeaders = {};
    let marker = '';
    const chunks: Buffer[] = [];
    let settle: (entry: Entry | undefined) => void = () => undefined;
    const settled = new Promise<Entry | undefined>((resolve) => {
      settle = resolve;
    });
    const restore = () => {
      res.writeHead = original.writeHead;
      res.write = original.write;
      res.end = original.end;
    };
    const pass = () => {
      state = 'passing';
      restore();
      settle(undefined);
    };
    res.once('close', () => {
      if (state === 'holding') {
        restore();
        settle(undefined);
      }
    });
    const chunkOf = (chunk: unknown, encoding: unknown): Buffer =>
      Buffer.isBuffer(chunk)
        ? chunk
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
          : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');

    res.writeHead = function (this: ServerResponse, code: number, ...rest: unknown[]) {
      const given = rest.find((part) => typeof part === 'object' && part !== null && !Array.isArray(part)) as
        | OutgoingHttpHeaders
        | undefined;
      const mark = given?.[PAGE_CACHE_HEADER];
      if (given && mark !== undefined) delete given[PAGE_CACHE_HEADER];
      const cookie = given?.['set-cookie'] !== undefined || res.getHeader('set-cookie') !== undefined;
      // A page that must not be stored (a personal page, middleware.ts) is never kept, marker or not.
      const personal = /no-store|private/i.test(
        String(given?.['cache-control'] ?? res.getHeader('cache-control') ?? ''),
      );
      if (mark === undefined || !KEPT_STATUSES.has(code) || cookie || personal) {
        pass();
        return original.writeHead.apply(this, [code, ...rest] as never);
      }
      state = 'holding';
      status = code;
      headers = given ?? {};
      marker = String(mark);
      return this;
    } as ServerResponse['writeHead'];

    res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      if (state !== 'holding') {
        pass();
        return original.write.apply(this, [chunk, ...rest] as never);
      }
      chunks.push(chunkOf(chunk, rest[0]));
      const callback = rest.find((part) => typeof part === 'function') as (() => void) | undefined;
      if (callback) process.nextTick(callback);
      return true;
    } as ServerResponse['write'];

    res.end = function (this: ServerResponse, ...args: unknown[]) {
      if (state !== 'holding') {
        pass();
        return original.end.apply(this, args as never);
      }
      const [chunk, encoding] = args;
      if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push(chunkOf(chunk, encoding));
      const callback = args.find((part) => typeof part === 'function') as (() => void) | undefined;
      restore();
      state = 'passing';
      const entry = makeEntry(status, headers, marker, Buffer.concat(chunks), generation, madeAt);
      settle(entry);
      const requestId = String(headers['x-request-id'] ?? '');
      const notModified = matches(req.headers['if-none-match'], entry.etag);
      if (notModified) this.removeHeader('content-security-policy'); // set by the edge before rendering
      this.writeHead(notModified ? 304 : status, [
        ...(notModified ? entry.notModified : entry.full.slice(0, -2)),
        'x-cache',
        'miss',
        ...(requestId ? ['x-request-id', requestId] : []),
      ]);
      return this.end(notModified ? undefined : entry.body, callback);
    } as ServerResponse['end'];

    return settled;
  }

  return {
    /**
     * Answers a GET or HEAD from memory, or waits for the render another request started, or lets
     * `next` (the adapter) render it and keeps the result when the page asked for that.
     */
    handle(req: IncomingMessage, res: ServerResponse, next: () => void): void {
      const started = performance.now();
      const { target, key } = pageTarget(req.url ?? '/');
      req.url = target;
      const known = entries.get(key);
      if (known && isFresh(known)) {
        // Most recently used last: the first entries are the ones to drop.
        entries.delete(key);
        entries.set(key, known);
        answer(req, res, known, started);
        return;
      }
      if (req.method !== 'GET' || maxBytes <= 0) {
        next();
        return;
      }
      const generation = changes.generation();
      const flight = `${generation} ${key}`;
      const waiting = known ? inflight.get(flight) : undefined;
      if (waiting) {
        waiting.then((entry) => (entry ? answer(req, res, entry, started) : next()));
        return;
      }
      const render = capture(req, res).then((entry) => {
        inflight.delete(flight);
        if (entry) keep(key, entry);
        return entry;
      });
      // Only pages that were kept before are waited for: a path seen for the first time (a static
      // file, a form) must not make other requests wait on it.
      if (known) inflight.set(flight, render);
      next();
    },
    /** Bytes of kept bodies and headers, and their number. */
    size: () => ({ bytes, entries: entries.size }),
  };
}
