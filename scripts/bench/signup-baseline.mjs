// The physical limit of a sign-up on this machine, for scripts/bench/registrations.ts (issue 18):
// a minimal Node HTTP server that reads the same form body, parses it (URLSearchParams), and
// stores it with ONE INSERT in ONE transaction on the same PostgreSQL, then answers 303, as the
// portal does after its commit. No validation, no rate limits, no mail: what is left is HTTP,
// parsing and one durable write (synchronous commit, as the portal has).
// Usage: node scripts/bench/signup-baseline.mjs <database url> <port>
import { createServer } from 'node:http';
import postgres from 'postgres';

const [databaseUrl, port] = process.argv.slice(2);
// The same pool size as the portal (src/server/db/db.ts).
const sql = postgres(databaseUrl, { max: 10, onnotice: () => {} });
await sql`create table if not exists bench_signup_baseline (
  id bigint generated always as identity primary key,
  path text not null,
  fields jsonb not null,
  created_at timestamptz not null default now()
)`;

createServer((req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(404).end();
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    const fields = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    try {
      await sql.begin(
        (tx) => tx`insert into bench_signup_baseline (path, fields) values (${req.url}, ${sql.json(fields)})`,
      );
      res.writeHead(303, { location: `${req.url}/bedankt` }).end();
    } catch {
      res.writeHead(500).end();
    }
  });
}).listen(Number(port), 'localhost');
