// A plain static file server for the benchmark baseline: node:http + `send` (the same file
// sender the Astro Node adapter uses), serving the built HTML from <dir> with clean URLs.
// Usage: node scripts/bench/static-server.mjs <client dir> <port>
import { createServer } from 'node:http';
import { statSync } from 'node:fs';
import path from 'node:path';
import send from 'send';

const [root, port] = [process.argv[2], Number(process.argv[3])];
createServer((req, res) => {
  let pathname = decodeURI((req.url ?? '/').split('?')[0]);
  try {
    if (pathname !== '/' && statSync(path.join(root, pathname)).isDirectory()) pathname += '/index.html';
  } catch {}
  send(req, pathname, { root, extensions: ['html'] })
    .on('error', (err) => {
      res.statusCode = err.status ?? 500;
      res.end();
    })
    .pipe(res);
}).listen(port, '127.0.0.1', () => console.log(`static server on ${port}`));
