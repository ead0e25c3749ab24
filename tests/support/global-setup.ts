/**
 * One embedded PostgreSQL for the whole vitest run, in a temporary folder. A template database
 * is migrated (and given the gemeenten) once; every test file clones its own database from it
 * (`createTestDatabase`), which takes milliseconds and keeps tests isolated.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { connectDatabase } from '~/server/db/db';
import { startEmbeddedPostgres } from '~/server/db/embedded-postgres';
import { migrateDatabase } from '~/server/db/migrate';
import { loadGemeenteCatalog } from '~/server/gemeenten/gemeenten.catalog';
import { syncGemeenten } from '~/server/gemeenten/gemeenten.usecases';

export const TEMPLATE_DATABASE = 'portal_template';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'buurtgezinnen-test-'));
  await fs.chmod(root, 0o755); // the embedded cluster may run as the 'postgres' user
  const pg = await startEmbeddedPostgres({ databaseDir: path.join(root, 'pg') });

  const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${TEMPLATE_DATABASE}`);
  await admin.end();
  const templateUrl = new URL(pg.url);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  const template = connectDatabase(templateUrl.toString(), { max: 2 });
  await migrateDatabase(template);
  await syncGemeenten({ db: template.db, catalog: loadGemeenteCatalog() });
  await template.close();

  project.provide('postgresAdminUrl', pg.url);
  project.provide('templateDatabase', TEMPLATE_DATABASE);

  return async () => {
    await pg.stop();
    await fs.rm(root, { recursive: true, force: true });
  };
}
