import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffContext } from '~/server/access/permissions';
import type { Database } from '~/server/db/db';
import { isAppError } from '~/server/errors/errors';
import { createInboxRepository } from '~/server/inbox/inbox.repository';
import { createKoppelingenRepository } from '~/server/koppelingen/koppelingen.repository';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { createScreeningRepository } from '~/server/screening/screening.repository';
import { createTestDatabase } from '~tests/support/database';
import { createRegistration, createStaff } from '~tests/support/factories';
import { createImportRepository } from './import.repository';
import {
  cancelImport,
  getImport,
  importOverview,
  saveImportMapping,
  undoImport,
  uploadImport,
  writeImport,
} from './import.usecases';

let db: Database;
let now = new Date('2026-11-23T10:00:00Z');
const deps = () => ({ db, clock: () => now });
let coordinator: StaffContext;
let elsewhere: StaffContext;
let regional: StaffContext;

const sample = (name: string) => {
  const bytes = readFileSync(new URL(`../../../docs/import/${name}`, import.meta.url));
  return new File([bytes], name);
};
const csvFile = (text: string, name = 'lijst.csv') => new File([new TextEncoder().encode(text)], name);

async function failure(promise: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { status: error.status, code: error.code, message: error.userMessage };
    throw error;
  }
  throw new Error('expected an error');
}

const families = (kind: 'vraaggezin' | 'steungezin') =>
  createRegistrationsRepository({ db }).listContactsOfKind('beekdaelen', kind);

/** Upload and map "Dorp/wijk" to Kern (the one column the sample's headers do not say). */
async function importVraaggezinnen() {
  const id = await uploadImport(deps(), coordinator, {
    gemeenteSlug: 'beekdaelen',
    kind: 'vraaggezinnen',
    file: sample('vraaggezinnen.xlsx'),
  });
  const { headers } = await getImport(deps(), coordinator, id);
  const kernColumn = headers.indexOf('Dorp/wijk');
  const before = await getImport(deps(), coordinator, id);
  await saveImportMapping(deps(), coordinator, id, (index) =>
    index === kernColumn ? 'kern' : (before.mapping[headers[index]!] ?? ''),
  );
  return { id, preview: (await getImport(deps(), coordinator, id)).preview! };
}

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  coordinator = (await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] })).context;
  elsewhere = (await createStaff(db, { role: 'coordinator', gemeenten: ['haarlem'] })).context;
  regional = (await createStaff(db, { role: 'regional', regions: ['Zuid-Limburg'] })).context;
});

describe('import of the sample files', () => {
  it('guesses the columns from Dutch headers, shows every problem in Dutch, and remembers a changed column', async () => {
    const id = await uploadImport(deps(), coordinator, {
      gemeenteSlug: 'beekdaelen',
      kind: 'vraaggezinnen',
      file: sample('vraaggezinnen.xlsx'),
    });
    const first = await getImport(deps(), coordinator, id);
    expect(first.mapping).toMatchObject({
      Naam: 'name',
      Telefoon: 'phone',
      'E-mail': 'email',
      Aanmelddatum: 'signedUpOn',
      'Dorp/wijk': '',
      Opmerkingen: '',
    });
    await cancelImport(deps(), coordinator, id);

    const { preview } = await importVraaggezinnen();
    expect(preview.totals).toEqual({ create: 5, update: 0, unchanged: 0, error: 2 });
    const problems = preview.rows.flatMap((row) => row.problems.map((problem) => `${row.line}: ${problem.text}`));
    expect(problems).toEqual([
      '6: "31-02-2025" in kolom "Aanmelddatum" is geen datum. Schrijf een datum als 14-03-2025.',
      expect.stringMatching(/^9: De kern "Sittard" kennen we niet in Beekdaelen\. Kies uit: Amstenrade, /),
    ]);
    // The next file of this gemeente gets the chosen column at once.
    const next = await uploadImport(deps(), coordinator, {
      gemeenteSlug: 'beekdaelen',
      kind: 'vraaggezinnen',
      file: sample('vraaggezinnen.xlsx'),
    });
    expect((await getImport(deps(), coordinator, next)).mapping['Dorp/wijk']).toBe('kern');
    await cancelImport(deps(), coordinator, next);
    const staged = await createImportRepository({ db }).listRecent(['beekdaelen']);
    await Promise.all(
      staged.filter((row) => row.status === 'staged').map((row) => cancelImport(deps(), coordinator, row.id)),
    );
  });

  it('writes families, steungezinnen and koppelingen in their domains, marked as imported, with the next evaluation', async () => {
    const { id, preview } = await importVraaggezinnen();
    const skipped = preview.rows.find((row) => row.label === 'Daphne Ploumen')!.line;
    const written = await writeImport(deps(), coordinator, id, [skipped]);
    expect(written).toEqual({ created: 4, updated: 0, skipped: 3 });
    const vraaggezinnen = await families('vraaggezin');
    expect(vraaggezinnen.map((family) => family.contactName).sort()).toEqual([
      'Bianca Coenen',
      'Petra Lenssen',
      'Sanne Moonen',
      'Yasmina El Idrissi',
    ]);
    const sanne = vraaggezinnen.find((family) => family.contactName === 'Sanne Moonen')!;
    const record = (await createRegistrationsRepository({ db }).getById(sanne.id))!;
    expect(record).toMatchObject({ kern: 'Nuth', contactPhone: '+31623456781', status: 'contacted', source: null });
    expect(record.consents[0]!.text).toContain('lijst van de coördinator');
    expect(record.createdAt.toISOString().slice(0, 10)).toBe('2025-02-03');
    expect((await createInboxRepository({ db }).listHistory(sanne.id)).map((entry) => entry.change)).toEqual([
      'import',
    ]);
    // The stored cells are gone once written.
    expect((await createImportRepository({ db }).find(id))!.cells).toBeNull();

    const steun = await uploadImport(deps(), coordinator, {
      gemeenteSlug: 'beekdaelen',
      kind: 'steungezinnen',
      file: sample('steungezinnen.xlsx'),
    });
    expect(await writeImport(deps(), coordinator, steun, [])).toEqual({ created: 4, updated: 0, skipped: 0 });
    const wetzels = (await families('steungezin')).find((family) => family.contactName === 'Familie Wetzels')!;
    expect(wetzels.status).toBe('approved');
    // The shortlist's read model, as refreshScreeningState keeps it one by one.
    expect(await createScreeningRepository({ db }).find(wetzels.id)).toMatchObject({
      inPool: true,
      vogsValidUntil: '2028-01-20',
      waitingSince: '2026-11-23',
    });
    const heijnen = (await families('steungezin')).find((family) => family.contactName === 'Familie Heijnen')!;
    expect(heijnen.status).toBe('contacted');
    expect(await createScreeningRepository({ db }).find(heijnen.id)).toMatchObject({
      inPool: false,
      vogsValidUntil: null,
      waitingSince: null,
    });

    const koppelingen = await uploadImport(deps(), coordinator, {
      gemeenteSlug: 'beekdaelen',
      kind: 'koppelingen',
      file: sample('koppelingen.xlsx'),
    });
    expect((await getImport(deps(), coordinator, koppelingen)).preview!.totals.create).toBe(4);
    expect(await writeImport(deps(), coordinator, koppelingen, [])).toEqual({ created: 4, updated: 0, skipped: 0 });
    const [koppeling] = await createKoppelingenRepository({ db }).ofRegistration(sanne.id);
    // Started 10 March 2025, last evaluation 12 May 2025: the next one six months after that.
    expect(koppeling).toMatchObject({
      phase: 'active',
      startDate: '2025-03-10',
      nextDueOn: '2025-11-12',
      nextDueKind: 'evaluation',
    });
    // The evaluation itself is on the koppeling (its day; no scores, the list has none), so a later
    // change on the koppeling's page counts the next one from it too.
    expect(await createKoppelingenRepository({ db }).evaluations(koppeling!.id)).toEqual([
      expect.objectContaining({
        sequence: 1,
        dueOn: '2025-05-10',
        heldOn: '2025-05-12',
        childrenScore: null,
        decision: 'continue',
      }),
    ]);
    expect((await createRegistrationsRepository({ db }).getById(sanne.id))!.status).toBe('matched');
    expect((await createKoppelingenRepository({ db }).history(koppeling!.id)).map((entry) => entry.change)).toEqual([
      'imported',
    ]);

    // A link never outlives its record: when the sign-up is deleted (retention, a request of the
    // person), its import link and its koppeling's go with it (migration 0028; the row key is a name).
    // Checked inside a transaction that is rolled back, so the next tests keep the imported data.
    const rolledBack = new Error('roll back');
    await db
      .transaction(async (tx) => {
        const linked = async () =>
          [
            ...(await createImportRepository({ db: tx }).recordsOf(id)),
            ...(await createImportRepository({ db: tx }).recordsOf(koppelingen)),
          ].map((link) => link.recordId);
        expect(await linked()).toEqual(expect.arrayContaining([sanne.id, koppeling!.id]));
        await createRegistrationsRepository({ db: tx }).removeMany([sanne.id]);
        const left = await linked();
        expect(left).not.toContain(sanne.id);
        expect(left).not.toContain(koppeling!.id);
        expect(left.length).toBeGreaterThan(0);
        throw rolledBack;
      })
      .catch((error: unknown) => {
        if (error !== rolledBack) throw error;
      });
  });

  it('is idempotent: the same file again creates nothing; a changed row updates; undo takes it all back', async () => {
    const again = await uploadImport(deps(), coordinator, {
      gemeenteSlug: 'beekdaelen',
      kind: 'steungezinnen',
      file: sample('steungezinnen.xlsx'),
    });
    expect((await getImport(deps(), coordinator, again)).preview!.totals).toEqual({
      create: 0,
      update: 0,
      unchanged: 4,
      error: 0,
    });
    expect((await failure(writeImport(deps(), coordinator, again, []))).code).toBe('import.nothing_to_write');
    await cancelImport(deps(), coordinator, again);
    const koppelingenAgain = await uploadImport(deps(), coordinator, {
      gemeenteSlug: 'beekdaelen',
      kind: 'koppelingen',
      file: sample('koppelingen.xlsx'),
    });
    expect((await getImport(deps(), coordinator, koppelingenAgain)).preview!.totals.unchanged).toBe(4);
    await cancelImport(deps(), coordinator, koppelingenAgain);

    const before = (await families('vraaggezin')).length;
    const changed = await uploadImport(deps(), coordinator, {
      gemeenteSlug: 'beekdaelen',
      kind: 'vraaggezinnen',
      file: csvFile(
        'Naam;Dorp/wijk;Telefoon\nSanne Moonen;Schinveld;06-23456781\nYasmina El Idrissi;Schinnen;06 3456 7812\nNoor Ramakers;Nuth;06-11112222\n',
      ),
    });
    const preview = (await getImport(deps(), coordinator, changed)).preview!;
    expect(preview.rows.map((row) => `${row.label}: ${row.action}`)).toEqual([
      'Sanne Moonen: update',
      'Yasmina El Idrissi: update',
      'Noor Ramakers: create',
    ]);
    expect(await writeImport(deps(), coordinator, changed, [])).toMatchObject({ created: 1, updated: 2 });
    const sanne = (await families('vraaggezin')).find((family) => family.contactName === 'Sanne Moonen')!;
    // The file has no e-mail column: her address stays.
    expect(await createRegistrationsRepository({ db }).getById(sanne.id)).toMatchObject({
      kern: 'Schinveld',
      contactEmail: 'sanne.moonen@voorbeeld.nl',
    });
    expect(await families('vraaggezin')).toHaveLength(before + 1);

    // Undo the last one: Noor goes, Sanne lives in Nuth again.
    await undoImport(deps(), coordinator, changed);
    expect(await families('vraaggezin')).toHaveLength(before);
    expect(await createRegistrationsRepository({ db }).getById(sanne.id)).toMatchObject({
      kern: 'Nuth',
      contactEmail: 'sanne.moonen@voorbeeld.nl',
    });
    expect((await getImport(deps(), coordinator, changed)).status).toBe('undone');

    // The koppelingen import undone: koppelingen gone, families back to their status, steungezin back in the pool.
    const [koppelingenImport] = (await importOverview(deps(), coordinator)).recent.filter(
      (row) => row.kind === 'koppelingen' && row.status === 'imported',
    );
    await undoImport(deps(), coordinator, koppelingenImport!.id);
    expect(await createKoppelingenRepository({ db }).ofRegistration(sanne.id)).toEqual([]);
    expect((await createRegistrationsRepository({ db }).getById(sanne.id))!.status).toBe('contacted');
    const wetzels = (await families('steungezin')).find((family) => family.contactName === 'Familie Wetzels')!;
    expect(wetzels.status).toBe('approved');

    // The steungezinnen import is older than 14 days by now: too late.
    const [steunImport] = (await importOverview(deps(), coordinator)).recent.filter(
      (row) => row.kind === 'steungezinnen' && row.status === 'imported',
    );
    now = new Date(now.getTime() + 15 * 86_400_000);
    expect((await failure(undoImport(deps(), coordinator, steunImport!.id))).code).toBe('import.undo_too_late');
    now = new Date(now.getTime() - 15 * 86_400_000);
  });
});

describe('bad input and access', () => {
  it('gives a clear 4xx and writes nothing for hostile files', async () => {
    const countBefore = (await createImportRepository({ db }).listRecent(null)).length;
    const upload = (file: File) =>
      uploadImport(deps(), coordinator, { gemeenteSlug: 'beekdaelen', kind: 'vraaggezinnen', file });
    const binary = new File([new Uint8Array(2048).map((_, index) => (index * 31) % 256)], 'lijst.xlsx');
    expect(await failure(upload(binary))).toMatchObject({ status: 400, code: 'import.unreadable' });
    expect(await failure(upload(csvFile(`Naam;Kern\n${'Sanne;Nuth\n'.repeat(20_001)}`)))).toMatchObject({
      status: 400,
      code: 'import.too_many_rows',
    });
    expect((await createImportRepository({ db }).listRecent(null)).length).toBe(countBefore);

    // Formula injection and mixed dates: shown as problems, those rows are never written.
    const id = await upload(
      csvFile(
        'Naam;Kern;Aanmelddatum;Telefoon\n"=HYPERLINK(""http://x"";""klik"")";Nuth;1-2-2025;\nLotte Kleikers;Nuth;45658;\nMaria Custers;Nuth;2025-13-01;\nAnna Frissen;Nuth;3 maart 2025;+32 470 12 34 56\n',
      ),
    );
    const preview = (await getImport(deps(), coordinator, id)).preview!;
    expect(
      preview.rows.map((row) => [row.line, row.action, row.problems.map((problem) => problem.text.slice(0, 40))]),
    ).toEqual([
      [2, 'error', ['In kolom "Naam" staat iets dat op een fo']],
      [3, 'create', []],
      [4, 'error', ['"2025-13-01" in kolom "Aanmelddatum" is ']],
      [5, 'error', ['"+32 470 12 34 56" is geen Nederlands te']],
    ]);
    expect(preview.rows[1]!.values.signedUpOn).toBe('2025-01-01');
    await writeImport(deps(), coordinator, id, []);
    expect((await families('vraaggezin')).some((family) => family.contactName.startsWith('='))).toBe(false);
  });

  it('flags a likely duplicate with its reason, and a koppeling naming a family nobody knows', async () => {
    await createRegistration(db, 'vraaggezin', { contactName: 'Kim Vossen', contactPhone: '+31699990000' });
    const id = await uploadImport(deps(), coordinator, {
      gemeenteSlug: 'beekdaelen',
      kind: 'vraaggezinnen',
      file: csvFile('Naam;Telefoon\nK. Vossen;06-99990000\n'),
    });
    const [row] = (await getImport(deps(), coordinator, id)).preview!.rows;
    expect(row).toMatchObject({ action: 'create', problems: [{ blocking: false }] });
    expect(row!.problems[0]!.text).toMatch(/^Lijkt op Kim Vossen \(in het portaal sinds .*\): zelfde telefoonnummer\./);
    await cancelImport(deps(), coordinator, id);

    const koppeling = await uploadImport(deps(), coordinator, {
      gemeenteSlug: 'beekdaelen',
      kind: 'koppelingen',
      file: csvFile('Vraaggezin;Steungezin;Startdatum\nOnbekende Familie;Familie Wetzels;1-3-2025\n'),
    });
    expect((await getImport(deps(), coordinator, koppeling)).preview!.rows[0]!.problems[0]!.text).toBe(
      'Het vraaggezin "Onbekende Familie" staat niet in het portaal. Importeer eerst de vraaggezinnen, of kijk of de naam hetzelfde geschreven is.',
    );
    await cancelImport(deps(), coordinator, koppeling);
  });

  it('keeps imports to the gemeenten within reach, and regional coordinators out', async () => {
    const file = sample('vraaggezinnen.xlsx');
    expect(
      (await failure(uploadImport(deps(), elsewhere, { gemeenteSlug: 'beekdaelen', kind: 'vraaggezinnen', file })))
        .status,
    ).toBe(404);
    expect(
      (await failure(uploadImport(deps(), regional, { gemeenteSlug: 'beekdaelen', kind: 'vraaggezinnen', file })))
        .status,
    ).toBe(403);
    const id = await uploadImport(deps(), coordinator, { gemeenteSlug: 'beekdaelen', kind: 'vraaggezinnen', file });
    expect((await failure(getImport(deps(), elsewhere, id))).status).toBe(404);
    expect((await importOverview(deps(), elsewhere)).recent).toEqual([]);
    await cancelImport(deps(), coordinator, id);
  });
});
