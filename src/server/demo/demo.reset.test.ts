import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateDatabase } from '~/server/db/migrate';
import { loadGemeenteCatalog } from '~/server/gemeenten/gemeenten.catalog';
import { syncGemeenten } from '~/server/gemeenten/gemeenten.usecases';
import { createLogger } from '~/server/logger';
import { parseDemoLogins } from '~/server/staff/staff.demo';
import { createStaffRepository } from '~/server/staff/staff.repository';
import { createTestDatabase } from '~tests/support/database';
import { createRegistration } from '~tests/support/factories';
import { resetDemoContent } from './demo.reset';
import { seedDemoContent } from './demo.seed';

describe('npm run demo:reset', () => {
  it('starts the demo over: after the next start, records made since are gone, new logins, an empty mailbox', async () => {
    const connection = await createTestDatabase();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-reset-'));
    const options = { dataDir, log: createLogger('error'), appSecret: 'x'.repeat(40) };
    await seedDemoContent({ db: connection.db, ...options });
    const loginFile = path.join(dataDir, 'demo-login.txt');
    const before = parseDemoLogins(fs.readFileSync(loginFile, 'utf8'));
    const mine = await createRegistration(connection.db, 'vraaggezin', { contactName: 'Na De Demo' });
    fs.mkdirSync(path.join(dataDir, 'mail'));
    fs.writeFileSync(path.join(dataDir, 'mail', 'oud.eml'), 'Subject: oud');

    await resetDemoContent(connection, { dataDir });
    expect(fs.existsSync(loginFile)).toBe(false);
    // What `npm start` does next (src/server/runtime/runtime.ts).
    await migrateDatabase(connection);
    await syncGemeenten({ db: connection.db, catalog: loadGemeenteCatalog() });
    await seedDemoContent({ db: connection.db, ...options });

    const [gone] = await connection.sql`select count(*)::int as n from registrations where id = ${mine.id}`;
    expect(gone!.n).toBe(0);
    const after = parseDemoLogins(fs.readFileSync(loginFile, 'utf8'));
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const key of Object.keys(after)) expect(after[key]!.password).not.toBe(before[key]!.password);
    const staff = createStaffRepository({ db: connection.db });
    for (const login of Object.values(after)) expect(await staff.findByEmail(login.email)).toBeTruthy();
    const [demo] = await connection.sql`select count(*)::int as n from registrations`;
    expect(demo!.n).toBeGreaterThan(5);
    expect(fs.existsSync(path.join(dataDir, 'mail', 'oud.eml'))).toBe(false);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
