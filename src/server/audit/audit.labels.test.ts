import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditSentence } from './audit.labels';

/** Permission checks look the same in code (`action: 'record.read'`) but are never written to the log. */
const PERMISSIONS = new Set([
  'record.read',
  'record.help',
  'record.write',
  'staff.manage',
  'audit.read',
  'email.manage',
  'privacy.erase',
]);

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Every audit action the server writes: literal codes, and the change codes of the domains that write `<domain>.${change}`. */
async function writtenCodes(): Promise<string[]> {
  const codes = new Set<string>();
  for (const file of await sourceFiles('src/server')) {
    const source = await fs.readFile(file, 'utf8');
    for (const m of source.matchAll(/action: '([a-z]+\.[a-z_]+)'/g)) if (!PERMISSIONS.has(m[1]!)) codes.add(m[1]!);
    for (const [prefix, folder] of [
      ['registration', 'src/server/inbox/inbox.usecases.ts'],
      ['koppeling', 'src/server/koppelingen'],
      ['screening', 'src/server/screening'],
    ] as const)
      if (file.startsWith(folder) && !file.endsWith('.demo.ts'))
        for (const m of source.matchAll(/change: '([a-z_]+)'/g)) codes.add(`${prefix}.${m[1]}`);
  }
  return [...codes].sort();
}

describe('audit log sentences', () => {
  it('has a Dutch sentence for every action code the portal writes, never the code itself', async () => {
    const codes = await writtenCodes();
    expect(codes).toContain('appointment.plan');
    expect(codes).toContain('koppeling.started');
    const names = { staff: () => 'Maud Hendriks', registration: () => 'Sanne Bessems (vraaggezin)' };
    const unknown = codes.filter((code) => auditSentence(code, {}, names).includes('nog niet in woorden'));
    expect(unknown).toEqual([]);
  });

  it('says when and by whom a kennismaking is planned', () => {
    const names = { staff: () => 'Maud Hendriks', registration: () => '' };
    expect(auditSentence('appointment.plan', { onDate: '2026-12-03', startTime: '19:30', staffId: 'x' }, names)).toBe(
      'Plande een kennismaking op 3 dec 2026 om 19:30 (gaat: Maud Hendriks)',
    );
    expect(auditSentence('koppeling.started', { startDate: '2026-12-01' }, names)).toBe(
      'Koppeling gestart op 2026-12-01',
    );
  });

  it('names both people of a second look on a profile (issue 12)', () => {
    const names = { staff: () => 'Ilse Jacobs', registration: () => '' };
    const detail = {
      kind: 'personal-name',
      match: 'Sanne',
      reason: 'Sanne is de naam van het paard.',
      proposedBy: 'Maud Hendriks',
      approvedBy: 'Ilse Jacobs',
    };
    expect(auditSentence('profile.flag_override', detail, names)).toBe(
      'Keurde als tweede goed dat “Sanne” blijft staan, gevraagd door Maud Hendriks: “Sanne is de naam van het paard.”',
    );
    expect(auditSentence('profile.review_request', { flags: [detail, detail] }, names)).toBe(
      'Vroeg een collega om een tweede blik: 2 punten uit de controle laten staan',
    );
  });
});
