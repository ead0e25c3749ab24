/**
 * Demo content for development and demos; never runs in production (see config.demoContent).
 * It runs once per database: a marker in app_meta says it has been done. Other domains add
 * their demo records in `seedDemoContent` below, in the same transaction.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { hashPassword } from '../auth/password';
import type { Database } from '../db/db';
import { appMeta } from '../db/meta.table';
import type { Logger } from '../logger';
import { staffMunicipalities, staffUsers } from '../staff/staff.table';

export const DEMO_COORDINATOR_EMAIL = 'coordinator@demo.buurtgezinnen.nl';
const MARKER = 'demo_seeded_at';

export async function seedDemoContent({ db, dataDir, log }: { db: Database; dataDir: string; log: Logger }) {
  const password = `demo-${randomBytes(6).toString('base64url')}`;
  const passwordHash = await hashPassword(password);
  const seeded = await db.transaction(async (tx) => {
    // The row lock on the marker serialises two instances seeding at the same moment.
    const inserted = await tx
      .insert(appMeta)
      .values({ key: MARKER, value: new Date().toISOString() })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) return false;

    const [coordinator] = await tx
      .insert(staffUsers)
      .values({ email: DEMO_COORDINATOR_EMAIL, displayName: 'Demi Coördinator', role: 'coordinator', passwordHash })
      .returning({ id: staffUsers.id });
    await tx.insert(staffMunicipalities).values(
      ['beekdaelen', 'heerenveen'].map((municipalitySlug) => ({ staffId: coordinator!.id, municipalitySlug })),
    );
    return true;
  });
  if (!seeded) return;

  const loginFile = path.join(dataDir, 'demo-login.txt');
  await fs.mkdir(dataDir, { recursive: true });
  await fs.writeFile(loginFile, `E-mail: ${DEMO_COORDINATOR_EMAIL}\nWachtwoord: ${password}\n`, { mode: 0o600 });
  log.info(
    `Demo-inhoud staat klaar. Inloggen als coördinator: ${DEMO_COORDINATOR_EMAIL} met wachtwoord ${password} ` +
      `(ook bewaard in ${path.relative(process.cwd(), loginFile)}).`,
  );
}

export async function isDemoSeeded(db: Database): Promise<boolean> {
  const rows = await db.select().from(appMeta).where(eq(appMeta.key, MARKER));
  return rows.length > 0;
}
