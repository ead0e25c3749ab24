/**
 * Demo content for development and demos; never runs in production (see config.demoContent).
 * It runs once per database: a marker in app_meta says it has been done. Other domains add
 * their demo records in `seedDemoContent` below, in the same transaction.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { listNl } from '~/lib/format';
import type { Database } from '~/server/db/db';
import { createMetaRepository } from '~/server/db/meta.repository';
import { queueDemoMails } from '~/server/email/email.demo';
import { loadGemeenteCatalog } from '~/server/gemeenten/gemeenten.catalog';
import { seedDemoInbox } from '~/server/inbox/inbox.demo';
import { seedDemoKoppelingen } from '~/server/koppelingen/koppelingen.demo';
import type { Logger } from '~/server/logger';
import { seedDemoProfiles } from '~/server/profiles/profiles.demo';
import { createRapportageRepository } from '~/server/rapportage/rapportage.repository';
import { seedDemoRegistrations } from '~/server/registrations/registrations.demo';
import { describeDemoLogins, insertDemoStaff, prepareDemoStaff } from '~/server/staff/staff.demo';

const DEMO_COORDINATOR_EMAIL = 'coordinator@demo.buurtgezinnen.nl';

/** Where a demo account works, in words, from the gemeente content ("regio Noord-Holland: Haarlem en Uithoorn"). */
function describeWorkArea(account: { role: string; gemeenten: readonly string[]; regions: readonly string[] }): string {
  const catalog = loadGemeenteCatalog();
  const names = (slugs: readonly string[]) => listNl(catalog.filter((g) => slugs.includes(g.slug)).map((g) => g.name));
  if (account.role === 'backoffice') return 'alle gemeenten (landelijk bureau)';
  if (account.role === 'gemeente') return `gemeente ${names(account.gemeenten)} (alleen de rapportage)`;
  if (account.role === 'regional')
    return account.regions
      .map((region) => `regio ${region}: ${names(catalog.filter((g) => g.region === region).map((g) => g.slug))}`)
      .join('; ');
  return names(account.gemeenten);
}
const MARKER = 'demo_seeded_at';

export async function seedDemoContent({
  db,
  dataDir,
  log,
  appSecret,
}: {
  db: Database;
  dataDir: string;
  log: Logger;
  appSecret: string;
}) {
  // Every warm start comes here: skip the slow part (three argon2id hashes) when it was done.
  // The marker insert below still decides when two instances seed at the same moment.
  if (await createMetaRepository({ db }).has(MARKER)) return;
  // Staff logins (password + TOTP key) are made before the transaction: hashing is slow.
  const demoStaff = await prepareDemoStaff(appSecret, describeWorkArea);
  const seeded = await db.transaction(async (tx) => {
    // The row lock on the marker serialises two instances seeding at the same moment.
    if (!(await createMetaRepository({ db: tx }).setOnce(MARKER, new Date().toISOString()))) return false;

    const staffIds = await insertDemoStaff(tx, demoStaff);
    await seedDemoInbox(tx, staffIds);
    await seedDemoRegistrations(tx);
    await seedDemoProfiles(tx, staffIds);
    await seedDemoKoppelingen(tx, staffIds);
    await queueDemoMails(tx, { coordinatorEmail: DEMO_COORDINATOR_EMAIL });
    // The demo writes through repositories, not use cases: its report facts come from the records.
    await createRapportageRepository({ db: tx }).backfill();
    return true;
  });
  if (!seeded) return;

  const loginFile = path.join(dataDir, 'demo-login.txt');
  await fs.mkdir(dataDir, { recursive: true });
  const logins = demoStaff.map((s) => s.login);
  await fs.writeFile(loginFile, describeDemoLogins(logins), { mode: 0o600 });
  const coordinator = logins.find((l) => l.email === DEMO_COORDINATOR_EMAIL)!;
  log.info(
    `Demo-inhoud staat klaar. Inloggen als coördinator: ${DEMO_COORDINATOR_EMAIL} met wachtwoord ${coordinator.password} ` +
      `en een code uit je app voor TOTP-sleutel ${coordinator.totpSecret} ` +
      `(ook de accounts voor regio en landelijk bureau staan in ${path.relative(process.cwd(), loginFile)}).`,
  );
}
