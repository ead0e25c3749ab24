/**
 * The register of processing (docs/privacy/register.md) against the database schema itself: every
 * table and every column of the migrated database must be in the register, as personal data or
 * not; a table with personal data needs a purpose, a legal basis, a term and who sees it, and its
 * term must be one the code keeps (checked on the schema's foreign keys). A new column without an
 * entry fails here, with the lines to add. Then a family with a row in every table the register
 * says goes "with the sign-up" is deleted by the retention job and, once more, at the person's
 * request; afterwards none of those tables holds a row about it.
 */
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, amsterdamDate } from '~/lib/dates';
import { createAppointmentsRepository } from '~/server/appointments/appointments.repository';
import type { Database } from '~/server/db/db';
import { queueEmail } from '~/server/email/email.usecases';
import { addContact, addNote, getRegistrationForStaff } from '~/server/inbox/inbox.usecases';
import { createKoppelingenRepository } from '~/server/koppelingen/koppelingen.repository';
import { createLogger } from '~/server/logger';
import { createScreeningRepository } from '~/server/screening/screening.repository';
import { createTestDatabase } from '~tests/support/database';
import {
  createInboxItem,
  createKoppeling,
  createNote,
  createProfile,
  createRegistration,
  createStaff,
} from '~tests/support/factories';
import { requestParentConsent } from './privacy.consent';
import { createPrivacyRepository } from './privacy.repository';
import { runRetention } from './privacy.retention';
import { eraseOnRequest, exportOnRequest, recordParentConsent } from './privacy.usecases';

const REGISTER = new URL('../../../docs/privacy/register.md', import.meta.url);

/** Terms the code keeps (decision 027); the register names one per table. */
const TERMS = [
  'with-sign-up',
  'with-record',
  'access-log',
  'expiry',
  'staff-account',
  'outbox',
  'search-words',
  'import',
  'survey-answer',
  'report-author',
  'none',
] as const;
type Term = (typeof TERMS)[number];

type Entry = {
  table: string;
  personal: string[];
  other: string[];
  term: string | undefined;
  fields: Record<string, string>;
};

const codes = (line: string | undefined) => [...(line ?? '').matchAll(/`([a-z_0-9-]+)`/g)].map((match) => match[1]!);

function parseRegister(text: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  for (const section of text.split(/^### /m).slice(1)) {
    const [heading, ...lines] = section.split('\n');
    const table = /`([a-z_0-9]+)`/.exec(heading!)?.[1];
    if (!table) continue;
    const fields: Record<string, string> = {};
    for (const line of lines) {
      const field = /^- \*\*([^*]+)\*\*:?\s*(.*)$/.exec(line);
      if (field) fields[field[1]!.replace(/:$/, '').toLowerCase()] = field[2]!;
    }
    entries.set(table, {
      table,
      personal: codes(fields['personal data']),
      other: codes(fields['no personal data']),
      term: codes(fields.term)[0],
      fields,
    });
  }
  return entries;
}

let db: Database;
let schema: Map<string, string[]>;
let register: Map<string, Entry>;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  const rows = await db.execute<{ table: string; column: string }>(sql`
    select c.table_name as "table", c.column_name as "column"
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`);
  schema = new Map();
  for (const row of rows) schema.set(row.table, [...(schema.get(row.table) ?? []), row.column]);
  register = parseRegister(fs.readFileSync(REGISTER, 'utf8'));
});

/** Tables whose rows go when a row of `target` is deleted (ON DELETE CASCADE, followed through). */
async function cascadesFrom(target: string): Promise<Set<string>> {
  const rows = await db.execute<{ child: string; parent: string }>(sql`
    select child.relname as child, parent.relname as parent
    from pg_constraint con
    join pg_class child on child.oid = con.conrelid
    join pg_class parent on parent.oid = con.confrelid
    where con.contype = 'f' and con.confdeltype = 'c'`);
  const reached = new Set([target]);
  for (let grown = true; grown; ) {
    grown = false;
    for (const { child, parent } of rows)
      if (reached.has(parent) && !reached.has(child)) {
        reached.add(child);
        grown = true;
      }
  }
  return reached;
}

describe('register of processing (docs/privacy/register.md)', () => {
  it('lists every table and column of the database, each once, as personal data or not', () => {
    const missing: string[] = [];
    for (const [table, columns] of schema) {
      const entry = register.get(table);
      const listed = new Set([...(entry?.personal ?? []), ...(entry?.other ?? [])]);
      const absent = columns.filter((column) => !listed.has(column));
      if (absent.length > 0)
        missing.push(`### \`${table}\`: add ${absent.map((column) => `\`${column}\``).join(', ')}`);
    }
    expect(missing, `Add these to docs/privacy/register.md:\n${missing.join('\n')}`).toEqual([]);
    const unknown = [...register.values()].flatMap((entry) =>
      [...entry.personal, ...entry.other]
        .filter((column) => !schema.get(entry.table)?.includes(column))
        .map((column) => `${entry.table}.${column}`),
    );
    expect(unknown, 'in the register but not in the database').toEqual([]);
    const twice = [...register.values()].flatMap((entry) =>
      entry.personal.filter((column) => entry.other.includes(column)).map((column) => `${entry.table}.${column}`),
    );
    expect(twice).toEqual([]);
  });

  it('gives each table with personal data its purpose, legal basis, term and who sees it', () => {
    for (const entry of register.values()) {
      expect(TERMS, `${entry.table}: term`).toContain(entry.term);
      if (entry.personal.length === 0) continue;
      expect(entry.term, `${entry.table} holds personal data`).not.toBe('none');
      for (const field of ['purpose', 'legal basis', 'who sees it'])
        expect(entry.fields[field]?.trim(), `${entry.table}: ${field}`).toBeTruthy();
    }
  });

  it('names terms the schema keeps: "with the sign-up" and "with the staff account" tables cascade from them', async () => {
    const withSignUp = await cascadesFrom('registrations');
    const withAccount = await cascadesFrom('staff_users');
    const expected: Partial<Record<Term, Set<string>>> = {
      'with-sign-up': withSignUp,
      'staff-account': withAccount,
    };
    for (const entry of register.values()) {
      const reach = expected[entry.term as Term];
      if (reach) expect(reach.has(entry.table), `${entry.table} is deleted with its ${entry.term}`).toBe(true);
    }
    // And the other way round: every table that goes with a sign-up says so (or keeps no personal data).
    for (const table of withSignUp) {
      const entry = register.get(table);
      if (entry && entry.personal.length > 0) expect(entry.term, table).toBe('with-sign-up');
    }
  });
});

/** Tables no code writes any more (a contract migration drops them): no fixture can fill them. */
const UNWRITTEN = new Set(['inbox_vog_checks']);

/**
 * A vraaggezin and a steungezin with a closed koppeling, and a row in every table that goes with a
 * sign-up: notes, contacts, history, read markers, a profile, the screening, the koppeling with
 * its history, evaluation, closure and signatures, a resolved zorg over veiligheid, a lifted hold,
 * the search document, a mail. Returns the ids a row about them contains.
 */
async function familyInEveryTable(now: Date) {
  const today = amsterdamDate(now);
  const coordinator = await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] });
  const deps = { db, clock: () => now };
  const koppeling = await createKoppeling(db, {
    phase: 'closed',
    closedOn: today,
    evaluations: [{ heldOn: addDays(today, -20) }],
    now,
  });
  const family = koppeling.vraaggezin;
  await addNote(deps, coordinator.context, family.id, 'Moeder belde over de woensdag.');
  await addContact(deps, coordinator.context, family.id, { channel: 'call', contactedOn: today, summary: 'Gebeld' });
  await getRegistrationForStaff(deps, coordinator.context, family.id);
  await createInboxItem(db, { registration: family, assignedTo: coordinator });
  await createProfile(db, { registration: family, status: 'matched', now });
  await createScreeningRepository({ db }).addHistory({
    registrationId: koppeling.steungezin.id,
    staffId: coordinator.id,
    change: 'approved',
  });
  const koppelingen = createKoppelingenRepository({ db });
  await koppelingen.insertHistory({
    koppelingId: koppeling.id,
    change: 'closed',
    fromPhase: 'active',
    toPhase: 'closed',
  });
  await koppelingen.insertConcern({
    gemeenteSlug: family.gemeenteSlug,
    registrationId: family.id,
    koppelingId: koppeling.id,
    raisedOn: today,
    summary: 'Het kind was erg moe.',
    decision: 'no_concern',
    resolvedAt: now,
  });
  const privacy = createPrivacyRepository({ db });
  const hold = await privacy.insertHold({
    registrationId: family.id,
    keepUntil: addMonths(today, 1),
    reason: 'Klacht',
  });
  await privacy.liftHold({ id: hold.id, registrationId: family.id, staffId: coordinator.id, at: now });
  await createAppointmentsRepository({ db }).insert({
    registrationId: family.id,
    gemeenteSlug: family.gemeenteSlug,
    staffId: coordinator.id,
    onDate: addDays(today, -40),
    startTime: '19:30',
    place: 'home',
    createdBy: coordinator.id,
  });
  // The referral that brought the family, confirmed by the parents themselves.
  const referral = await createRegistration(db, 'verwijzing', { gemeenteSlug: family.gemeenteSlug });
  await createInboxItem(db, { registration: referral, family });
  await recordParentConsent(deps, coordinator.context, referral.id, { method: 'phone', givenOn: today });
  // …after the mail with the parent's own link (decision 031).
  await requestParentConsent(
    db,
    {
      id: referral.id,
      gemeenteSlug: referral.gemeenteSlug,
      parentEmail: referral.contactEmail,
      organisationType: 'school',
    },
    now,
  );
  await queueEmail(db, {
    to: family.contactEmail!,
    template: 'registration-received',
    gemeente: 'beekdaelen',
    data: { kind: 'vraaggezin' },
  });
  return {
    ids: [family.id, koppeling.steungezin.id, koppeling.id, referral.id],
    family,
    steungezin: koppeling.steungezin,
    referral,
  };
}

/** Per table that goes with a sign-up (from the register): how many rows mention one of `ids`. */
async function rowsAbout(ids: readonly string[]) {
  const counts: Record<string, number> = {};
  for (const entry of register.values()) {
    if (entry.term !== 'with-sign-up' || entry.personal.length === 0 || UNWRITTEN.has(entry.table)) continue;
    const [row] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(entry.table)} t
          where ${sql.join(
            ids.map((id) => sql`strpos(t::text, ${id}) > 0`),
            sql` or `,
          )}`,
    );
    counts[entry.table] = row!.n;
  }
  return counts;
}

describe('deletion covers every table with personal data about a family', () => {
  const none = () =>
    Object.fromEntries(
      [...register.values()]
        .filter((entry) => entry.term === 'with-sign-up' && entry.personal.length > 0 && !UNWRITTEN.has(entry.table))
        .map((entry) => [entry.table, 0]),
    );

  it('the retention job, 2 years and a day after the koppeling ended', async () => {
    const now = new Date();
    const { ids } = await familyInEveryTable(now);
    const before = await rowsAbout(ids);
    expect(
      Object.entries(before).filter(([, n]) => n === 0),
      'the fixture reaches every table',
    ).toEqual([]);
    const report = await runRetention({
      db,
      clock: () => new Date(`${addDays(addMonths(amsterdamDate(now), 24), 1)}T11:00:00Z`),
      log: createLogger('error'),
      dataDir: '/nonexistent',
    });
    expect(report.deleted.closed_koppeling).toBe(2);
    expect(report.deleted.unmatched).toBeGreaterThanOrEqual(1); // the referral, with its family
    expect(await rowsAbout(ids)).toEqual(none());
  });

  it('a deletion at the request of each family, confirmed by the national office', async () => {
    const now = new Date();
    const { ids, family, steungezin, referral } = await familyInEveryTable(now);
    expect(Object.entries(await rowsAbout(ids)).filter(([, n]) => n === 0)).toEqual([]);
    const backoffice = await createStaff(db, { role: 'backoffice' });
    const deps = { db, clock: () => now, dataDir: '/nonexistent' };
    await eraseOnRequest(deps, backoffice.context, family.id, { confirm: 'ja' });
    await eraseOnRequest(deps, backoffice.context, steungezin.id, { confirm: 'ja' });
    await eraseOnRequest(deps, backoffice.context, referral.id, { confirm: 'ja' });
    expect(await rowsAbout(ids)).toEqual(none());
  });
});

/**
 * Tables with personal data that goes with a sign-up but are not in the export, and why (the
 * export is `privacy_export` in migration 0024).
 */
const NOT_EXPORTED: Record<string, string> = {
  safety_concerns: 'the office weighs a zorg over veiligheid under the meldcode before sharing it',
  inbox_reads: "the staff's read markers, not the person's data",
  search_documents: 'a copy of the sign-up for searching',
  inbox_vog_checks: 'no code writes it any more',
};

describe("a request to see one's data (export)", () => {
  it('holds every table with personal data about the family, or says why not', async () => {
    const now = new Date();
    const { family, steungezin, referral } = await familyInEveryTable(now);
    const backoffice = await createStaff(db, { role: 'backoffice' });
    const deps = { db, clock: () => now };
    const exported = new Set<string>();
    for (const person of [family, steungezin, referral]) {
      const data = await exportOnRequest(deps, backoffice.context, person.id);
      for (const [table, rows] of Object.entries(data.tables)) if (rows.length > 0) exported.add(table);
      // The coordinator opened the family's record: the access log says when (not who).
      if (person === family) expect(data.accessLog.map((entry) => entry.action)).toContain('registration.view');
    }
    const withSignUp = [...register.values()]
      .filter((entry) => entry.term === 'with-sign-up' && entry.personal.length > 0)
      .map((entry) => entry.table);
    expect(withSignUp.filter((table) => !exported.has(table) && !(table in NOT_EXPORTED))).toEqual([]);
    expect(Object.keys(NOT_EXPORTED).filter((table) => exported.has(table))).toEqual([]);
  });

  it('holds everything about the person and nothing about anyone else (similar names, one shared address)', async () => {
    const shared = 'gezin.jansen@voorbeeld.nl';
    const coordinator = await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] });
    const annie = await createRegistration(db, 'vraaggezin', {
      contactName: 'Annie Jansen',
      contactEmail: shared,
      contactPhone: '+31611112222',
    });
    const anne = await createRegistration(db, 'vraaggezin', {
      contactName: 'Anne Janssen',
      contactEmail: shared,
      contactPhone: '+31633334444',
    });
    await createNote(db, { registration: annie, author: coordinator, body: 'Annie vroeg naar de woensdag.' });
    await createNote(db, { registration: anne, author: coordinator, body: 'Anne heeft twee tieners.' });
    const backoffice = await createStaff(db, { role: 'backoffice' });
    const data = await exportOnRequest({ db, clock: () => new Date() }, backoffice.context, annie.id);
    const text = JSON.stringify(data);
    for (const mine of ['Annie Jansen', shared, '+31611112222', 'Annie vroeg naar de woensdag.', annie.id])
      expect(text).toContain(mine);
    for (const theirs of ['Anne Janssen', '+31633334444', 'tieners', anne.id]) expect(text).not.toContain(theirs);
    expect(text).not.toMatch(/token_hash|secret_hash|password/);
  });
});
