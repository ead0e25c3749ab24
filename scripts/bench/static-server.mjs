// A plain static file server for the benchmark baseline: node:http + node:fs, no framework,
// serving the built HTML from <dir> with clean URLs (/beekdaelen -> beekdaelen/index.html,
// /privacy -> privacy.html), like the Astro Node adapter does for prerendered pages.
// Usage: node scripts/bench/static-server.mjs <client dir> <port> [snapshot dir]
// The optional snapshot dir holds saved copies of on-demand pages (looked up after the client dir).
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

const roots = [process.argv[2], process.argv[4]].filter(Boolean).map((dir) => path.resolve(dir));
const port = Number(process.argv[3]);
const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.txt': 'text/plain',
};

function resolve(urlPath) {
  for (const root of roots) {
    const base = path.join(root, path.normalize(decodeURIComponent(urlPath)));
    if (!base.startsWith(root)) return undefined;
    for (const candidate of [base, `${base}.html`, path.join(base, 'index.html')]) {
      try {
        const stat = statSync(candidate);
        if (stat.isFile()) return { file: candidate, size: stat.size };
      } catch {}
    }
  }
  return undefined;
}

createServer((req, res) => {
  const found = resolve((req.url ?? '/').split('?')[0]);
  if (!found) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    'content-type': types[path.extname(found.file)] ?? 'application/octet-stream',
    'content-length': found.size,
  });
  createReadStream(found.file).pipe(res);
}).listen(port, '127.0.0.1');
