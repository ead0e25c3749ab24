import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, amsterdamDate } from '~/lib/dates';
import { createAuditRepository } from '~/server/audit/audit.repository';
import { recordAudit } from '~/server/audit/audit.usecases';
import type { Database } from '~/server/db/db';
import { listDevelopmentMails } from '~/server/email/dev-mailbox';
import { queueEmail } from '~/server/email/email.usecases';
import { createMailTransport } from '~/server/email/mail-transport';
import { createLogger } from '~/server/logger';
import { createOutboxRepository } from '~/server/outbox/outbox.repository';
import { createRapportageRepository } from '~/server/rapportage/rapportage.repository';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { setExternalSearchFeed } from '~/server/search/search.outbox';
import { createTestDatabase } from '~tests/support/database';
import {
  createInboxItem,
  createKoppeling,
  createNote,
  createProfile,
  createRegistration,
  createSafetyConcern,
  createStaff,
} from '~tests/support/factories';
import { eraseSignUp } from './privacy.erase';
import { createPrivacyRepository } from './privacy.repository';
import { runRetention, startRetentionService } from './privacy.retention';

let db: Database;
let dataDir: string;
const log = createLogger('error');
/** Noon in Amsterdam on an ISO day: the injected clock. */
const noonOn = (day: string) => new Date(`${day}T11:00:00Z`);
const run = (day: string, options: { dryRun?: boolean } = {}) =>
  runRetention({ db, clock: () => noonOn(day), log, dataDir }, options);

/**
 * Every row of every table of the database (read from the catalog, so a new table is included
 * without touching this test) whose text contains `needle`: "gone from every table".
 */
async function tablesContaining(needle: string, { except = [] as string[] } = {}) {
  const tables = await db.execute<{ name: string }>(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const found: string[] = [];
  for (const { name } of tables) {
    if (except.includes(name) || name === '__drizzle_migrations') continue;
    const [row] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(name)} t where strpos(lower(t::text), lower(${needle})) > 0`,
    );
    if (row!.n > 0) found.push(name);
  }
  return found;
}

async function sendMailFile(to: string, outboxId: string, text: string) {
  await createMailTransport({ smtpUrl: undefined, dataDir }).send({
    messageId: `<${outboxId}@buurtgezinnen.nl>`,
    date: new Date(),
    from: 'noreply@buurtgezinnen.nl',
    to,
    subject: 'Je aanmelding',
    html: `<p>${text}</p>`,
    text,
  });
}

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'retention-'));
});

describe('retention', () => {
  it('deletes a sign-up without a koppeling the day after its 12 months, from every table, the index and the mail files; keeps the day before', async () => {
    const today = amsterdamDate(new Date());
    const deleteOn = addMonths(today, 12);
    await setExternalSearchFeed(db, true);
    const coordinator = await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] });
    const family = await createRegistration(db, 'vraaggezin', {
      contactName: 'Wietske Oosterbroek',
      contactPhone: '+31612398741',
      postcode: '6191 XK',
      contactEmail: 'familie.oosterbroek@voorbeeld.nl',
    });
    await createNote(db, { registration: family, author: coordinator, body: 'Wietske belde over de middagen.' });
    await createProfile(db, { registration: family, status: 'withdrawn' });
    const { id: outboxId } = await queueEmail(db, {
      to: family.contactEmail!,
      template: 'registration-received',
      gemeente: 'beekdaelen',
      data: { kind: 'vraaggezin', firstName: 'Wietske' },
    });
    await sendMailFile(family.contactEmail!, outboxId, 'Hoi Wietske, we hebben je aanmelding.');
    // Delivered long ago (the worker marks it done).
    const outbox = createOutboxRepository({ db });
    await outbox.claimDue({ topics: ['email'], batchSize: 10, leaseMs: 60_000, workerId: 'test' });
    await outbox.markDone(outboxId, 'test');
    // Another family with the same e-mail address, active half a year later: its mail stays.
    const sibling = await createRegistration(db, 'vraaggezin', {
      contactName: 'Geertje Oosterbroek',
      contactEmail: family.contactEmail,
      updatedAt: new Date(Date.now() + 183 * 86_400_000),
    });
    const { id: siblingMailId } = await queueEmail(db, {
      to: family.contactEmail!,
      template: 'registration-received',
      gemeente: 'beekdaelen',
      data: { kind: 'vraaggezin', firstName: 'Geertje' },
    });
    await sendMailFile('ander.adres@voorbeeld.nl', 'other-mail', `Over ${sibling.id}`);
    await fs.writeFile(path.join(dataDir, 'mail', 'unrelated.eml'), 'To: iemand@voorbeeld.nl\n\nHallo');

    const before = await run(addDays(deleteOn, -1));
    expect(before.deleted).toEqual({ unmatched: 0, closed_koppeling: 0 });
    expect(await tablesContaining('Wietske')).toEqual(
      expect.arrayContaining(['registrations', 'search_documents', 'search_terms', 'inbox_notes', 'outbox_messages']),
    );
    expect(await listDevelopmentMails(dataDir)).toHaveLength(2);

    const dry = await run(addDays(deleteOn, 1), { dryRun: true });
    expect(dry.deleted.unmatched).toBe(1);
    expect(dry.tables).toMatchObject({ registrations: 1, inbox_notes: 1, profiles: 1, search_documents: 1 });
    expect(dry.mailFiles).toBe(1);
    expect(await tablesContaining('Wietske')).toContain('registrations'); // a dry run deletes nothing
    expect(await listDevelopmentMails(dataDir)).toHaveLength(2);

    const after = await run(addDays(deleteOn, 1));
    expect(after.deleted.unmatched).toBe(1);
    expect(after.tables).toMatchObject({ registrations: 1, inbox_notes: 1, profiles: 1, search_documents: 1 });
    for (const value of ['Wietske', '6191 XK', '612398741']) expect(await tablesContaining(value), value).toEqual([]);
    expect(await tablesContaining(family.id, { except: ['audit_log', 'outbox_messages'] })).toEqual([]);
    // The mail to her is gone; the one to the family that shares the address is still to be sent.
    const mails = await outbox.listByTopic('email');
    expect(mails.map((message) => message.id)).toEqual([siblingMailId]);
    // Meilisearch hears of the deletion through the outbox (only the id).
    const feed = await outbox.listByTopic('search.index');
    expect(feed.at(-1)?.payload).toEqual({ registrationId: family.id });
    // The mail file to her is gone, the others stay.
    expect((await listDevelopmentMails(dataDir)).map((mail) => mail.to).sort()).toEqual(['ander.adres@voorbeeld.nl']);
    expect(await fs.readdir(path.join(dataDir, 'mail'))).toContain('unrelated.eml');
    // The audit log says what happened, without personal data.
    const [entry] = (await createAuditRepository({ db }).list({ recordId: family.id, limit: 50 })).filter((row) =>
      row.action.startsWith('privacy.'),
    );
    expect(entry!.action).toBe('privacy.retention_delete');
    expect(entry!.detail).toMatchObject({ kind: 'vraaggezin', rule: 'unmatched', deleted: { registrations: 1 } });
    for (const value of ['Wietske', 'Oosterbroek', family.contactEmail!, '612398741'])
      expect(JSON.stringify(entry)).not.toContain(value);
    // The family sharing the address is untouched.
    expect(await tablesContaining('Geertje')).toContain('registrations');
  });

  it('keeps both families of a closed koppeling for 2 years after its end, and a hold or an open safety concern longer', async () => {
    const today = amsterdamDate(new Date());
    const koppeling = await createKoppeling(db, { phase: 'closed', closedOn: today });
    const held = await createRegistration(db, 'vraaggezin', { contactName: 'Bewaard Gezin' });
    const staff = await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] });
    await createPrivacyRepository({ db }).insertHold({
      registrationId: held.id,
      keepUntil: addMonths(today, 30),
      reason: 'Klacht loopt',
      placedBy: staff.id,
    });
    const concern = await createSafetyConcern(db);
    // The reports count the anonymous ledger (issue 15); the migration's backfill writes its facts
    // for records made by the factories.
    const ledger = createRapportageRepository({ db });
    expect(await ledger.backfill()).toBeGreaterThan(0);
    const reportFacts = () => ledger.factsBetween(['beekdaelen'], '2000-01-01', '2100-12-31');
    const factsBefore = await reportFacts();
    expect(factsBefore.map((fact) => fact.fact)).toEqual(
      expect.arrayContaining(['registration', 'koppeling_started', 'koppeling_ended']),
    );

    const afterOneYear = await run(addDays(addMonths(today, 12), 1));
    expect(afterOneYear.held).toEqual({ hold: 1, safetyConcern: 1 });
    const afterYearAndHalf = await db.execute<{ id: string }>(
      sql`select id from registrations where id in (${koppeling.vraaggezin.id}, ${koppeling.steungezin.id})`,
    );
    expect(afterYearAndHalf).toHaveLength(2);

    const dayBefore = await run(addDays(addMonths(today, 24), -1));
    expect(dayBefore.deleted.closed_koppeling).toBe(0);

    const dayAfter = await run(addDays(addMonths(today, 24), 1));
    expect(dayAfter.deleted.closed_koppeling).toBe(2);
    expect(dayAfter.tables).toMatchObject({
      koppelingen: 1,
      koppeling_closures: 1,
      koppeling_signatures: 2,
      steungezin_screenings: 1,
    });
    for (const id of [koppeling.vraaggezin.id, koppeling.steungezin.id, koppeling.id])
      expect(await tablesContaining(id, { except: ['audit_log', 'outbox_messages'] })).toEqual([]);
    expect(await tablesContaining('Bewaard Gezin')).toContain('registrations');
    expect(await tablesContaining(concern.registrationId, { except: ['audit_log'] })).toContain('registrations');
    expect(dayAfter.held).toEqual({ hold: 1, safetyConcern: 1 });

    // After the hold's day the record goes.
    const afterHold = await run(addDays(addMonths(today, 30), 1));
    expect(afterHold.held).toEqual({ hold: 0, safetyConcern: 1 });
    expect(await tablesContaining('Bewaard Gezin')).toEqual([]);
    // Reports of the period are unchanged: retention never touches the ledger.
    expect(await reportFacts()).toEqual(factsBefore);
  });

  it('keeps the access log for a year, and drops expired sessions', async () => {
    const today = amsterdamDate(new Date());
    const staff = await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'], session: true });
    await recordAudit(db, { staffId: staff.id, clientAddress: '203.0.113.9' }, { action: 'registration.view' });
    const [{ n: sessions }] = (await db.execute<{ n: number }>(
      sql`select count(*)::int as n from staff_sessions`,
    )) as unknown as [{ n: number }];
    expect(sessions).toBeGreaterThan(0);
    const report = await run(addDays(addMonths(today, 12), 1), { dryRun: true });
    expect(report.tables.staff_sessions).toBe(sessions);
    expect(report.tables.audit_log).toBeGreaterThan(0);
    const real = await run(addDays(addMonths(today, 12), 1));
    expect(real.tables.audit_log).toBe(report.tables.audit_log);
    const [{ n: left }] = (await db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_log where at < now() - interval '1 day'`,
    )) as unknown as [{ n: number }];
    expect(left).toBe(0);
  });

  it('deletes survey links expired unanswered and open answers after 12 months; clears the report author after 24', async () => {
    const today = amsterdamDate(new Date());
    const rapportage = createRapportageRepository({ db });
    const link = async (tokenHash: string, answered: string | null) => {
      await rapportage.insertInvitation({
        tokenHash,
        gemeenteSlug: 'beekdaelen',
        party: 'vraaggezin',
        moment: 'closure',
        sentOn: today,
        expiresAt: new Date(Date.now() + 30 * 86_400_000),
      });
      const row = await rapportage.findInvitation(tokenHash);
      if (answered) await rapportage.answerInvitation(row!.id, noonOn(answered), 'Fijn dat Joke er was.');
    };
    await link('retention-unanswered', null);
    await link('retention-answered-now', today);
    await link('retention-answered-later', addDays(today, 20));
    await rapportage.saveNotes({
      gemeenteSlug: 'beekdaelen',
      periodKey: '2001-K1',
      highlights: 'Drie nieuwe koppelingen',
      updatedByName: 'Maud Hendriks',
      updatedAt: noonOn(today),
    });
    const present = async () => {
      const found: string[] = [];
      for (const hash of ['retention-unanswered', 'retention-answered-now', 'retention-answered-later'])
        if (await rapportage.findInvitation(hash)) found.push(hash);
      return found;
    };

    // A month later: the unanswered link expired and goes; the answered ones stay a year.
    await run(addDays(today, 31));
    expect(await present()).toEqual(['retention-answered-now', 'retention-answered-later']);
    // A year and a day after the first answer it goes, with its open answer; the later one stays.
    await run(addDays(addMonths(today, 12), 1));
    expect(await present()).toEqual(['retention-answered-later']);
    expect(await tablesContaining('Joke er was')).toEqual(['survey_invitations']);
    expect((await rapportage.findNotes('beekdaelen', '2001-K1'))?.updatedByName).toBe('Maud Hendriks');

    // Two years after the save, the name goes; the text stays with the report.
    await run(addDays(addMonths(today, 24), 1));
    const notes = await rapportage.findNotes('beekdaelen', '2001-K1');
    expect(notes?.updatedByName).toBeNull();
    expect(notes?.highlights).toBe('Drie nieuwe koppelingen');
    expect(await present()).toEqual([]);
  });

  it('runs as a background service that logs counts, never names', async () => {
    const family = await createRegistration(db, 'vraaggezin', {
      contactName: 'Loesje Vandermeulen',
      updatedAt: new Date(Date.now() - 400 * 86_400_000),
    });
    const lines: { message: string; fields?: Record<string, unknown> }[] = [];
    const capture = (message: string, fields?: Record<string, unknown>) => lines.push({ message, fields });
    const service = startRetentionService(
      { db, clock: () => new Date(), log: { debug: capture, info: capture, warn: capture, error: capture }, dataDir },
      3_600_000,
      10,
    );
    await expect.poll(() => lines.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await service.stop();
    expect(lines[0]!.message).toMatch(
      /^\[retention\] Bewaartermijnen: 1 aanmelding\(en\) verwijderd \(zonder koppeling 1,/,
    );
    expect(lines[0]!.message).toContain('registrations 1');
    const logged = JSON.stringify(lines);
    for (const value of ['Loesje', 'Vandermeulen', family.contactEmail!, family.id])
      expect(logged).not.toContain(value);
    expect(await tablesContaining('Vandermeulen')).toEqual([]);
  });

  it('keeps a steungezin that took another family, and a referral while the family it is about stays', async () => {
    const today = amsterdamDate(new Date());
    const first = await createKoppeling(db, { phase: 'closed', closedOn: today });
    // The steungezin helped a second family, until 13 months from now: active again.
    const second = await createKoppeling(db, {
      phase: 'closed',
      steungezin: first.steungezin,
      closedOn: addMonths(today, 13),
    });
    const referral = await createRegistration(db, 'verwijzing', { contactName: 'Familie Verwezen' });
    await createInboxItem(db, { registration: referral, family: second.vraaggezin });
    const loose = await createRegistration(db, 'verwijzing', { contactName: 'Familie Los' });

    const report = await run(addDays(addMonths(today, 24), 1));
    const left = async (id: string) =>
      (await tablesContaining(id, { except: ['audit_log', 'outbox_messages'] })).length;
    expect(await left(first.vraaggezin.id)).toBe(0);
    expect(await left(first.id)).toBe(0);
    expect(await left(first.steungezin.id)).toBeGreaterThan(0);
    expect(await left(second.vraaggezin.id)).toBeGreaterThan(0);
    expect(await left(referral.id)).toBeGreaterThan(0);
    expect(await left(loose.id)).toBe(0);
    expect(report.deleted.closed_koppeling).toBeGreaterThanOrEqual(1);

    // Once the second koppeling is 2 years past, both families and the referral go.
    await run(addDays(addMonths(today, 37), 1));
    for (const id of [first.steungezin.id, second.vraaggezin.id, referral.id]) expect(await left(id)).toBe(0);
  });

  it('a sign-up whose deletion fails stays whole (its mail too), the others go, and the run says it failed', async () => {
    const today = amsterdamDate(new Date());
    const coordinator = await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] });
    const stuck = await createRegistration(db, 'vraaggezin', { contactName: 'Vastgelopen Gezin' });
    const fine = await createRegistration(db, 'vraaggezin', { contactName: 'Gewoon Gezin' });
    for (const family of [stuck, fine]) {
      await createNote(db, { registration: family, author: coordinator, body: `Notitie over ${family.contactName}` });
      await queueEmail(db, {
        to: family.contactEmail!,
        template: 'registration-received',
        gemeente: 'beekdaelen',
        data: { kind: 'vraaggezin' },
      });
    }
    // A fault in the middle of one deletion (the database refuses to delete that note).
    await db.execute(sql`create function refuse_note_delete() returns trigger language plpgsql as $$
      begin if old.body like '%Vastgelopen%' then raise exception 'disk full'; end if; return old; end $$`);
    await db.execute(
      sql`create trigger refuse_note_delete before delete on inbox_notes for each row execute function refuse_note_delete()`,
    );
    const warnings: string[] = [];
    const report = await runRetention({
      db,
      clock: () => noonOn(addDays(addMonths(today, 12), 1)),
      log: { ...log, warn: (message) => warnings.push(message) },
      dataDir,
    });
    await db.execute(sql`drop trigger refuse_note_delete on inbox_notes`);
    await db.execute(sql`drop function refuse_note_delete()`);
    expect(report.failed).toBe(1);
    expect(warnings).toEqual([expect.stringContaining('kon niet worden verwijderd')]);
    expect(await tablesContaining('Gewoon Gezin')).toEqual([]);
    expect(await tablesContaining(fine.contactEmail!)).toEqual([]);
    // Nothing of the other one went: the sign-up, its note, its search document and its mail.
    expect(await tablesContaining('Vastgelopen')).toEqual(
      expect.arrayContaining(['registrations', 'inbox_notes', 'search_documents']),
    );
    expect(await tablesContaining(stuck.contactEmail!)).toEqual(
      expect.arrayContaining(['registrations', 'search_documents', 'outbox_messages']),
    );
    // The next run deletes it.
    const again = await run(addDays(addMonths(today, 12), 1));
    expect(again.failed).toBe(0);
    expect(await tablesContaining('Vastgelopen')).toEqual([]);
  });

  it('removes on the next run the mail files a crash left behind after the commit (nothing else of the mailbox)', async () => {
    const family = await createRegistration(db, 'vraaggezin', {
      contactName: 'Roosmarijn Hoeksteen',
      contactEmail: 'roosmarijn.hoeksteen@voorbeeld.nl',
    });
    const { id: outboxId } = await queueEmail(db, {
      to: family.contactEmail!,
      template: 'registration-received',
      gemeente: 'beekdaelen',
      data: { kind: 'vraaggezin', firstName: 'Roosmarijn' },
    });
    await sendMailFile(family.contactEmail!, outboxId, 'Hoi Roosmarijn, we hebben je aanmelding.');
    // A mail to someone else whose outbox message still exists stays.
    const { id: keptId } = await queueEmail(db, {
      to: 'blijft.staan@voorbeeld.nl',
      template: 'registration-received',
      gemeente: 'beekdaelen',
      data: { kind: 'vraaggezin', firstName: 'Blijft' },
    });
    await sendMailFile('blijft.staan@voorbeeld.nl', keptId, 'Hoi, we hebben je aanmelding.');
    // The erase commits, then the process dies before the mail files are deleted.
    await db.transaction(async (tx) => {
      const row = await createRegistrationsRepository({ db: tx }).lockForDeletion(family.id);
      await eraseSignUp(tx, row!, {
        actor: { staffId: null, clientAddress: 'test' },
        entry: { action: 'privacy.request_delete', detail: {} },
        at: new Date(),
      });
    });
    const recipients = async () => (await listDevelopmentMails(dataDir)).map((mail) => mail.to);
    expect(await recipients()).toContain(family.contactEmail);

    const dry = await run(amsterdamDate(new Date()), { dryRun: true });
    expect(dry.mailFiles).toBe(1);
    expect(await recipients()).toContain(family.contactEmail);

    const next = await run(amsterdamDate(new Date()));
    expect(next.mailFiles).toBe(1);
    expect(await recipients()).not.toContain(family.contactEmail);
    expect(await recipients()).toContain('blijft.staan@voorbeeld.nl');
  });
});
