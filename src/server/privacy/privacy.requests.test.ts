/**
 * /mijn-gegevens (privacy.requests.ts, decision 030) against a real PostgreSQL: the same answer
 * whether or not a record exists, the rate limits, the link's lifetime, what the link shows (the
 * shared-address fixture), a correction in the inbox, and the queue of deletion requests.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, amsterdamDate } from '~/lib/dates';
import { createAuditRepository } from '~/server/audit/audit.repository';
import type { Database } from '~/server/db/db';
import { isAppError } from '~/server/errors/errors';
import { getRegistrationForStaff } from '~/server/inbox/inbox.usecases';
import { createLogger } from '~/server/logger';
import { createOutboxRepository } from '~/server/outbox/outbox.repository';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { createTestDatabase } from '~tests/support/database';
import {
  createHold,
  createKoppeling,
  createNote,
  createRegistration,
  createStaff,
  queuedEmails,
} from '~tests/support/factories';
import {
  askCorrection,
  askErasure,
  confirmRequest,
  createPrivacyLinkHandler,
  exportMyData,
  getMyData,
  listRequests,
  requestLink,
} from './privacy.requests';
import { createPrivacyRequestsRepository } from './privacy.requests.repository';
import { runRetention } from './privacy.retention';

let db: Database;
let now = new Date('2026-11-30T10:00:00Z');
const deps = () => ({ db, clock: () => now });
const visitor = { clientAddress: '198.51.100.7' };
let ip = 0;
/** A fresh client address per test, so the per-address limit of one test does not touch another. */
const nextAddress = () => `203.0.113.${++ip}`;

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => (isAppError(error) ? `${error.code}:${error.status}` : String(error)),
  );

const delivered = new Set<string>();
/** Delivers the queued `privacy.link` questions once each, as the outbox worker does. */
async function deliverLinkQuestions() {
  const outbox = createOutboxRepository({ db });
  const handler = createPrivacyLinkHandler(deps());
  for (const message of await outbox.listByTopic('privacy.link')) {
    if (delivered.has(message.id)) continue;
    delivered.add(message.id);
    await handler.deliver({
      messageId: message.id,
      topic: message.topic,
      payload: message.payload as never,
      attempt: 1,
      createdAt: message.createdAt,
      log: createLogger('error', 'test'),
    });
  }
}

/** The links mailed to `to` (tokens from the mail's path), oldest first. */
async function linksMailedTo(to: string) {
  return (await queuedEmails(db))
    .filter((mail) => mail.to === to && mail.template === 'privacy-request' && mail.data.kind === 'link')
    .map((mail) => String(mail.data.path).replace('/mijn-gegevens/', ''));
}

async function askAndOpen(contact: string, mailbox: string) {
  await requestLink(deps(), { contact, clientAddress: nextAddress() });
  await deliverLinkQuestions();
  return (await linksMailedTo(mailbox)).at(-1)!;
}

beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

describe('asking for a link', () => {
  it('answers the same, with the same work, whether or not we know the address; only a known address gets a mail', async () => {
    const known = await createRegistration(db, 'vraaggezin', {
      contactName: 'Mira Bekend',
      contactEmail: 'mira.bekend@voorbeeld.nl',
    });
    const queuedBefore = (await createOutboxRepository({ db }).listByTopic('privacy.link')).length;
    const answers = [
      await requestLink(deps(), { contact: 'Mira.Bekend@voorbeeld.nl ', clientAddress: nextAddress() }),
      await requestLink(deps(), { contact: 'niemand@voorbeeld.nl', clientAddress: nextAddress() }),
    ];
    expect(answers[0]).toEqual(answers[1]);
    // Both only queued one question: nothing that depends on the records happens in the request.
    expect((await createOutboxRepository({ db }).listByTopic('privacy.link')).length).toBe(queuedBefore + 2);

    await deliverLinkQuestions();
    const mails = (await queuedEmails(db)).filter((mail) => mail.template === 'privacy-request');
    expect(mails.map((mail) => mail.to)).toEqual(['mira.bekend@voorbeeld.nl']);
    // Only the link: no name, no gemeente, nothing of the record.
    expect(JSON.stringify(mails[0]!.data)).not.toMatch(/Mira|Bekend|beekdaelen/i);
    expect(mails[0]!.data.path).toMatch(/^\/mijn-gegevens\/[a-z2-9]{32}$/);
    const token = String(mails[0]!.data.path).split('/').at(-1)!;
    const link = await createPrivacyRequestsRepository({ db }).findLink(token);
    expect(link, 'the token itself is not stored, only its hash').toBeUndefined();
    const audit = await createAuditRepository({ db }).list({ recordId: known.id, limit: 10 });
    expect(audit.map((entry) => entry.action)).toContain('privacy.link_sent');
  });

  it("a phone number sends the link to the address on the records; no address, no mail; a referrer's address never matches", async () => {
    await createRegistration(db, 'vraaggezin', {
      contactName: 'Tess Telefoon',
      contactEmail: 'tess@voorbeeld.nl',
      contactPhone: '+31612340001',
    });
    await createRegistration(db, 'vraaggezin', {
      contactName: 'Zonder Mail',
      contactEmail: null,
      contactPhone: '+31612340002',
    });
    await createRegistration(db, 'verwijzing', {
      contactName: 'Gezin Verwezen',
      contactEmail: null,
      contactPhone: '+31612340003',
      details: { referrer: { name: 'Juf Ria', email: 'juf.ria@school.nl' } } as never,
    });
    const before = (await queuedEmails(db)).length;
    for (const contact of ['06-12340001', '06 12340002', 'juf.ria@school.nl'])
      await requestLink(deps(), { contact, clientAddress: nextAddress() });
    await deliverLinkQuestions();
    const sent = (await queuedEmails(db)).slice(before).map((mail) => mail.to);
    expect(sent).toEqual(['tess@voorbeeld.nl']);
  });

  it('refuses what is neither an address nor a number (400), and limits per contact and per client address (429)', async () => {
    expect(await codeOf(requestLink(deps(), { contact: 'geen adres', clientAddress: nextAddress() }))).toBe(
      'requests.invalid_contact:400',
    );
    expect(await codeOf(requestLink(deps(), { contact: '', clientAddress: nextAddress() }))).toBe(
      'requests.invalid_contact:400',
    );
    // Per contact: 3 an hour, from any address.
    const results = [];
    for (let attempt = 0; attempt < 4; attempt++)
      results.push(await codeOf(requestLink(deps(), { contact: 'veel@voorbeeld.nl', clientAddress: nextAddress() })));
    expect(results).toEqual(['ok', 'ok', 'ok', 'requests.rate_limited:429']);
    // Per client address: 10 an hour, whatever the contact.
    const address = nextAddress();
    const fromOne = [];
    for (let attempt = 0; attempt < 11; attempt++)
      fromOne.push(
        await codeOf(requestLink(deps(), { contact: `proberen${attempt}@voorbeeld.nl`, clientAddress: address })),
      );
    expect(fromOne.slice(0, 10).every((result) => result === 'ok')).toBe(true);
    expect(fromOne[10]).toBe('requests.rate_limited:429');
    // An hour later the contact may ask again.
    const later = now;
    now = new Date(now.getTime() + 61 * 60_000);
    expect(await codeOf(requestLink(deps(), { contact: 'veel@voorbeeld.nl', clientAddress: nextAddress() }))).toBe(
      'ok',
    );
    now = later;
  });
});

describe('the link', () => {
  it('works for 24 hours; an unknown, malformed or expired token is a 404', async () => {
    await createRegistration(db, 'steungezin', { contactName: 'Lot Looptijd', contactEmail: 'lot@voorbeeld.nl' });
    const token = await askAndOpen('lot@voorbeeld.nl', 'lot@voorbeeld.nl');
    expect((await getMyData(deps(), token, visitor)).signUps).toHaveLength(1);
    // It may be used more than once within the day (look, download, ask).
    expect((await exportMyData(deps(), token, visitor)).signUps).toHaveLength(1);
    const started = now;
    now = new Date(started.getTime() + 23 * 3_600_000);
    expect((await getMyData(deps(), token, visitor)).signUps).toHaveLength(1);
    now = new Date(started.getTime() + 24 * 3_600_000 + 1000);
    expect(await codeOf(getMyData(deps(), token, visitor))).toBe('requests.link_gone:404');
    expect(await codeOf(exportMyData(deps(), token, visitor))).toBe('requests.link_gone:404');
    now = started;
    // One character changed (never the same one: a token can end in any symbol).
    const tampered = `${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`;
    for (const bad of ['', 'x', tampered, '../../etc/passwd', token.toUpperCase()])
      expect(await codeOf(getMyData(deps(), bad, visitor))).toBe('requests.link_gone:404');
  });

  it('shows only the sign-ups with that own address; asked by phone only those with that number too (shared-address fixture)', async () => {
    const shared = 'familie.jansen@voorbeeld.nl';
    const coordinator = await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] });
    const annie = await createRegistration(db, 'vraaggezin', {
      contactName: 'Annie Jansen',
      contactEmail: shared,
      contactPhone: '+31611112299',
    });
    const anne = await createRegistration(db, 'vraaggezin', {
      contactName: 'Anne Janssen',
      contactEmail: shared,
      contactPhone: '+31633334499',
    });
    const other = await createRegistration(db, 'vraaggezin', {
      contactName: 'Annie Janssen',
      contactEmail: 'annie.janssen@elders.nl',
    });
    await createNote(db, { registration: annie, author: coordinator, body: 'Annie vroeg naar de woensdag.' });
    await createNote(db, { registration: anne, author: coordinator, body: 'Anne heeft twee tieners.' });
    // Annie's koppeling: the steungezin's own data is not Annie's.
    const koppeling = await createKoppeling(db, { phase: 'closed', vraaggezin: annie });
    const steungezin = await createRegistrationsRepository({ db }).getById(koppeling.steungezin.id);

    // By address: both sign-ups that gave this address as their own, each apart; never the similar name elsewhere.
    const byAddress = await getMyData(deps(), await askAndOpen(shared, shared), visitor);
    expect(byAddress.signUps.map((signUp) => signUp.id).sort()).toEqual([annie.id, anne.id].sort());
    expect(JSON.stringify(byAddress)).not.toContain(other.id);

    // By Annie's number: only Annie's, on the page and in the download.
    const token = await askAndOpen('06-11112299', shared);
    const page = await getMyData(deps(), token, visitor);
    const download = await exportMyData(deps(), token, visitor);
    expect(page.signUps.map((signUp) => signUp.id)).toEqual([annie.id]);
    expect(download.signUps.map((signUp) => signUp.registrationId)).toEqual([annie.id]);
    for (const text of [JSON.stringify(page), JSON.stringify(download)]) {
      for (const mine of ['Annie Jansen', 'Annie vroeg naar de woensdag.']) expect(text).toContain(mine);
      for (const theirs of ['Anne Janssen', 'tieners', anne.id, other.id, steungezin!.contactName])
        expect(text).not.toContain(theirs);
      expect(text).not.toMatch(/token_hash|secret_hash|password/);
    }
    // Plain words on the page: the parts have Dutch headings.
    expect(page.signUps[0]!.sections.map((section) => section.title)).toContain('Notities van de coördinator');
    const audit = (await createAuditRepository({ db }).list({ recordId: annie.id, limit: 50 })).map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['privacy.self_view', 'privacy.self_export']));
  });
});

describe('asking for a correction', () => {
  it("becomes a note and a history line on the record, unread for the coordinator; the coordinators' mail has only a link", async () => {
    const coordinator = await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] });
    const family = await createRegistration(db, 'vraaggezin', {
      contactName: 'Cor Rectie',
      contactEmail: 'cor@voorbeeld.nl',
      gemeenteSlug: 'beekdaelen',
    });
    const token = await askAndOpen('cor@voorbeeld.nl', 'cor@voorbeeld.nl');
    expect(await codeOf(askCorrection(deps(), token, visitor, { registrationId: family.id, correction: '' }))).toBe(
      'requests.invalid_correction:400',
    );
    const stranger = await createRegistration(db, 'vraaggezin', { contactEmail: 'iemand.anders@voorbeeld.nl' });
    expect(
      await codeOf(askCorrection(deps(), token, visitor, { registrationId: stranger.id, correction: 'Mijn naam' })),
    ).toBe('requests.unknown_sign_up:404');

    // A BSN is never stored, not even when she offers it herself (docs/domain.md).
    for (const correction of ['Mijn BSN is 123456782', 'Het nummer van mijn zoon is 123 456 782.'])
      expect(await codeOf(askCorrection(deps(), token, visitor, { registrationId: family.id, correction }))).toBe(
        'requests.bsn:422',
      );
    expect((await getRegistrationForStaff(deps(), coordinator.context, family.id)).notes).toEqual([]);

    const before = (await queuedEmails(db)).length;
    await askCorrection(deps(), token, visitor, {
      registrationId: family.id,
      correction: 'Mijn telefoonnummer is nu 06-99998888.',
    });
    // A note by a staff account that was deleted since: that one has no author any more.
    const leaver = await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] });
    await createNote(db, { registration: family, author: leaver, createdAt: new Date(Date.now() - 86_400_000) });
    await db.execute(sql`delete from staff_users where id = ${leaver.id}`);
    const record = await getRegistrationForStaff(deps(), coordinator.context, family.id);
    expect(record.notes[0]!.body).toContain('Mijn telefoonnummer is nu 06-99998888.');
    expect(record.notes.map((note) => note.authorName)).toEqual(['de persoon zelf, via Mijn gegevens', null]);
    expect(record.history[0]!.text).toBe('Verzoek om te verbeteren ontvangen van de persoon zelf (zie de notitie)');
    expect(record.history[0]!.staffName).toBe('de persoon zelf, via Mijn gegevens');
    const mails = (await queuedEmails(db)).slice(before);
    expect(mails.map((mail) => mail.template)).toContain('correction-request');
    expect(mails.find((mail) => mail.to === coordinator.email)?.data).toEqual({ path: `/inbox/${family.id}` });
    expect(JSON.stringify(mails)).not.toContain('99998888');
    const entries = await createAuditRepository({ db }).list({ recordId: family.id, limit: 50 });
    expect(entries.map((entry) => entry.action)).toContain('privacy.correction_request');
    expect(JSON.stringify(entries)).not.toContain('99998888');
  });
});

describe('the queue of deletion requests', () => {
  it('a request is due in 4 weeks; confirming deletes it all and closes the request; the person gets a mail', async () => {
    const backoffice = await createStaff(db, { role: 'backoffice' });
    const coordinator = await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen'] });
    const family = await createRegistration(db, 'vraaggezin', {
      contactName: 'Wies Weg',
      contactEmail: 'wies@voorbeeld.nl',
    });
    const token = await askAndOpen('wies@voorbeeld.nl', 'wies@voorbeeld.nl');
    expect(await codeOf(askErasure(deps(), token, visitor, { registrationId: family.id }))).toBe(
      'requests.erase_unconfirmed:400',
    );
    await askErasure(deps(), token, visitor, { registrationId: family.id, confirm: 'ja' });
    await askErasure(deps(), token, visitor, { registrationId: family.id, confirm: 'ja' }); // twice: one request
    const page = await getMyData(deps(), token, visitor);
    expect(page.signUps[0]!.eraseRequest).toMatchObject({ status: 'open', dueOn: addDays(amsterdamDate(now), 28) });

    expect(await codeOf(listRequests(deps(), coordinator.context))).toBe('access.forbidden:403');
    const queue = await listRequests(deps(), backoffice.context);
    const mine = queue.requests.filter((request) => request.signUp?.id === family.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'open', dueOn: addDays(amsterdamDate(now), 28), overdue: false });

    // Four weeks and a day later it is overdue.
    const later = now;
    now = new Date(now.getTime() + 29 * 86_400_000);
    expect((await listRequests(deps(), backoffice.context)).requests.find((r) => r.id === mine[0]!.id)?.overdue).toBe(
      true,
    );
    now = later;

    expect(await codeOf(confirmRequest({ ...deps(), dataDir: '/nonexistent' }, coordinator.context, mine[0]!.id))).toBe(
      'access.forbidden:403',
    );
    expect(await confirmRequest({ ...deps(), dataDir: '/nonexistent' }, backoffice.context, mine[0]!.id)).toEqual({
      status: 'done',
    });
    expect(await createRegistrationsRepository({ db }).getById(family.id)).toBeUndefined();
    const closed = (await listRequests(deps(), backoffice.context)).requests.find((r) => r.id === mine[0]!.id);
    expect(closed).toMatchObject({ status: 'done', signUp: null });
    // The deletion took the earlier mail to her address (the link) with it; the answer is queued after it.
    const mails = (await queuedEmails(db)).filter((mail) => mail.to === 'wies@voorbeeld.nl');
    expect(mails.map((mail) => mail.data)).toEqual([{ kind: 'erased' }]);
    expect(await codeOf(confirmRequest({ ...deps(), dataDir: '/nonexistent' }, backoffice.context, mine[0]!.id))).toBe(
      'requests.not_open:409',
    );
    const audit = (await createAuditRepository({ db }).list({ recordId: family.id, limit: 50 })).map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['privacy.request_received', 'privacy.request_delete']));
    // The page behind the link now says there is nothing.
    expect((await getMyData(deps(), token, visitor)).signUps).toEqual([]);
  });

  it('is refused while a hold or a koppeling applies; the person is told why in a mail without personal data', async () => {
    const backoffice = await createStaff(db, { role: 'backoffice' });
    const held = await createRegistration(db, 'vraaggezin', {
      contactName: 'Hanna Hold',
      contactEmail: 'hanna@voorbeeld.nl',
    });
    await createHold(db, { registration: held, reason: 'Er loopt een klacht van Hanna.' });
    const koppeling = await createKoppeling(db, {
      phase: 'active',
      vraaggezin: await createRegistration(db, 'vraaggezin', { contactEmail: 'koppel@voorbeeld.nl' }),
    });
    for (const [id, mailbox] of [
      [held.id, 'hanna@voorbeeld.nl'],
      [koppeling.vraaggezin.id, 'koppel@voorbeeld.nl'],
    ] as const) {
      const token = await askAndOpen(mailbox, mailbox);
      await askErasure(deps(), token, visitor, { registrationId: id, confirm: 'ja' });
    }
    const queue = await listRequests(deps(), backoffice.context);
    const before = (await queuedEmails(db)).length;
    for (const id of [held.id, koppeling.vraaggezin.id]) {
      const request = queue.requests.find((r) => r.signUp?.id === id)!;
      expect(await confirmRequest({ ...deps(), dataDir: '/nonexistent' }, backoffice.context, request.id)).toEqual({
        status: 'refused',
      });
      expect(await createRegistrationsRepository({ db }).getById(id)).toBeDefined();
    }
    const mails = (await queuedEmails(db)).slice(before);
    expect(mails.map((mail) => [mail.to, mail.data])).toEqual([
      ['hanna@voorbeeld.nl', { kind: 'refused', reason: 'held' }],
      ['koppel@voorbeeld.nl', { kind: 'refused', reason: 'open_koppeling' }],
    ]);
    expect(JSON.stringify(mails)).not.toMatch(/Hanna Hold|klacht van Hanna/);
    const after = await listRequests(deps(), backoffice.context);
    expect(after.requests.find((r) => r.signUp?.id === held.id)).toMatchObject({ status: 'refused', refusal: 'held' });
    const entries = await createAuditRepository({ db }).list({ recordId: held.id, limit: 50 });
    expect(entries.find((entry) => entry.action === 'privacy.request_refused')?.detail).toMatchObject({
      reason: 'held',
    });
    expect(JSON.stringify(entries)).not.toContain('klacht van Hanna');
  });
});

describe('retention of links and requests', () => {
  it('the daily run deletes expired links, and closed requests a year after they were answered (open ones stay)', async () => {
    const backoffice = await createStaff(db, { role: 'backoffice' });
    const family = await createRegistration(db, 'vraaggezin', { contactEmail: 'bewaar.termijn@voorbeeld.nl' });
    const stays = await createRegistration(db, 'vraaggezin', { contactEmail: 'blijft.open@voorbeeld.nl' });
    const token = await askAndOpen('bewaar.termijn@voorbeeld.nl', 'bewaar.termijn@voorbeeld.nl');
    await askErasure(deps(), token, visitor, { registrationId: family.id, confirm: 'ja' });
    await askErasure(deps(), await askAndOpen('blijft.open@voorbeeld.nl', 'blijft.open@voorbeeld.nl'), visitor, {
      registrationId: stays.id,
      confirm: 'ja',
    });
    const queue = (await listRequests(deps(), backoffice.context)).requests;
    const closed = queue.find((r) => r.signUp?.id === family.id)!;
    const stillOpen = queue.find((r) => r.signUp?.id === stays.id)!;
    await confirmRequest({ ...deps(), dataDir: '/nonexistent' }, backoffice.context, closed.id);
    const count = async () =>
      (await listRequests(deps(), backoffice.context)).requests.filter((r) => r.id === closed.id).length;
    const run = (at: Date) =>
      runRetention({ db, clock: () => at, log: createLogger('error', 'test'), dataDir: '/nonexistent' });

    await run(new Date(now.getTime() + 2 * 86_400_000));
    expect(await codeOf(getMyData(deps(), token, visitor))).toBe('requests.link_gone:404');
    expect(await count()).toBe(1);
    await run(new Date(now.getTime() + 367 * 86_400_000));
    expect(await count()).toBe(0);
    // An open request stays, even when the retention job took its sign-up first (then "afhandelen" closes it as done).
    const open = (await listRequests(deps(), backoffice.context)).requests.filter((r) => r.id === stillOpen.id);
    expect(open.map((r) => r.status)).toEqual(['open']);
  });
});
