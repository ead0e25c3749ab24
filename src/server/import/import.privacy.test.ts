/**
 * An import's own row and privacy (decision 033): the file's name is never kept (it may name a
 * family), and the retention job's housekeeping deletes import rows past their term
 * (docs/privacy/register.md, `import`).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffContext } from '~/server/access/permissions';
import type { Database } from '~/server/db/db';
import { createLogger } from '~/server/logger';
import { runRetention } from '~/server/privacy/privacy.retention';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { createTestDatabase } from '~tests/support/database';
import { createStaff } from '~tests/support/factories';
import { createImportRepository } from './import.repository';
import { importOverview, undoImport, uploadImport, writeImport } from './import.usecases';

let db: Database;
let dataDir: string;
const start = new Date('2026-11-02T10:00:00Z');
let now = start;
const deps = () => ({ db, clock: () => now });
let coordinator: StaffContext;
const csvFile = (text: string, name: string) => new File([new TextEncoder().encode(text)], name);
const upload = (name: string, text = 'Naam;Kern\nFamilie Jansen;Nuth\n') =>
  uploadImport(deps(), coordinator, { gemeenteSlug: 'beekdaelen', kind: 'vraaggezinnen', file: csvFile(text, name) });
const retention = () => runRetention({ db, clock: () => now, log: createLogger('error'), dataDir }, { dryRun: false });
const importIds = async () => (await createImportRepository({ db }).listRecent(null)).map((row) => row.id).sort();

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'import-privacy-'));
  coordinator = (await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] })).context;
});

describe('an import row and privacy', () => {
  it('keeps the kind of file, never its name', async () => {
    const id = await upload('gezin Jansen.csv');
    const [row] = (await importOverview(deps(), coordinator)).recent;
    expect(row).toMatchObject({ id, fileName: 'CSV-bestand (.csv)' });
    expect(JSON.stringify(await createImportRepository({ db }).find(id))).not.toContain('Jansen.csv');
  });

  it('is deleted by the retention job when its term is over: unfinished, undone, or all its records gone', async () => {
    const unfinished = (await importIds())[0]!;
    const undone = await upload('a.csv', 'Naam;Kern\nFamilie Bos;Nuth\n');
    await writeImport(deps(), coordinator, undone, []);
    await undoImport(deps(), coordinator, undone);
    const kept = await upload('b.csv', 'Naam;Kern\nFamilie Smeets;Nuth\n');
    await writeImport(deps(), coordinator, kept, []);
    const emptied = await upload('c.csv', 'Naam;Kern\nFamilie Ploum;Nuth\n');
    await writeImport(deps(), coordinator, emptied, []);
    // The family the last one brought in is deleted (a request, or its own retention term).
    const [link] = await createImportRepository({ db }).recordsOf(emptied);
    await createRegistrationsRepository({ db }).removeMany([link!.recordId]);

    // Within the terms everything stays (the unfinished upload too: only 4 hours).
    now = new Date(start.getTime() + 3 * 3_600_000);
    await retention();
    expect(await importIds()).toEqual([unfinished, undone, kept, emptied].sort());
    // 15 days later: the unfinished upload, the undone import and the emptied one are gone.
    now = new Date(start.getTime() + 15 * 86_400_000);
    await retention();
    expect(await importIds()).toEqual([kept]);
    now = start;
  });
});
