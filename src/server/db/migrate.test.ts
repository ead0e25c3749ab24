import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { connectDatabase } from './db';
import { migrateDatabase } from './migrate';

describe('migrations', () => {
  it('bring an empty database to the expected schema, and are safe to run twice', async () => {
    const adminUrl = inject('postgresAdminUrl');
    const name = `migrate_${Date.now()}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const connection = connectDatabase(url.toString(), { max: 2 });
    try {
      await migrateDatabase(connection);
      await migrateDatabase(connection); // a restart applies nothing twice
      const tables = await connection.sql<{ table_name: string }[]>`
        select table_name from information_schema.tables where table_schema = 'public' order by table_name`;
      expect(tables.map((t) => t.table_name)).toEqual(
        expect.arrayContaining(['app_meta', 'gemeenten', 'staff_gemeenten', 'staff_users']),
      );
      const extensions = await connection.sql<{ extname: string }[]>`select extname from pg_extension`;
      expect(extensions.map((e) => e.extname)).toEqual(expect.arrayContaining(['unaccent', 'pg_trgm']));
      const timestamps = await connection.sql<{ data_type: string }[]>`
        select distinct data_type from information_schema.columns
        where table_schema = 'public' and column_name in ('created_at', 'updated_at')`;
      expect(timestamps.map((t) => t.data_type)).toEqual(['timestamp with time zone']);
      // Dutch full-text search works in this cluster.
      const [row] = await connection.sql<
        { v: string }[]
      >`select to_tsvector('dutch', unaccent('steungezinnen gezocht'))::text as v`;
      expect(row!.v).toContain('steungezin');
    } finally {
      await connection.close();
      await admin.unsafe(`drop database ${name} with (force)`);
      await admin.end();
    }
  });
});
