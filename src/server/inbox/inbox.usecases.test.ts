import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffContext } from '~/server/access/permissions';
import { createAuditRepository } from '~/server/audit/audit.repository';
import type { Database } from '~/server/db/db';
import { isAppError } from '~/server/errors/errors';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { registrations } from '~/server/registrations/registrations.table';
import { createTestDatabase } from '~tests/support/database';
import {
  createKoppeling,
  createRegistration,
  createStaff,
  type RegistrationOverrides,
  type StaffOptions,
} from '~tests/support/factories';
import { allowedTransitions } from './inbox.pipeline';
import {
  addContact,
  addNote,
  assignRegistration,
  changeStatus,
  getRegistrationForStaff,
  type InboxDeps,
  linkFamily,
  listInbox,
  markDuplicate,
  parseInboxFilter,
} from './inbox.usecases';

let db: Database;
const now = new Date('2026-11-23T10:00:00Z');
const deps = (): InboxDeps => ({ db, clock: () => now });
let coordinatorA: StaffContext;
let coordinatorB: StaffContext;
let regional: StaffContext;

const staff = async (options: StaffOptions) =>
  (await createStaff(db, { clientAddress: '192.0.2.1', ...options })).context;

const signUp = (
  gemeente: string,
  kind: 'vraaggezin' | 'steungezin' | 'verwijzing' = 'vraaggezin',
  extra: RegistrationOverrides<typeof kind> = {},
) => createRegistration(db, kind, { gemeenteSlug: gemeente, createdAt: now, ...extra });

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (isAppError(e) ? e.code : String(e)),
  );

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  coordinatorA = await staff({ role: 'coordinator', gemeenten: ['beekdaelen'] });
  coordinatorB = await staff({ role: 'coordinator', gemeenten: ['haarlem'] });
  regional = await staff({ role: 'regional', regions: ['Noord-Holland'] });
});

describe('pipeline', () => {
  it('moves a vraaggezin forward one step at a time, back one step, or out by a side exit', () => {
    expect(allowedTransitions('vraaggezin', 'new')).toEqual([
      'contacted',
      'referred_elsewhere',
      'not_suitable',
      'withdrawn',
    ]);
    expect(allowedTransitions('vraaggezin', 'intake_1')).toEqual([
      'intake_2',
      'contacted',
      'referred_elsewhere',
      'not_suitable',
      'withdrawn',
    ]);
    // Voorgesteld, gekoppeld and afgerond follow the koppeling, goedgekeurd the screening: never a button.
    expect(allowedTransitions('vraaggezin', 'profile_published')).not.toContain('proposed');
    expect(allowedTransitions('vraaggezin', 'matched')).toEqual(['referred_elsewhere', 'not_suitable', 'withdrawn']);
    expect(allowedTransitions('vraaggezin', 'matched', { openKoppeling: true })).toEqual([]);
    expect(allowedTransitions('vraaggezin', 'not_suitable')).toEqual(['contacted']);
    expect(allowedTransitions('steungezin', 'vog_requested')).toEqual(['intake_2', 'not_suitable', 'withdrawn']);
    expect(allowedTransitions('verwijzing', 'contacted')).toContain('linked_to_family');
  });
});

describe('sign-up changes', () => {
  it('records status changes with history and audit, and refuses jumps and stale forms', async () => {
    const r = await signUp('beekdaelen');
    await changeStatus(deps(), coordinatorA, r.id, { to: 'contacted', from: 'new' });
    expect(await codeOf(changeStatus(deps(), coordinatorA, r.id, { to: 'matched' }))).toBe('inbox.invalid_transition');
    expect(await codeOf(changeStatus(deps(), coordinatorA, r.id, { to: 'intake_1', from: 'new' }))).toBe(
      'inbox.stale_status',
    );
    expect(await codeOf(changeStatus(deps(), coordinatorA, r.id, { to: 'not_suitable' }))).toBe('inbox.note_required');
    await changeStatus(deps(), coordinatorA, r.id, { to: 'intake_1', from: 'contacted' });
    const page = await getRegistrationForStaff(deps(), coordinatorA, r.id);
    expect(page.registration.status).toBe('intake_1');
    expect(page.history.map((h) => h.text)).toEqual([
      'Status van Contact gelegd naar Kennismaking 1',
      'Status van Nieuw naar Contact gelegd',
    ]);
    const audit = await createAuditRepository({ db }).list({ recordId: r.id, limit: 50 });
    expect(audit.map((a) => a.action).sort()).toEqual([
      'registration.status',
      'registration.status',
      'registration.view',
    ]);
    expect(audit.every((a) => a.clientAddress === '192.0.2.1' && a.staffId === coordinatorA.staff.id)).toBe(true);
  });

  it('asks why a family is referred elsewhere, from the fixed list, and keeps where to in the note', async () => {
    const r = await signUp('beekdaelen');
    const refer = (reason?: string) =>
      changeStatus(deps(), coordinatorA, r.id, { to: 'referred_elsewhere', from: 'new', note: 'GGZ Noord', reason });
    expect(await codeOf(refer())).toBe('inbox.invalid_input');
    expect(await codeOf(refer('omdat het moet'))).toBe('inbox.invalid_input');
    expect((await getRegistrationForStaff(deps(), coordinatorA, r.id)).registration.status).toBe('new');
    const offered = (await getRegistrationForStaff(deps(), coordinatorA, r.id)).transitions;
    expect(offered.find((t) => t.to === 'referred_elsewhere')?.needsReason).toBe(true);
    expect(offered.find((t) => t.to === 'not_suitable')?.needsReason).toBe(false);
    await refer('professional_help');
    const page = await getRegistrationForStaff(deps(), coordinatorA, r.id);
    expect(page.registration.status).toBe('referred_elsewhere');
    expect(page.history[0]?.text).toBe(
      'Status van Nieuw naar Doorverwezen (De vraag is te zwaar: professionele hulp nodig): GGZ Noord',
    );
  });

  it('never stores a BSN in a note, a contact summary or a status note (issue 12)', async () => {
    const r = await signUp('beekdaelen');
    const bsn = 'ADHD en autisme, BSN 123456782';
    expect(await codeOf(addNote(deps(), coordinatorA, r.id, bsn, { healthConfirmed: true }))).toBe('inbox.bsn');
    expect(
      await codeOf(
        addContact(deps(), coordinatorA, r.id, {
          channel: 'call',
          contactedOn: '2026-11-23',
          summary: 'Moeder gaf haar burgerservicenummer: 1234.56.782',
          healthConfirmed: true,
        }),
      ),
    ).toBe('inbox.bsn');
    expect(await codeOf(changeStatus(deps(), coordinatorA, r.id, { to: 'withdrawn', note: 'Zie BSN 111222333' }))).toBe(
      'inbox.bsn',
    );
    const page = await getRegistrationForStaff(deps(), coordinatorA, r.id);
    expect(page.notes).toEqual([]);
    expect(page.contacts).toEqual([]);
    expect(page.registration.status).toBe('new');
  });

  it('asks whether a diagnosis in a note is needed for the next step, and saves it once confirmed', async () => {
    const r = await signUp('beekdaelen');
    const warning = await addNote(deps(), coordinatorA, r.id, 'Zoon heeft ADHD, moeder is chronisch ziek.').then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAppError(warning, 'inbox.health_words')).toBe(true);
    expect((warning as { details: { words: string[] } }).details.words).toEqual(['adhd', 'chronisch ziek']);
    expect((warning as Error).message).toMatch(/nodig is voor de volgende stap/);
    expect((await getRegistrationForStaff(deps(), coordinatorA, r.id)).notes).toEqual([]);

    await addNote(deps(), coordinatorA, r.id, 'Zoon heeft ADHD, moeder is chronisch ziek.', { healthConfirmed: true });
    await addNote(deps(), coordinatorA, r.id, 'Moeder wil graag op woensdag.');
    expect(
      await codeOf(
        addContact(deps(), coordinatorA, r.id, {
          channel: 'call',
          contactedOn: '2026-11-23',
          summary: 'Vader heeft een burn-out.',
        }),
      ),
    ).toBe('inbox.health_words');
    const page = await getRegistrationForStaff(deps(), coordinatorA, r.id);
    expect(page.notes.map((n) => n.body).sort()).toEqual([
      'Moeder wil graag op woensdag.',
      'Zoon heeft ADHD, moeder is chronisch ziek.',
    ]);
    expect(page.contacts).toEqual([]);
  });

  it('hides a sign-up of another gemeente as not found, for reading and every change', async () => {
    const r = await signUp('beekdaelen');
    expect(await codeOf(getRegistrationForStaff(deps(), coordinatorB, r.id))).toBe('access.not_found');
    expect(await codeOf(getRegistrationForStaff(deps(), coordinatorB, '00000000-0000-4000-8000-000000000000'))).toBe(
      'access.not_found',
    );
    expect(await codeOf(changeStatus(deps(), coordinatorB, r.id, { to: 'contacted' }))).toBe('access.not_found');
    expect(await codeOf(addNote(deps(), coordinatorB, r.id, 'hoi'))).toBe('access.not_found');
    expect(await codeOf(assignRegistration(deps(), coordinatorB, r.id, coordinatorB.staff.id))).toBe(
      'access.not_found',
    );
    expect(await codeOf(getRegistrationForStaff(deps(), regional, r.id))).toBe('access.not_found');
    expect((await createRegistrationsRepository({ db }).getById(r.id))!.status).toBe('new');
  });

  it('lets regional staff read and add notes in their region, but not change status or assignment', async () => {
    const r = await signUp('haarlem');
    expect(await codeOf(getRegistrationForStaff(deps(), regional, r.id))).toBe('ok');
    expect(await codeOf(addNote(deps(), regional, r.id, 'Meegelezen, ziet er goed uit.'))).toBe('ok');
    expect(await codeOf(changeStatus(deps(), regional, r.id, { to: 'contacted' }))).toBe('access.forbidden');
    expect(await codeOf(assignRegistration(deps(), regional, r.id, regional.staff.id))).toBe('access.forbidden');
  });

  it('assigns only to staff who work in the gemeente', async () => {
    const r = await signUp('beekdaelen');
    expect(await codeOf(assignRegistration(deps(), coordinatorA, r.id, coordinatorB.staff.id))).toBe(
      'inbox.invalid_input',
    );
    await assignRegistration(deps(), coordinatorA, r.id, coordinatorA.staff.id);
    const mine = await listInbox(deps(), coordinatorA, { mine: true });
    expect(mine.rows.map((x) => x.id)).toEqual([r.id]);
  });

  it('moves a sign-up in an open koppeling only through the koppeling', async () => {
    const koppeling = await createKoppeling(db, { phase: 'proposed' });
    expect(await codeOf(changeStatus(deps(), coordinatorA, koppeling.vraaggezin.id, { to: 'withdrawn' }))).toBe(
      'inbox.invalid_transition',
    );
    const page = await getRegistrationForStaff(deps(), coordinatorA, koppeling.vraaggezin.id);
    expect(page.transitions).toEqual([]);
    expect(page.followedHint).toBe('De status volgt de koppeling. Verander hem op de pagina van de koppeling.');
    expect(page.koppelingen.map((k) => k.id)).toEqual([koppeling.id]);
  });

  it('links a verwijzing to a vraaggezin and a duplicate to its original, within one gemeente only', async () => {
    const family = await signUp('beekdaelen');
    const verwijzing = await signUp('beekdaelen', 'verwijzing');
    const elsewhere = await signUp('haarlem');
    expect(await codeOf(linkFamily(deps(), coordinatorA, verwijzing.id, elsewhere.id))).toBe('inbox.invalid_input');
    expect(await codeOf(linkFamily(deps(), coordinatorA, verwijzing.id, 'geen-id'))).toBe('inbox.invalid_input');
    expect(await codeOf(linkFamily(deps(), coordinatorA, family.id, verwijzing.id))).toBe('inbox.invalid_input');
    await linkFamily(deps(), coordinatorA, verwijzing.id, family.id);
    expect((await getRegistrationForStaff(deps(), coordinatorA, verwijzing.id)).item!.familyRegistrationId).toBe(
      family.id,
    );
    const repeat = await signUp('beekdaelen');
    expect(await codeOf(markDuplicate(deps(), coordinatorA, repeat.id, repeat.id))).toBe('inbox.invalid_input');
    await markDuplicate(deps(), coordinatorA, repeat.id, family.id);
    expect((await createRegistrationsRepository({ db }).getById(repeat.id))!.duplicateOfId).toBe(family.id);
  });
});

describe('inbox list', () => {
  it('pages newest first by keyset without gaps or repeats, only within my gemeenten, with unread markers', async () => {
    const fresh = await createTestDatabase();
    const localDb = fresh.db;
    const { context: ctx } = await createStaff(localDb, { gemeenten: ['heerenveen'] });
    // 130 sign-ups in heerenveen, 20 with the same timestamp (tie-break on id), 40 elsewhere.
    for (let g = 1; g <= 170; g++)
      await createRegistration(localDb, 'vraaggezin', {
        gemeenteSlug: g <= 130 ? 'heerenveen' : 'haarlem',
        createdAt: new Date(Date.UTC(2026, 0, 1) + (g >= 50 && g <= 69 ? 50 : g) * 3600_000),
      });
    const localDeps = { db: localDb, clock: () => now };
    const seen: string[] = [];
    let after: { createdAt: Date; id: string } | undefined;
    let pages = 0;
    do {
      const page = await listInbox(localDeps, ctx, { after });
      for (const row of page.rows) {
        expect(row.gemeenteSlug).toBe('heerenveen');
        expect(row.unread).toBe(true);
      }
      seen.push(...page.rows.map((r) => r.id));
      after = page.next ?? undefined;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(130);
    expect(new Set(seen).size).toBe(130);
    const all = await localDb
      .select({ id: registrations.id, createdAt: registrations.createdAt })
      .from(registrations)
      .where(eq(registrations.gemeenteSlug, 'heerenveen'));
    const expected = all
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((r) => r.id);
    expect(seen).toEqual(expected);
    await getRegistrationForStaff(localDeps, ctx, seen[0]!);
    const first = await listInbox(localDeps, ctx, {});
    expect(first.rows[0]!.unread).toBe(false);
    expect(first.rows[1]!.unread).toBe(true);
    expect(await codeOf(listInbox(localDeps, ctx, { gemeente: 'haarlem' }))).toBe('access.not_found');
  });

  it('parses the filter form leniently', () => {
    const f = parseInboxFilter(
      new URLSearchParams(
        'soort=steungezin&status=onzin&gemeente=Beek daelen&mijn=1&opvolging=te-laat&na=2026-01-01T00:00:00.000Z_00000000-0000-4000-8000-000000000000',
      ),
    );
    expect(f).toEqual({
      kind: 'steungezin',
      status: undefined,
      gemeente: undefined,
      mine: true,
      withoutCoordinator: false,
      overdue: true,
      consentToAsk: false,
      after: { createdAt: new Date('2026-01-01T00:00:00Z'), id: '00000000-0000-4000-8000-000000000000' },
    });
  });
});

describe('inbox list at a glance', () => {
  it('shows name, kern and what the family asks for, and logs which sign-ups were shown to whom', async () => {
    const { db: own } = await createTestDatabase();
    const coordinator = (await createStaff(own, { gemeenten: ['beekdaelen'], clientAddress: '192.0.2.7' })).context;
    const family = await createRegistration(own, 'vraaggezin', {
      contactName: 'Sanne Bessems',
      kern: 'Schimmert',
      details: { children: [{ age: 6 }, { age: 9 }], supportWishes: ['vaste-middag', 'luisterend-oor'] },
    });
    const volunteer = await createRegistration(own, 'steungezin', {
      contactName: 'Familie Willems',
      kern: 'Oirsbeek',
      details: { frequency: 'wekelijks', days: ['wo', 'za'] },
    });
    const page = await listInbox({ db: own, clock: () => now }, coordinator, {});
    const row = (id: string) => page.rows.find((shown) => shown.id === id)!;
    expect(row(family.id)).toMatchObject({ contactName: 'Sanne Bessems', kern: 'Schimmert' });
    expect(row(family.id).asks).toBe('Vaste middag, luisterend oor · kinderen van 6 en 9 jaar');
    expect(row(volunteer.id).asks).toBe('Biedt: elke week, op woensdag en zaterdag');

    const [entry] = await createAuditRepository({ db: own }).list({ staffId: coordinator.staff.id, limit: 5 });
    expect(entry).toMatchObject({ action: 'inbox.list', clientAddress: '192.0.2.7' });
    expect((entry!.detail as { shown: string[] }).shown.sort()).toEqual([family.id, volunteer.id].sort());
  });

  it('marks a repeat from the same phone and links both ways, in the list and on both records', async () => {
    const { db: own } = await createTestDatabase();
    const ownDeps = { db: own, clock: () => now };
    const coordinator = (await createStaff(own, { gemeenten: ['beekdaelen'] })).context;
    const first = await createRegistration(own, 'vraaggezin', {
      contactPhone: '+31612340001',
      contactEmail: 'sanne@voorbeeld.nl',
      createdAt: new Date('2026-11-01T10:00:00Z'),
    });
    // Three weeks later, from the same phone but another address: not caught as a repeat at sign-up.
    const again = await createRegistration(own, 'vraaggezin', {
      contactPhone: '+31612340001',
      contactEmail: 'sanne.b@voorbeeld.nl',
      createdAt: new Date('2026-11-22T10:00:00Z'),
    });
    const page = await listInbox(ownDeps, coordinator, {});
    const row = (id: string) => page.rows.find((shown) => shown.id === id)!;
    expect(row(again.id).links).toEqual([{ kind: 'same-contact', id: first.id, createdAt: first.createdAt }]);
    expect(row(first.id).links).toEqual([{ kind: 'same-contact', id: again.id, createdAt: again.createdAt }]);
    const record = await getRegistrationForStaff(ownDeps, coordinator, first.id);
    expect(record.related.duplicates.map((other) => other.id)).toEqual([again.id]);
  });

  it('shows a referral linked to a family on both rows and on the family’s record', async () => {
    const { db: own } = await createTestDatabase();
    const ownDeps = { db: own, clock: () => now };
    const coordinator = (await createStaff(own, { gemeenten: ['beekdaelen'] })).context;
    const family = await createRegistration(own, 'vraaggezin', { contactName: 'Kim Vossen' });
    const referral = await createRegistration(own, 'verwijzing', { contactName: 'Kim Vossen' });
    await linkFamily(ownDeps, coordinator, referral.id, family.id);
    const page = await listInbox(ownDeps, coordinator, {});
    const row = (id: string) => page.rows.find((shown) => shown.id === id)!;
    expect(row(referral.id).links).toContainEqual({ kind: 'family', id: family.id, name: 'Kim Vossen' });
    expect(row(family.id).links).toContainEqual({
      kind: 'referral',
      id: referral.id,
      referrer: 'Kindcentrum De Bongerd',
    });
    const record = await getRegistrationForStaff(ownDeps, coordinator, family.id);
    expect(record.related.referrals).toEqual([
      expect.objectContaining({ id: referral.id, organisationName: 'Kindcentrum De Bongerd' }),
    ]);
  });

  it('shows the regional coordinator and the office the sign-ups of gemeenten without a coordinator', async () => {
    const { db: own } = await createTestDatabase();
    const ownDeps = { db: own, clock: () => now };
    await createStaff(own, { gemeenten: ['haarlem'] });
    const regionalCtx = (await createStaff(own, { role: 'regional', regions: ['Noord-Holland'] })).context;
    const office = (await createStaff(own, { role: 'backoffice' })).context;
    const inHaarlem = await createRegistration(own, 'vraaggezin', { gemeenteSlug: 'haarlem' });
    const inUithoorn = await createRegistration(own, 'vraaggezin', { gemeenteSlug: 'uithoorn' });
    const inBeekdaelen = await createRegistration(own, 'vraaggezin', { gemeenteSlug: 'beekdaelen' });

    const all = await listInbox(ownDeps, regionalCtx, {});
    const flag = (rows: typeof all.rows, id: string) => rows.find((shown) => shown.id === id)?.withoutCoordinator;
    expect(flag(all.rows, inUithoorn.id)).toBe(true);
    expect(flag(all.rows, inHaarlem.id)).toBe(false);
    const unowned = await listInbox(ownDeps, regionalCtx, { withoutCoordinator: true });
    expect(unowned.rows.map((shown) => shown.id)).toEqual([inUithoorn.id]);
    const forOffice = await listInbox(ownDeps, office, { withoutCoordinator: true });
    expect(forOffice.rows.map((shown) => shown.id).sort()).toEqual([inUithoorn.id, inBeekdaelen.id].sort());
    expect(parseInboxFilter(new URLSearchParams('zonder-coordinator=1')).withoutCoordinator).toBe(true);
  });
});
