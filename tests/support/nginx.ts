/**
 * nginx from Debian in front of the portal, with the repository's own site configuration
 * (deploy/nginx/buurtgezinnen.conf): only its ports, host name, certificate and folders are
 * replaced, and each replacement must find its text, so the test breaks when the file drifts.
 * Plus a self-signed certificate (openssl CLI) and an https client that trusts it.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';

export type Nginx = {
  httpsPort: number;
  httpPort: number;
  cert: string;
  logs: () => string;
  stop: () => Promise<void>;
};

export function ensureNginx(): void {
  execFileSync('sh', ['scripts/ensure-apt-packages.sh', 'nginx:/usr/sbin/nginx'], { stdio: 'inherit' });
}

/** A certificate for localhost and 127.0.0.1, valid two days. */
function makeCertificate(dir: string): { cert: string; key: string } {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost'],
      ...['-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert],
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

function replaceOnce(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`deploy/nginx/buurtgezinnen.conf no longer contains "${from}"`);
  return text.replaceAll(from, to);
}

export async function startNginx(options: {
  dir: string;
  httpsPort: number;
  httpPort: number;
  upstreamPorts: [number, number];
  clientDir: string;
}): Promise<Nginx> {
  const { dir } = options;
  await fs.mkdir(dir, { recursive: true, mode: 0o755 }); // nginx workers run as nobody: they read the client folder and write temp files here
  const { cert, key } = makeCertificate(dir);
  let site = await fs.readFile('deploy/nginx/buurtgezinnen.conf', 'utf8');
  site = replaceOnce(site, 'listen [::]:443 ssl http2;', '');
  site = replaceOnce(site, 'listen [::]:80;', '');
  site = replaceOnce(site, 'listen 443 ssl http2;', `listen 127.0.0.1:${options.httpsPort} ssl http2;`);
  site = replaceOnce(site, 'listen 80;', `listen 127.0.0.1:${options.httpPort};`);
  site = replaceOnce(site, 'server_name portaal.buurtgezinnen.nl;', 'server_name localhost;');
  site = replaceOnce(site, '/etc/letsencrypt/live/portaal.buurtgezinnen.nl/fullchain.pem', cert);
  site = replaceOnce(site, '/etc/letsencrypt/live/portaal.buurtgezinnen.nl/privkey.pem', key);
  site = replaceOnce(site, '/opt/buurtgezinnen/dist/client', options.clientDir);
  site = replaceOnce(site, '/var/log/nginx/buurtgezinnen.access.log', path.join(dir, 'access.log'));
  site = replaceOnce(site, 'server 127.0.0.1:4321 ', `server 127.0.0.1:${options.upstreamPorts[0]} `);
  site = replaceOnce(site, 'server 127.0.0.1:4322 ', `server 127.0.0.1:${options.upstreamPorts[1]} `);
  await fs.writeFile(path.join(dir, 'buurtgezinnen.conf'), site);
  // What Debian's /etc/nginx/nginx.conf gives the site, in this folder.
  await fs.writeFile(
    path.join(dir, 'nginx.conf'),
    `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  sendfile on;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/buurtgezinnen.conf;
}
`,
  );
  const child: ChildProcess = spawn('/usr/sbin/nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (d) => (errors += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.once('exit', () => child.kill('SIGKILL'));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx stopped: ${errors}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(options.httpsPort, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) break;
    if (i > 100) throw new Error(`nginx does not listen: ${errors}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    httpsPort: options.httpsPort,
    httpPort: options.httpPort,
    cert: readFileSync(cert, 'utf8'),
    logs: () => `${errors}${readFileSync(path.join(dir, 'error.log'), 'utf8')}`,
    stop: async () => {
      child.kill('SIGQUIT');
      await exited;
    },
  };
}

export type HttpsAnswer = {
  status: number;
  headers: Record<string, string[]>;
  body: string;
  ms: number;
  /** undefined when the request failed without an answer (connection reset …). */
  error?: string;
};

/**
 * One request over https to nginx, trusting only the test certificate, from `localAddress`
 * (any 127.x address: that is the client address nginx sees). Never throws; never waits more
 * than `timeoutMs`.
 */
export function httpsRequest(
  nginx: Nginx,
  pathname: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    localAddress?: string;
    timeoutMs?: number;
  } = {},
): Promise<HttpsAnswer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const request = https.request(
      {
        host: '127.0.0.1',
        port: nginx.httpsPort,
        servername: 'localhost',
        ca: nginx.cert,
        agent: false,
        path: pathname,
        method: options.method ?? 'GET',
        localAddress: options.localAddress,
        headers: { host: `localhost:${nginx.httpsPort}`, ...options.headers },
        timeout: options.timeoutMs ?? 30_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headersDistinct as Record<string, string[]>,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        response.on('error', (error) =>
          resolve({ status: 0, headers: {}, body: '', ms: performance.now() - started, error: error.message }),
        );
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error) =>
      resolve({ status: 0, headers: {}, body: '', ms: performance.now() - started, error: error.message }),
    );
    request.end(options.body);
  });
}

/** The protocol nginx negotiates for a browser that offers HTTP/2, and the status of `/`. */
export function http2Get(nginx: Nginx, pathname: string): Promise<{ protocol: string | undefined; status: number }> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`https://localhost:${nginx.httpsPort}`, { ca: nginx.cert });
    session.on('error', reject);
    const stream = session.request({ ':path': pathname });
    stream.on('response', (headers) => {
      const status = Number(headers[':status']);
      stream.resume();
      stream.on('end', () => {
        const protocol = session.alpnProtocol;
        session.close();
        resolve({ protocol, status });
      });
    });
    stream.end();
  });
}
