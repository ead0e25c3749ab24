import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffContext } from '~/server/access/permissions';
import { createAuditRepository } from '~/server/audit/audit.repository';
import type { Database } from '~/server/db/db';
import { isAppError } from '~/server/errors/errors';
import { changeStatus } from '~/server/inbox/inbox.usecases';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { createTestDatabase } from '~tests/support/database';
import { createRegistration, createStaff, type RegistrationOverrides } from '~tests/support/factories';
import { createProfileCache } from './profiles.cache';
import {
  addPosting,
  approveProfile,
  createProfile,
  getProfileForStaff,
  getPublicProfile,
  latestPublicProfiles,
  listProfilesForStaff,
  listPublicProfiles,
  markPostingRemoved,
  markProfileMatched,
  newProfileForm,
  type ProfileDeps,
  publishProfile,
  sendBackProfile,
  updateProfile,
  withdrawProfile,
} from './profiles.usecases';

let db: Database;
const now = new Date('2026-11-23T10:00:00Z');
const cache = createProfileCache(1000, () => now.getTime());
const deps = (): ProfileDeps => ({ db, clock: () => now, cache });
let coordinator: StaffContext;
let otherCoordinator: StaffContext;

const staff = async (gemeente: string, displayName?: string) =>
  (await createStaff(db, { gemeenten: [gemeente], clientAddress: '192.0.2.7', displayName })).context;

/** Regional staff (region of Beekdaelen) or backoffice, for the second look. */
const staffWithRole = async (role: 'regional' | 'backoffice', displayName: string) =>
  (
    await createStaff(db, {
      role,
      displayName,
      regions: role === 'regional' ? ['Zuid-Limburg'] : undefined,
      clientAddress: '192.0.2.8',
    })
  ).context;

/** A vraaggezin whose details the profile form suggests from (and whose name the check must catch). */
const family = (gemeente = 'beekdaelen', overrides: RegistrationOverrides<'vraaggezin'> = {}) =>
  createRegistration(db, 'vraaggezin', {
    gemeenteSlug: gemeente,
    kern: 'Schimmert',
    contactName: 'Priscilla Verhoeven',
    details: { children: [{ age: 7 }, { birthYear: 2023 }], supportWishes: ['vaste-middag', 'logeren'] },
    ...overrides,
  });

const form = (over: Record<string, string | string[]> = {}) => ({
  title: 'Wie maakt woensdag een vrolijke middag?',
  kern: 'Beekdaelen',
  childAge1: '6-8',
  childGender1: 'meisje',
  childAge2: '2-4',
  supportKinds: ['vaste-middag', 'logeren'],
  days: ['wo'],
  frequency: 'wekelijks',
  sleepovers: 'ja',
  story:
    'Een moeder met twee kinderen woont sinds kort in de gemeente en kent nog bijna niemand. Ze doet alles alleen en zou graag wat lucht krijgen.',
  asks: 'Eén middag per week spelen, knutselen of naar de speeltuin.',
  offers: 'Een warm contact, een kind dat opbloeit en steun van de coördinator.',
  ...over,
});

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (isAppError(e) ? e.code : String(e)),
  );

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  coordinator = await staff('beekdaelen');
  otherCoordinator = await staff('haarlem');
});

describe('writing and publishing', () => {
  it('suggests age ranges, not exact ages, from the sign-up', async () => {
    const r = await family();
    const start = await newProfileForm(deps(), coordinator, r.id);
    expect(start.values.childAge1).toBe('6-8');
    expect(start.values.supportKinds).toEqual(['vaste-middag', 'logeren']);
    expect(start.values.kern).toBe('Schimmert');
  });

  it("logs the view of the new-profile page (it shows the family's village and names)", async () => {
    const r = await family();
    await newProfileForm(deps(), coordinator, r.id);
    const views = (await createAuditRepository({ db }).list({ recordId: r.id, limit: 10 })).filter(
      (entry) => entry.action === 'registration.view',
    );
    expect(views).toMatchObject([
      { staffId: coordinator.staff.id, gemeenteSlug: 'beekdaelen', detail: { page: 'new-profile' } },
    ]);
  });

  it('blocks publishing on a name, then publishes once the text is fixed; the public sees it at once', async () => {
    const r = await family('beekdaelen', { status: 'intake_2' });
    const created = await createProfile(
      deps(),
      coordinator,
      r.id,
      form({ story: `${form().story as string} Priscilla en haar dochter Sanne wonen aan de Dorpsstraat 4.` }),
    );
    expect(created.ok).toBe(true);
    const id = (created as { id: string }).id;

    const blocked = await publishProfile(deps(), coordinator, id, {});
    expect(blocked.ok).toBe(false);
    const kinds = (blocked as { openFlags: { kind: string; match: string }[] }).openFlags.map(
      (f) => `${f.kind}:${f.match}`,
    );
    expect(kinds).toEqual(
      expect.arrayContaining(['family-name:Priscilla', 'personal-name:Sanne', 'address:Dorpsstraat 4']),
    );
    expect(await getPublicProfile(deps(), 'beekdaelen', id)).toBeNull();

    // Warm the public cache, then fix and publish: the list must change without waiting.
    expect((await listPublicProfiles(deps(), { gemeente: 'beekdaelen' })).profiles.some((p) => p.id === id)).toBe(
      false,
    );
    expect((await updateProfile(deps(), coordinator, id, form())).ok).toBe(true);
    expect(await publishProfile(deps(), coordinator, id, {})).toEqual({ ok: true, status: 'published' });
    // The family's pipeline moved to "Profiel geplaatst".
    expect((await createRegistrationsRepository({ db }).getById(r.id))!.status).toBe('profile_published');
    const list = await listPublicProfiles(deps(), { gemeente: 'beekdaelen' });
    expect(list.profiles.map((p) => p.id)).toContain(id);
    expect(await latestPublicProfiles(deps(), 'beekdaelen')).toEqual(
      expect.arrayContaining([expect.objectContaining({ id })]),
    );
    const one = await getPublicProfile(deps(), 'beekdaelen', id);
    expect(one).not.toBe('gone');
    expect((one as { view: { title: string } }).view.title).toBe('Wie maakt woensdag een vrolijke middag?');
    // Another gemeente's URL does not show it.
    expect(await getPublicProfile(deps(), 'haarlem', id)).toBeNull();
  });

  it('publishes and moves the family on in one transaction: if the family cannot move on, nothing is published', async () => {
    const r = await family();
    for (const to of ['contacted', 'intake_1', 'intake_2']) await changeStatus(deps(), coordinator, r.id, { to });
    const { id } = (await createProfile(deps(), coordinator, r.id, form())) as { id: string };
    // A fault in the family's step (the inbox history refuses the write) must undo the publish too.
    await db.execute(sql`
      create function refuse_history() returns trigger language plpgsql as $$
      begin raise exception 'history is read-only in this test'; end $$`);
    await db.execute(
      sql.raw(
        `create trigger refuse_history before insert on inbox_history for each row when (new.registration_id = '${r.id}') execute function refuse_history()`,
      ),
    );
    try {
      await expect(publishProfile(deps(), coordinator, id, {})).rejects.toThrow();
    } finally {
      await db.execute(sql`drop trigger refuse_history on inbox_history`);
      await db.execute(sql`drop function refuse_history()`);
    }
    expect((await getProfileForStaff(deps(), coordinator, id)).profile.status).toBe('draft');
    expect(await getPublicProfile(deps(), 'beekdaelen', id)).toBeNull();
    expect((await createRegistrationsRepository({ db }).getById(r.id))!.status).toBe('intake_2');
    // Without the fault both happen, together.
    expect(await publishProfile(deps(), coordinator, id, {})).toEqual({ ok: true, status: 'published' });
    expect((await createRegistrationsRepository({ db }).getById(r.id))!.status).toBe('profile_published');
  });

  it('a kept flag waits for a second staff member, who approves it; both names go to the audit log', async () => {
    const r = await family();
    const maud = await staff('beekdaelen', 'Maud Hendriks');
    const ilse = await staff('beekdaelen', 'Ilse Jacobs');
    const story = `${form().story as string} De oudste, Sanne, houdt van paarden.`;
    const { id } = (await createProfile(deps(), maud, r.id, form({ story }))) as { id: string };
    const blocked = (await publishProfile(deps(), maud, id, {})) as {
      ok: false;
      openFlags: { key: string; kind: string }[];
    };
    expect(blocked.openFlags.map((f) => f.kind)).toEqual(['personal-name']);
    const key = blocked.openFlags[0]!.key;
    const tooShort = (await publishProfile(deps(), maud, id, { [key]: 'mag' })) as {
      ok: false;
      reasonErrors: Record<string, string>;
    };
    expect(tooShort.reasonErrors[key]).toMatch(/10 tekens/);

    // A reason alone no longer publishes: the profile waits for a second look.
    const reason = 'Sanne is hier de naam van het paard, niet van een kind.';
    expect(await publishProfile(deps(), maud, id, { [key]: reason })).toEqual({ ok: true, status: 'review' });
    expect((await getProfileForStaff(deps(), maud, id)).profile.status).toBe('review');
    expect(await getPublicProfile(deps(), 'beekdaelen', id)).toBeNull();
    expect((await listProfilesForStaff(deps(), ilse, { status: 'review' })).map((p) => p.id)).toContain(id);

    // Not by the one who asked, not from another gemeente, not while the text changes.
    expect(await codeOf(approveProfile(deps(), maud, id))).toBe('profile.own_review');
    expect(await codeOf(approveProfile(deps(), otherCoordinator, id))).toBe('profile.not_found');
    expect(await codeOf(updateProfile(deps(), maud, id, form({ story })))).toBe('profile.in_review');

    await approveProfile(deps(), ilse, id);
    const after = await getProfileForStaff(deps(), ilse, id);
    expect(after.profile.status).toBe('published');
    expect(after.flags.every((f) => f.override?.approvedBy === ilse.staff.id)).toBe(true);
    expect(await getPublicProfile(deps(), 'beekdaelen', id)).not.toBeNull();
    const audit = (await createAuditRepository({ db }).list({ recordId: id, limit: 50 })).filter(
      (entry) => entry.action === 'profile.flag_override',
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({
      kind: 'personal-name',
      match: 'Sanne',
      reason,
      proposedBy: 'Maud Hendriks',
      approvedBy: 'Ilse Jacobs',
    });
    expect(audit[0]!.staffId).toBe(ilse.staff.id);
  });

  it('the regional coordinator and backoffice may give the second look; sending back makes it a draft again', async () => {
    const r = await family();
    const maud = await staff('beekdaelen', 'Maud Hendriks');
    const regional = await staffWithRole('regional', 'Rianne Regio');
    const backoffice = await staffWithRole('backoffice', 'Bart Backoffice');
    const story = `${form().story as string} Moeder heeft een burn-out gehad.`;
    const { id } = (await createProfile(deps(), maud, r.id, form({ story }))) as { id: string };
    const first = (await publishProfile(deps(), maud, id, {})) as { ok: false; openFlags: { key: string }[] };
    const reasons = Object.fromEntries(first.openFlags.map((f) => [f.key, 'Moeder wil dit zelf graag noemen.']));
    expect(await publishProfile(deps(), maud, id, reasons)).toEqual({ ok: true, status: 'review' });

    await sendBackProfile(deps(), backoffice, id);
    const back = await getProfileForStaff(deps(), maud, id);
    expect(back.profile.status).toBe('draft');
    expect(back.flags.every((f) => f.override === null)).toBe(true);

    expect(await publishProfile(deps(), maud, id, reasons)).toEqual({ ok: true, status: 'review' });
    await approveProfile(deps(), regional, id);
    expect((await getProfileForStaff(deps(), maud, id)).profile.status).toBe('published');
  });

  it('never publishes contact data, whatever reason is given; the flags say where they are in Dutch', async () => {
    const r = await family();
    const story = `${form().story as string} Bel moeder gerust op (06) 123 456 78 of mail fatima [at] gmail [punt] com.`;
    const { id } = (await createProfile(deps(), coordinator, r.id, form({ story }))) as { id: string };
    const first = (await publishProfile(deps(), coordinator, id, {})) as {
      ok: false;
      openFlags: { key: string; kind: string; blocking: boolean; place: string }[];
    };
    const contact = first.openFlags.filter((f) => f.kind === 'phone' || f.kind === 'email');
    expect(contact.map((f) => [f.kind, f.blocking, f.place])).toEqual([
      ['phone', true, 'in “Het verhaal”'],
      ['email', true, 'in “Het verhaal”'],
    ]);
    const reasons = Object.fromEntries(first.openFlags.map((f) => [f.key, 'moeder vindt het goed']));
    const second = await publishProfile(deps(), coordinator, id, reasons);
    expect(second.ok).toBe(false);
    expect((second as { openFlags: { kind: string }[] }).openFlags.map((f) => f.kind)).toEqual(
      expect.arrayContaining(['phone', 'email']),
    );
    expect((await getProfileForStaff(deps(), coordinator, id)).profile.status).toBe('draft');
    expect(await getPublicProfile(deps(), 'beekdaelen', id)).toBeNull();
  });

  it('returns field errors in Dutch and stores nothing for a bad form', async () => {
    const r = await family();
    const result = await createProfile(
      deps(),
      coordinator,
      r.id,
      form({ title: '', childAge1: 'zeven', childAge2: '', supportKinds: [] }),
    );
    expect(result.ok).toBe(false);
    const errors = (result as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual(['childAge1', 'supportKinds', 'title']);
    expect(errors.childAge1).toMatch(/leeftijd/);
    expect((await newProfileForm(deps(), coordinator, r.id)).existing).toEqual([]);
  });

  it('hides families of another gemeente and refuses profiles for a steungezin', async () => {
    const r = await family();
    expect(await codeOf(createProfile(deps(), otherCoordinator, r.id, form()))).toBe('access.not_found');
    const volunteer = await createRegistration(db, 'steungezin');
    expect(await codeOf(createProfile(deps(), coordinator, volunteer.id, form()))).toBe('profile.not_a_family');
  });
});

describe('responses, matching and posts', () => {
  it('links responses, counts them, matches, takes the oproep offline at once and reminds to take posts down', async () => {
    const r = await family();
    const { id } = (await createProfile(deps(), coordinator, r.id, form())) as { id: string };
    // A response before publishing is not linked (the guard drops unknown or unpublished profiles).
    const early = await createRegistration(db, 'steungezin', { contactName: 'Vroeg', profileId: id });
    expect(early.profileId).toBeNull();
    await publishProfile(deps(), coordinator, id, {});
    await createRegistration(db, 'steungezin', { contactName: 'Joke', profileId: id });
    // A link from another gemeente's form is dropped too.
    const wrongGemeente = await createRegistration(db, 'steungezin', {
      gemeenteSlug: 'haarlem',
      contactName: 'Elders',
      profileId: id,
    });
    expect(wrongGemeente.profileId).toBeNull();

    const page = await getProfileForStaff(deps(), coordinator, id);
    expect(page.responses.map((x) => x.contactName)).toEqual(['Joke']);
    expect((await listProfilesForStaff(deps(), coordinator)).find((p) => p.id === id)?.responses).toBe(1);

    await addPosting(deps(), coordinator, id, { channel: 'facebook', postedOn: '2026-11-22' });
    expect(await codeOf(addPosting(deps(), coordinator, id, { channel: 'facebook', postedOn: '2026-12-01' }))).toBe(
      'profile.invalid_posting',
    );
    expect(
      await codeOf(
        addPosting(deps(), coordinator, id, { channel: 'facebook', postedOn: '2026-11-22', note: 'BSN 123456782' }),
      ),
    ).toBe('profile.bsn');
    await markProfileMatched(deps(), coordinator, id);
    const matched = await getProfileForStaff(deps(), coordinator, id);
    expect(matched.postingsToRemove).toHaveLength(1);
    // As /privacy promises: the oproep leaves the site at once (decision 022); its old address says it was found.
    expect(await getPublicProfile(deps(), 'beekdaelen', id)).toBe('found');
    expect((await latestPublicProfiles(deps(), 'beekdaelen')).some((p) => p.id === id)).toBe(false);
    expect((await listPublicProfiles(deps(), {})).profiles.some((p) => p.id === id)).toBe(false);

    await markPostingRemoved(deps(), coordinator, id, matched.postingsToRemove[0]!.id);
    expect((await getProfileForStaff(deps(), coordinator, id)).postingsToRemove).toEqual([]);
    expect(await codeOf(updateProfile(deps(), coordinator, id, form()))).toBe('profile.not_editable');
  });

  it('filters the national list by gemeente, kern, age group and support', async () => {
    const r = await family('heerenveen');
    const { id } = (await createProfile(
      deps(),
      await staff('heerenveen'),
      r.id,
      form({ kern: 'Jubbega', childAge1: '13-15', childAge2: '', supportKinds: ['weekend'] }),
    )) as { id: string };
    const heerenveenCoordinator = await staff('heerenveen');
    await publishProfile(deps(), heerenveenCoordinator, id, {});
    const ids = async (f: Parameters<typeof listPublicProfiles>[1]) =>
      (await listPublicProfiles(deps(), f)).profiles.map((p) => p.id);
    expect(await ids({})).toContain(id);
    expect(await ids({ gemeente: 'heerenveen' })).toContain(id);
    expect(await ids({ gemeente: 'beekdaelen' })).not.toContain(id);
    expect(await ids({ kern: 'jubbega' })).toContain(id);
    expect(await ids({ ageGroup: '12-18' })).toContain(id);
    expect(await ids({ ageGroup: '0-4' })).not.toContain(id);
    expect(await ids({ support: 'weekend' })).toContain(id);
    expect(await ids({ support: 'logeren' })).not.toContain(id);
    await withdrawProfile(deps(), heerenveenCoordinator, id);
    expect(await ids({})).not.toContain(id);
    expect(await getPublicProfile(deps(), 'heerenveen', id)).toBe('gone');
  });
});
