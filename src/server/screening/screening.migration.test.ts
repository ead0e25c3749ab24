/**
 * Migration 0021 moves the inbox's VOG checklist into the screening: a database at 0020 with VOG
 * checks and an approved steungezin comes out with screening rows, VOGs valid three years from
 * receipt, and the approved one in the shortlist pool. The old table stays until a contract
 * migration (expand, then contract); running the statements again picks up what an old instance
 * wrote meanwhile and changes nothing else.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '~/server/db/db';
import { migrateDatabase } from '~/server/db/migrate';

const MIGRATIONS = path.resolve('db/migrations');
const MOVE = '0021_vog_checks_move_to_screening';

/** A copy of the migrations folder that stops before `tag`. */
function migrationsBefore(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  fs.cpSync(MIGRATIONS, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta/_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { idx: number; tag: string }[] };
  const stop = journal.entries.find((e) => e.tag === tag)!.idx;
  journal.entries = journal.entries.filter((e) => e.idx < stop);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  process.env.MIGRATIONS_DIR = undefined;
  delete process.env.MIGRATIONS_DIR;
});

describe('migration 0021: the VOG checklist moves to the screening', () => {
  it('keeps every VOG and the approval, and can run again before the inbox table goes', async () => {
    const adminUrl = inject('postgresAdminUrl');
    const name = `migrate_vog_${Date.now()}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const connection = connectDatabase(url.toString(), { max: 2 });
    const before = migrationsBefore(MOVE);
    cleanup = async () => {
      await connection.close();
      await admin.unsafe(`drop database ${name} with (force)`);
      await admin.end();
      fs.rmSync(before, { recursive: true, force: true });
    };

    process.env.MIGRATIONS_DIR = before;
    await migrateDatabase(connection);
    const { sql } = connection;
    await sql`insert into gemeenten (slug, name, province, region, status, kernen) values ('oud', 'Oud', 'P', 'R', 'active', '{Dorp}')`;
    const details = (adults: number) =>
      JSON.stringify({
        kind: 'steungezin',
        adultsInHousehold: adults,
        ownChildren: [],
        days: ['wo', 'za'],
        frequency: 'wekelijks',
        sleepovers: 'ja',
        ageGroups: ['4-12'],
        motivation: 'x',
        vogWilling: 'ja',
      });
    const [approved] = await sql<{ id: string }[]>`
      insert into registrations (kind, gemeente_slug, kern, contact_name, details, consents, status)
      values ('steungezin', 'oud', 'Dorp', 'Goedgekeurd Gezin', ${details(2)}::jsonb, '[]', 'approved') returning id`;
    const [waiting] = await sql<{ id: string }[]>`
      insert into registrations (kind, gemeente_slug, contact_name, details, consents, status)
      values ('steungezin', 'oud', 'Wachtend Gezin', ${details(1)}::jsonb, '[]', 'vog_requested') returning id`;
    await sql`insert into inbox_vog_checks (registration_id, adult_number, requested_on, received_on) values
      (${approved!.id}, 1, '2026-01-05', '2026-01-20'), (${approved!.id}, 2, '2026-01-05', '2026-02-01'),
      (${waiting!.id}, 1, '2026-03-01', null)`;

    process.env.MIGRATIONS_DIR = MIGRATIONS;
    await migrateDatabase(connection);
    const screenings = await sql<
      {
        registration_id: string;
        in_pool: boolean;
        approved: boolean;
        vogs_valid_until: string | null;
        days: string[];
      }[]
    >`select registration_id, in_pool, approved_at is not null as approved, vogs_valid_until::text, days
      from steungezin_screenings order by in_pool desc`;
    expect(screenings).toEqual([
      {
        registration_id: approved!.id,
        in_pool: true,
        approved: true,
        vogs_valid_until: '2029-01-20',
        days: ['wo', 'za'],
      },
      { registration_id: waiting!.id, in_pool: false, approved: false, vogs_valid_until: null, days: ['wo', 'za'] },
    ]);
    const vogs = await sql<{ adult_number: number; received_on: string | null; valid_until: string | null }[]>`
      select adult_number, received_on::text, valid_until::text from screening_vogs
      where registration_id = ${approved!.id} order by adult_number`;
    expect(vogs).toEqual([
      { adult_number: 1, received_on: '2026-01-20', valid_until: '2029-01-20' },
      { adult_number: 2, received_on: '2026-02-01', valid_until: '2029-02-01' },
    ]);
    // During a rolling upgrade an instance of the previous release adds a VOG for the waiting family.
    await sql`insert into inbox_vog_checks (registration_id, adult_number, requested_on) values (${waiting!.id}, 2, '2026-03-02')`;
    await sql.unsafe(fs.readFileSync(path.join(MIGRATIONS, `${MOVE}.sql`), 'utf8'));
    const all = await sql<{ registration_id: string; adult_number: number }[]>`
      select registration_id, adult_number from screening_vogs order by registration_id, adult_number`;
    expect(all).toHaveLength(4);
    expect(all).toContainEqual({ registration_id: waiting!.id, adult_number: 2 });
    expect(await sql`select registration_id from steungezin_screenings`).toHaveLength(2);
  });
});
