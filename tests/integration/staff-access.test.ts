/**
 * Access control over real HTTP against the built server, for EVERY entry in STAFF_ROUTES:
 *   anonymous                    -> 303 to /inloggen
 *   staff on a record of a gemeente outside their reach (or a guessed id) -> 404, nothing changed
 *   staff on a record within reach -> allowed (200/303) when the role may, else 403, nothing changed
 *   (the roles: coordinator, regional, backoffice, and gemeente: a beleidsmedewerker who reads reports only;
 *   for /rapportage/:gemeente the "record" is the gemeente itself)
 * and a check that every staff page and every action it handles is in STAFF_ROUTES.
 */

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, type StaffContext } from '~/server/access/permissions';
import type { Database } from '~/server/db/db';
import { createTestDatabase } from '~tests/support/database';
import { createOutboxEmail, createRegistration, createStaff, TEST_PASSWORD } from '~tests/support/factories';
import { type ServerProcess, startServer } from '~tests/support/server-process';
import { AUTH_PAGES, type Fixture, STAFF_ROUTES, type StaffRoute, type TargetKind } from './staff-routes';

let db: Database;
let server: ServerProcess;
type Role = 'coordinator' | 'regional' | 'backoffice' | 'gemeente';
/** The roles, a regional coordinator in a gemeente without a coordinator (she stands in: permissions.ts), and a gemeente account (reports only). */
type ActorName = Role | 'regional-stand-in';
type Actor = { role: Role; id: string; cookie: string; own: string; foreign: string | null; ctx: StaffContext };
const actors = {} as Record<ActorName, Actor>;

/** A sign-up in `gemeente`; the name must never show on a page the actor may not see. */
const signUp = async (gemeente: string, kind: TargetKind = 'vraaggezin') =>
  (
    await createRegistration(db, kind, {
      gemeenteSlug: gemeente,
      contactName: 'Toegang Test',
      contactEmail: 'zelfde@example.nl',
    })
  ).id;

/** Everything a denied request must leave alone. */
async function fingerprint() {
  const rows = await db.execute(sql`select
    (select count(*) from inbox_history) as history, (select count(*) from inbox_notes) as notes,
    (select count(*) from inbox_contacts) as contacts, (select count(*) from inbox_items) as items,
    (select string_agg(status || coalesce(duplicate_of_id::text, ''), ',' order by id) from registrations) as statuses,
    (select count(*) from staff_users) as staff, (select count(*) from staff_users where disabled_at is not null) as disabled,
    (select count(*) from auth_tokens) as tokens,
    (select string_agg(status || jsonb_array_length(overrides) || postings::text || updated_at::text, ',' order by id) from profiles) as profiles,
    (select string_agg(updated_at::text || in_pool::text, ',' order by registration_id) from steungezin_screenings) as screenings,
    (select count(*) from screening_intakes) as intakes, (select string_agg(updated_at::text, ',' order by id) from screening_vogs) as vogs,
    (select string_agg(phase || updated_at::text, ',' order by id) from koppelingen) as koppelingen,
    (select count(*) from koppeling_history) as koppeling_history, (select count(*) from koppeling_evaluations) as evaluations,
    (select count(*) from koppeling_closures) as closures, (select string_agg(updated_at::text, ',' order by koppeling_id, party) from koppeling_signatures) as signatures,
    (select string_agg(updated_at::text, ',' order by id) from safety_concerns) as concerns, (select count(*) from calendar_feeds) as feeds,
    (select string_agg(id::text || status::text || attempts::text, ',' order by id) from outbox_messages where topic = 'email') as mail,
    (select string_agg(highlights, ',' order by gemeente_slug, period_key) from report_notes) as report_notes`);
  return JSON.stringify(rows[0]);
}

async function call(route: StaffRoute, opts: { cookie?: string; id?: string; fixture?: Fixture }) {
  const url = server.url + route.path.replace(/:id|:gemeente/, opts.id ?? '');
  const headers: Record<string, string> = { origin: server.url };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (route.method === 'GET') return fetch(url, { headers, redirect: 'manual' });
  headers['content-type'] = 'application/x-www-form-urlencoded';
  const fixture = opts.fixture ?? {
    selfId: randomUUID(),
    otherStaffId: randomUUID(),
    siblingId: randomUUID(),
    familyId: randomUUID(),
    password: TEST_PASSWORD,
    failedEmailId: randomUUID(),
  };
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(route.form!(fixture)))
    for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
  return fetch(url, { method: 'POST', headers, body, redirect: 'manual' });
}

const label = (r: StaffRoute) =>
  `${r.method} ${r.path}${r.form ? ` action=${r.form({ selfId: '', otherStaffId: '', siblingId: '', familyId: '', password: '', failedEmailId: '' }).action}` : ''}`;

beforeAll(async () => {
  const database = await createTestDatabase();
  db = database.db;
  // Haarlem has its own coordinator (so the regional coordinator only reads and helps there);
  // Uithoorn has none (so she stands in for the coordinator there).
  await createStaff(db, { role: 'coordinator', gemeenten: ['haarlem'] });
  const setup: [ActorName, Role, string[], string[], string, string | null][] = [
    ['coordinator', 'coordinator', ['beekdaelen'], [], 'beekdaelen', 'haarlem'],
    ['regional', 'regional', [], ['Noord-Holland'], 'haarlem', 'beekdaelen'],
    ['regional-stand-in', 'regional', [], ['Noord-Holland'], 'uithoorn', 'heerenveen'],
    ['backoffice', 'backoffice', [], [], 'heerenveen', null],
    // A beleidsmedewerker of Beekdaelen: its reports, nothing else.
    ['gemeente', 'gemeente', ['beekdaelen'], [], 'beekdaelen', 'haarlem'],
  ];
  for (const [name, role, gemeenten, regions, own, foreign] of setup) {
    const staff = await createStaff(db, { role, gemeenten, regions, session: true });
    actors[name] = { role, id: staff.id, cookie: staff.session.cookie, own, foreign, ctx: staff.context };
  }
  server = await startServer({ DATABASE_URL: database.url, OUTBOX_WORKER: 'false' });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('every staff route is in the list', () => {
  it('has a GET entry per staff page, a POST entry per action it handles', () => {
    const pagesDir = path.resolve('src/pages');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(astro|ts)$/.test(entry.name)) files.push(full);
      }
    };
    walk(pagesDir);
    const routeOf = (file: string) =>
      '/' +
      path
        .relative(pagesDir, file)
        .replace(/\.(astro|ts)$/, '')
        .replace(/(^|\/)index$/, '')
        .replace(/\[(\w+)\]/g, ':$1');
    // Anything that reads the staff session is a staff route, except the login/logout pages.
    const staffPages = files.filter(
      (f) =>
        /staffRequest\(|staffPage\(|authenticate\(/.test(fs.readFileSync(f, 'utf8')) &&
        !AUTH_PAGES.includes(routeOf(f)),
    );
    expect(staffPages.length).toBeGreaterThanOrEqual(5);
    for (const file of staffPages) {
      const source = fs.readFileSync(file, 'utf8');
      const route = routeOf(file);
      const entries = STAFF_ROUTES.filter((r) => r.path === route);
      expect(
        entries.some((r) => r.method === 'GET'),
        `GET ${route} missing from STAFF_ROUTES`,
      ).toBe(true);
      // Form intents: `action === 'x'`, or a handler `x: (form) =>` of the staff action router (staff-page.ts).
      const actions = [
        ...source.matchAll(/action === '([\w-]+)'/g),
        ...source.matchAll(/^\s*'?([\w-]+)'?: (?:async )?\((?:form)?\) =>/gm),
      ].map((m) => m[1]);
      for (const action of actions) {
        expect(
          entries.some((r) => r.method === 'POST' && label(r).endsWith(`action=${action}`)),
          `POST ${route} action=${action} missing from STAFF_ROUTES`,
        ).toBe(true);
      }
      if (/request\.method === 'POST'|actions: \(/.test(source))
        expect(
          entries.some((r) => r.method === 'POST'),
          `POST ${route} missing`,
        ).toBe(true);
    }
  });
});

describe.each(STAFF_ROUTES)('$method $path', (route) => {
  const needsRecord = /:id|:gemeente/.test(route.path);
  const makeId = (gemeente: string) => (route.makeId ? route.makeId(db, gemeente) : signUp(gemeente, route.target));
  const fixtureIn = async (gemeente: string, actor: Actor) => {
    const invited = await createStaff(db, { role: 'coordinator', gemeenten: [], enrolled: false });
    return {
      selfId: actor.id,
      otherStaffId: invited.id,
      siblingId: await signUp(gemeente),
      familyId: await signUp(gemeente),
      gemeente,
      // Every enrolled actor has TEST_PASSWORD (actions on /account ask for it again).
      password: TEST_PASSWORD,
      failedEmailId: (await createOutboxEmail(db, { status: 'failed' })).id,
      ...(route.prepare ? { prepared: await route.prepare(db, gemeente) } : {}),
    };
  };

  it(`${label(route)}: anonymous visitors are sent to /inloggen`, async () => {
    const id = needsRecord ? await makeId('beekdaelen') : undefined;
    const before = await fingerprint();
    const response = await call(route, { id });
    expect(response.status).toBe(route.anonymousStatus ?? 303);
    if ((route.anonymousStatus ?? 303) === 303) expect(response.headers.get('location')).toMatch(/^\/inloggen\?terug=/);
    expect(await fingerprint()).toBe(before);
  });

  for (const role of ['coordinator', 'regional', 'regional-stand-in', 'backoffice', 'gemeente'] as const) {
    it(`${label(route)}: ${role}`, async () => {
      const actor = actors[role];
      const allowed =
        route.needs === 'self' ||
        can(actor.ctx, route.needs, needsRecord || route.gemeenteInForm ? actor.own : undefined);
      const reportsOnly = role === 'gemeente' && route.needs !== 'self' && !route.needs.startsWith('report.');
      if (needsRecord) {
        // A record of a gemeente outside my reach, and a guessed id: both 404, nothing changed.
        const guesses = [randomUUID(), 'niet-een-id'];
        if (actor.foreign) guesses.push(await makeId(actor.foreign));
        for (const id of guesses) {
          const fixture = await fixtureIn(actor.foreign ?? actor.own, actor);
          const before = await fingerprint();
          const response = await call(route, { cookie: actor.cookie, id, fixture });
          // A gemeente account may open no record page at all: 403 whatever the id, or the 404 of a
          // page that looks the record up first (either reveals nothing).
          if (reportsOnly) expect([403, 404], `${role} on ${id}`).toContain(response.status);
          else expect(response.status, `${role} on ${id}`).toBe(404);
          const body = await response.text();
          expect(body).not.toContain('Toegang Test');
          expect(await fingerprint()).toBe(before);
        }
      }
      // Within reach: allowed or 403, and a 403 changes nothing.
      const id = needsRecord ? await makeId(actor.own) : undefined;
      const fixture = await fixtureIn(actor.own, actor);
      const before = await fingerprint();
      const response = await call(route, { cookie: actor.cookie, id, fixture });
      if (allowed) {
        expect(
          response.status,
          await response
            .clone()
            .text()
            .then((t) => t.slice(0, 300)),
        ).toBe(route.okStatus ?? (route.method === 'GET' ? 200 : 303));
        if (route.method === 'POST') expect(response.headers.get('location') ?? '').not.toMatch(/inloggen/);
      } else {
        expect(response.status).toBe(403);
        expect(await fingerprint()).toBe(before);
      }
    });
  }
});
