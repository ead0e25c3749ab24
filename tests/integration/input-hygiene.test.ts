/**
 * Control characters are stripped at the edge from every text input (query strings and form
 * bodies), so a NUL byte never reaches PostgreSQL (which cannot store it) and never turns into a
 * 500; and the server log never holds a query string, SQL parameters or a request body, which
 * can be a person's name. Over real HTTP against the built server in production mode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboxRepository } from '~/server/inbox/inbox.repository';
import { createTestDatabase } from '~tests/support/database';
import { createRegistration, createStaff } from '~tests/support/factories';
import { type ServerProcess, startServer } from '~tests/support/server-process';

const database = await createTestDatabase();
const { db } = database;
let server: ServerProcess;
let cookie: string;
let familyId: string;
afterAll(() => server?.stop());

beforeAll(async () => {
  server = await startServer({ DATABASE_URL: database.url, OUTBOX_WORKER: 'false', LOG_LEVEL: 'debug' });
  cookie = (await createStaff(db, { session: true })).session.cookie;
  familyId = (await createRegistration(db, 'vraaggezin', { contactName: 'Wilhelmina Zeldzaam' })).id;
}, 120_000);

const get = (path: string) => fetch(server.url + path, { headers: { cookie }, redirect: 'manual' });
const post = (path: string, body: string, withSession = true) =>
  fetch(server.url + path, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      origin: server.url,
      'content-type': 'application/x-www-form-urlencoded',
      ...(withSession ? { cookie } : {}),
    },
    body,
  });

describe('control characters in what people send', () => {
  it('never make the inbox search fail', async () => {
    for (const q of ['%00', 'Wilhelmina%00', '%01%02%1F%7F', '%C2%85Zeldzaam', 'Wil%00helmina']) {
      const json = await get(`/inbox/zoeken.json?q=${q}`);
      expect(json.status, `zoeken.json?q=${q}`).toBe(200);
      const body = (await json.json()) as { total: number };
      expect(body.total).toBeGreaterThanOrEqual(0);
      const page = await get(`/inbox/zoeken?q=${q}`);
      expect(page.status, `zoeken?q=${q}`).toBe(200);
      await page.body?.cancel();
    }
    const found = (await (await get('/inbox/zoeken.json?q=Wilhelmina%00')).json()) as { total: number };
    expect(found.total).toBe(1);
  });

  it('are stripped from form fields before anything is stored', async () => {
    const response = await post(`/inbox/${familyId}`, 'action=note&note=Gebeld%00%01%1B%5B31m%0Aterug%09bellen%7F');
    expect(response.status).toBe(303);
    const notes = await createInboxRepository({ db }).listNotes(familyId);
    expect(notes.map((note) => note.body)).toEqual(['Gebeld[31m\nterug\tbellen']);
  });

  it('give a Dutch 4xx in a login or sign-up form, never a 500', async () => {
    const login = await post('/inloggen', 'email=nul%00%40example.nl&password=%00%00', false);
    expect(login.status).toBe(400);
    expect(await login.text()).toContain('passen niet bij elkaar');
    const signUp = await post('/beekdaelen/aanmelden/vraaggezin', 'contactName=%00&email=%00', false);
    expect(signUp.status).toBe(400);
    await signUp.body?.cancel();
  });

  it('in an address are "not found", never an error', async () => {
    for (const path of ['/inbox/%00', '/%00', '/beekdaelen/steungezin-gezocht/%00', '/uitnodiging/%00', '/%01/x']) {
      const response = await get(path);
      expect([400, 404], path).toContain(response.status);
      await response.body?.cancel();
    }
  });

  it('an unexpected database error shows the Dutch error page, and the log says what failed without the search words', async () => {
    // Break the search table under the running server (this file's own database).
    await database.sql`alter table search_documents rename to search_documents_weg`;
    try {
      const page = await get('/inbox/zoeken?q=Wilhelmina+Zeldzaam');
      expect(page.status).toBe(500);
      const html = await page.text();
      expect(html).toContain('Er ging bij ons iets mis');
      expect(html).not.toMatch(/Wilhelmina|Failed query|search_documents/);
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      const json = await get('/inbox/zoeken.json?q=Wilhelmina');
      expect(json.status).toBe(500);
      expect(await json.text()).not.toMatch(/Wilhelmina|Failed query|search_documents/);
      await new Promise((r) => setTimeout(r, 300));
      expect(server.output()).toMatch(/databasefout code 42P01/);
    } finally {
      await database.sql`alter table search_documents_weg rename to search_documents`;
    }
  });

  it('leave no query string, SQL parameter or request body in the server log', async () => {
    // Give the log a moment to arrive from the child process.
    await new Promise((r) => setTimeout(r, 300));
    const log = server.output();
    expect(log).not.toMatch(/params:/i);
    expect(log).not.toMatch(/Failed query/i);
    expect(log).not.toContain('Wilhelmina');
    expect(log).not.toContain('Zeldzaam');
    expect(log).not.toContain('Gebeld');
    expect(log).not.toMatch(/\?q=/);
    expect(log).not.toContain('\u0000');
  });
});
