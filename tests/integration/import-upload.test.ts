/**
 * The import's upload over real HTTP against the built server: a spreadsheet larger than a form
 * (the server's other forms stop at 256 KB) arrives and is read; one over the 10 MB limit gets a
 * Dutch 413 and nothing is stored; a login form is still read with its own small limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '~/server/db/db';
import { createImportRepository } from '~/server/import/import.repository';
import { createTestDatabase } from '~tests/support/database';
import { createStaff } from '~tests/support/factories';
import { type ServerProcess, startServer } from '~tests/support/server-process';

let db: Database;
let server: ServerProcess;
let cookie: string;

beforeAll(async () => {
  const database = await createTestDatabase();
  db = database.db;
  cookie = (await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'], session: true })).session.cookie;
  server = await startServer({ DATABASE_URL: database.url, OUTBOX_WORKER: 'false' });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

function upload(csv: string) {
  const form = new FormData();
  form.append('action', 'upload');
  form.append('gemeente', 'beekdaelen');
  form.append('kind', 'vraaggezinnen');
  form.append('file', new File([csv], 'lijst.csv', { type: 'text/csv' }));
  return fetch(`${server.url}/beheer/import`, {
    method: 'POST',
    headers: { cookie, origin: server.url },
    body: form,
    redirect: 'manual',
  });
}

const stored = async () => (await createImportRepository({ db }).listRecent(['beekdaelen'])).length;

describe('uploading a spreadsheet', () => {
  it('reads a 600 KB file (more than twice what a form may weigh) and shows its preview', async () => {
    const rows = Array.from({ length: 18_000 }, (_, row) => `Ouder Groot ${row};Nuth;06-${String(20_000_000 + row)}`);
    const csv = `Naam;Kern;Telefoon\n${rows.join('\n')}\n`;
    expect(csv.length).toBeGreaterThan(512 * 1024);
    const response = await upload(csv);
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/beheer\/import\/[0-9a-f-]{36}$/);
    const page = await fetch(`${server.url}${location}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('18000 nieuw');
  });

  it('refuses a file over 10 MB with a Dutch 413, and stores nothing', async () => {
    const before = await stored();
    const response = await upload(`Naam;Kern\n${'Ouder Te Groot;Nuth\n'.repeat(560_000)}`);
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('Wat je verstuurt is te groot');
    expect(await stored()).toBe(before);
  });

  it('still reads the login form with its own small limit', async () => {
    const response = await fetch(`${server.url}/inloggen`, {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=a%40b.nl&password=${'x'.repeat(300 * 1024)}`,
      redirect: 'manual',
    });
    expect(response.status).toBeLessThan(500);
    expect(response.status).not.toBe(303);
  });
});
