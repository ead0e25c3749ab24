/**
 * Issue 19, "the gemeente report includes them" (decision 033): what an import brings in is in the
 * gemeente's progress report with the dates from the lists, the same file twice adds nothing, a
 * changed row corrects its facts and an undo takes them back. Compares the report's figures.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffContext } from '~/server/access/permissions';
import type { Database } from '~/server/db/db';
import { createKoppelingenRepository } from '~/server/koppelingen/koppelingen.repository';
import { createRapportageRepository } from '~/server/rapportage/rapportage.repository';
import { getReport, type Report } from '~/server/rapportage/rapportage.usecases';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { createTestDatabase } from '~tests/support/database';
import { createStaff } from '~tests/support/factories';
import { cancelImport, getImport, saveImportMapping, undoImport, uploadImport, writeImport } from './import.usecases';

let db: Database;
const now = new Date('2026-11-23T10:00:00Z');
const deps = () => ({ db, clock: () => now });
let coordinator: StaffContext;

const sample = (name: string) =>
  new File([readFileSync(new URL(`../../../docs/import/${name}`, import.meta.url))], name);
const csvFile = (text: string) => new File([new TextEncoder().encode(text)], 'lijst.csv');

const year2025 = () => getReport(deps(), coordinator, 'beekdaelen', { soort: 'jaar', jaar: '2025' });
/** A figure of the report: table key, row key, column (0 = this period, 1 = the period before). */
function figure(report: Report, table: string, row: string, column = 0) {
  const found = report.sections.flatMap((section) => section.tables).find((candidate) => candidate.key === table);
  return found?.rows.find((candidate) => candidate.key === row)?.cells[column]?.value ?? 0;
}
/** Every fact of Beekdaelen, in a fixed order (facts of one day have none of their own). */
const ledger = async () =>
  (await createRapportageRepository({ db }).factsBetween(['beekdaelen'], '2020-01-01', '2026-12-31')).sort((a, b) =>
    JSON.stringify(a).localeCompare(JSON.stringify(b)),
  );

async function importFile(kind: 'vraaggezinnen' | 'steungezinnen' | 'koppelingen', file: File, skip: string[] = []) {
  const id = await uploadImport(deps(), coordinator, { gemeenteSlug: 'beekdaelen', kind, file });
  let { preview, headers, mapping } = await getImport(deps(), coordinator, id);
  if (headers.includes('Dorp/wijk')) {
    await saveImportMapping(deps(), coordinator, id, (index) =>
      headers[index] === 'Dorp/wijk' ? 'kern' : (mapping[headers[index]!] ?? ''),
    );
    ({ preview } = await getImport(deps(), coordinator, id));
  }
  const lines = preview!.rows.filter((row) => skip.includes(row.label)).map((row) => row.line);
  return { id, written: await writeImport(deps(), coordinator, id, lines) };
}

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  coordinator = (await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] })).context;
});

describe('imported history in the gemeente report', () => {
  it('counts sign-ups, koppelingen and an afronding on the dates in the lists, and takes them back with an undo', async () => {
    const empty = await year2025();
    expect(figure(empty, 'per-soort', 'total')).toBe(0);
    expect(figure(empty, 'stand', 'started')).toBe(0);

    await importFile('vraaggezinnen', sample('vraaggezinnen.xlsx'), ['Daphne Ploumen']);
    await importFile('steungezinnen', sample('steungezinnen.xlsx'));
    const koppelingen = await importFile('koppelingen', sample('koppelingen.xlsx'));
    expect(koppelingen.written).toEqual({ created: 4, updated: 0, skipped: 0 });

    const report = await year2025();
    // Four vraaggezinnen signed up in 2025; of the steungezinnen three in 2025 and one in December 2024.
    expect(figure(report, 'per-soort', 'vraaggezin')).toBe(4);
    expect(figure(report, 'per-soort', 'steungezin')).toBe(3);
    expect(figure(report, 'per-soort', 'steungezin', 1)).toBe(1);
    // A list does not say who brought the family: "Onbekend", never "Zelf aangemeld".
    expect(figure(report, 'per-bron', 'self')).toBe(0);
    expect(figure(report, 'per-bron', 'unknown')).toBe(4);
    // Four koppelingen started in 2025, Bianca Coenen's ended on 31 October (moved): three running at the end.
    expect(figure(report, 'stand', 'proposed')).toBe(4);
    expect(figure(report, 'stand', 'started')).toBe(4);
    expect(figure(report, 'stand', 'ended')).toBe(1);
    expect(figure(report, 'stand', 'active')).toBe(3);
    expect(figure(report, 'einde', 'moved')).toBe(1);
    // Waiting days from the sign-up to the start: 35, 28, 62 and 21.
    expect(figure(report, 'wachttijd', 'median')).toBe(31.5);
    // The quarter of the afronding has it; the quarter before does not.
    const q4 = await getReport(deps(), coordinator, 'beekdaelen', { soort: 'kwartaal', jaar: '2025', deel: '4' });
    expect([figure(q4, 'stand', 'ended'), figure(q4, 'stand', 'ended', 1)]).toEqual([1, 0]);

    // The afronding itself: the reason from the list, what it does not say "onbekend"; the family's file closed.
    const bianca = (await createRegistrationsRepository({ db }).listContactsOfKind('beekdaelen', 'vraaggezin')).find(
      (family) => family.contactName === 'Bianca Coenen',
    )!;
    const [ended] = await createKoppelingenRepository({ db }).ofRegistration(bianca.id);
    expect(ended).toMatchObject({ phase: 'closed', endedOn: '2025-10-31', nextDueOn: null });
    expect(await createKoppelingenRepository({ db }).closure(ended!.id)).toMatchObject({
      reason: 'moved',
      youthCareFinal: 'unknown',
      effects: expect.objectContaining({ carefree: 'unknown' }),
    });
    expect((await createRegistrationsRepository({ db }).getById(bianca.id))!.status).toBe('closed');

    // The same file again adds no fact.
    const before = await ledger();
    expect(before.length).toBeGreaterThan(0);
    const again = await uploadImport(deps(), coordinator, {
      gemeenteSlug: 'beekdaelen',
      kind: 'koppelingen',
      file: sample('koppelingen.xlsx'),
    });
    expect((await getImport(deps(), coordinator, again)).preview!.totals.unchanged).toBe(4);
    await cancelImport(deps(), coordinator, again);
    expect(await ledger()).toEqual(before);

    // A changed koppeling row updates the koppeling and corrects its facts: Yasmina El Idrissi's
    // koppeling ended on 1 December 2025, goal reached. Undone, it runs again as before.
    const yasmina = (await createRegistrationsRepository({ db }).listContactsOfKind('beekdaelen', 'vraaggezin')).find(
      (family) => family.contactName === 'Yasmina El Idrissi',
    )!;
    const [running] = await createKoppelingenRepository({ db }).ofRegistration(yasmina.id);
    const endedRow = await importFile(
      'koppelingen',
      csvFile(
        'Vraaggezin;Steungezin;Startdatum;Einddatum;Reden einde\nYasmina El Idrissi;Familie Schoonbrood;14-04-2025;01-12-2025;Doel bereikt\n',
      ),
    );
    expect(endedRow.written).toEqual({ created: 0, updated: 1, skipped: 0 });
    expect(await createKoppelingenRepository({ db }).find(running!.id)).toMatchObject({
      phase: 'closed',
      endedOn: '2025-12-01',
      nextDueOn: null,
    });
    expect((await createKoppelingenRepository({ db }).closure(running!.id))!.reason).toBe('goal_reached');
    const statusOf = async (id: string) => (await createRegistrationsRepository({ db }).getById(id))!.status;
    const schoonbrood = running!.steungezinId;
    expect([await statusOf(yasmina.id), await statusOf(schoonbrood)]).toEqual(['closed', 'approved']);
    const afterEnd = await year2025();
    expect(figure(afterEnd, 'stand', 'started')).toBe(4);
    expect(figure(afterEnd, 'stand', 'ended')).toBe(2);
    expect(figure(afterEnd, 'stand', 'active')).toBe(2);
    expect(figure(afterEnd, 'einde', 'goal_reached')).toBe(1);
    await undoImport(deps(), coordinator, endedRow.id);
    expect(await createKoppelingenRepository({ db }).find(running!.id)).toMatchObject({
      phase: 'active',
      endedOn: null,
      nextDueOn: running!.nextDueOn,
    });
    expect(await createKoppelingenRepository({ db }).closure(running!.id)).toBeUndefined();
    expect([await statusOf(yasmina.id), await statusOf(schoonbrood)]).toEqual(['matched', 'matched']);
    expect(await ledger()).toEqual(before);

    // Once a koppeling was changed on its own page, a list no longer changes it.
    await createKoppelingenRepository({ db }).insertHistory({
      koppelingId: running!.id,
      staffId: coordinator.staff.id,
      at: now,
      change: 'signed',
      fromPhase: 'active',
      toPhase: 'active',
      detail: { party: 'vraaggezin', method: 'paper' },
    });
    const locked = await uploadImport(deps(), coordinator, {
      gemeenteSlug: 'beekdaelen',
      kind: 'koppelingen',
      file: csvFile(
        'Vraaggezin;Steungezin;Startdatum;Einddatum\nYasmina El Idrissi;Familie Schoonbrood;14-04-2025;01-12-2025\n',
      ),
    });
    const [lockedRow] = (await getImport(deps(), coordinator, locked)).preview!.rows;
    expect(lockedRow).toMatchObject({ action: 'error' });
    expect(lockedRow!.problems.at(-1)!.text).toMatch(
      /^Deze koppeling is na de import op haar eigen pagina bijgewerkt\./,
    );
    await cancelImport(deps(), coordinator, locked);

    // A changed row corrects its fact: Sanne Moonen signed up in January, in Schinveld.
    const changed = await importFile(
      'vraaggezinnen',
      csvFile('Naam;Dorp/wijk;Aanmelddatum\nSanne Moonen;Schinveld;15-01-2025\n'),
    );
    expect(changed.written).toMatchObject({ created: 0, updated: 1 });
    const corrected = await ledger();
    expect(corrected).toHaveLength(before.length);
    const signUps = (facts: typeof before) =>
      facts
        .filter((fact) => fact.fact === 'registration' && fact.kind === 'vraaggezin')
        .map((fact) => `${fact.occurredOn} ${fact.kern}`);
    expect(signUps(corrected)).toContain('2025-01-15 Schinveld');
    expect(signUps(corrected)).not.toContain('2025-02-03 Nuth');
    expect(figure(await year2025(), 'per-soort', 'vraaggezin')).toBe(4);

    // Undo the change: the earlier fact is back, exactly.
    await undoImport(deps(), coordinator, changed.id);
    expect(signUps(await ledger()).sort()).toEqual(signUps(before).sort());
    expect((await ledger()).length).toBe(before.length);

    // Undo the koppelingen: their facts go with them; the sign-ups stay.
    await undoImport(deps(), coordinator, koppelingen.id);
    const undone = await year2025();
    expect(figure(undone, 'stand', 'proposed')).toBe(0);
    expect(figure(undone, 'stand', 'started')).toBe(0);
    expect(figure(undone, 'stand', 'ended')).toBe(0);
    expect(figure(undone, 'per-soort', 'vraaggezin')).toBe(4);
  });
});
