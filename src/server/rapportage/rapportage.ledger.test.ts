import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffContext } from '~/server/access/permissions';
import type { Database } from '~/server/db/db';
import { changeStatus } from '~/server/inbox/inbox.usecases';
import { childEffects, parentEffects } from '~/server/koppelingen/koppelingen.labels';
import {
  cancelProposal,
  closeKoppeling,
  proposeSteungezin,
  recordMeeting,
  startKoppeling,
} from '~/server/koppelingen/koppelingen.usecases';
import { createLogger } from '~/server/logger';
import { issueFormToken } from '~/server/registrations/form-token';
import { submitRegistration } from '~/server/registrations/registrations.usecases';
import { recordIntake } from '~/server/screening/screening.usecases';
import { createTestDatabase } from '~tests/support/database';
import {
  createKoppeling,
  createProfile,
  createRegistration,
  createStaff,
  createSteungezin,
} from '~tests/support/factories';
import { createRapportageRepository } from './rapportage.repository';
import { reportFacts } from './rapportage.table';

let db: Database;
const now = new Date('2026-11-23T10:00:00Z');
const deps = () => ({ db, clock: () => now });
let coordinator: StaffContext;
const secret = 'test-secret-'.padEnd(40, 'x');

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  coordinator = (await createStaff(db, { role: 'coordinator', gemeenten: ['beekdaelen', 'haarlem'] })).context;
});

const factsOf = (gemeenteSlug: string) =>
  db
    .select()
    .from(reportFacts)
    .where(eq(reportFacts.gemeenteSlug, gemeenteSlug))
    .orderBy(asc(reportFacts.occurredOn), asc(reportFacts.fact));
/** A fact as the report reads it (without its own id, time of writing and import reference). */
const shape = ({
  id: _id,
  recordedAt: _at,
  gemeenteSlug: _g,
  importRecordId: _import,
  ...rest
}: typeof reportFacts.$inferSelect) => rest;

const startForm = (startDate: string) => ({
  startDate,
  what: 'Woensdagmiddag spelen en eten bij het steungezin',
  frequency: 'wekelijks',
  days: ['wo'],
  sleepovers: 'later',
  houseRules: 'We spreken samen af wanneer de kinderen komen.',
  youthCareKinds: ['wijkteam', 'coaching'],
  youthCareIntensity: 'monthly',
  signVraaggezin: 'paper',
  signSteungezin: 'paper',
  paperSignedOn: startDate,
});
const closureForm = (closedOn: string) => ({
  closedOn,
  reason: 'goal_reached',
  reasonNote: 'Sanne heeft nu zelf een netwerk in Nuth',
  continueTogether: 'yes',
  ...Object.fromEntries([...childEffects, ...parentEffects].map((e) => [`effect_${e.value}`, 'yes'])),
  effect_school_results: 'no',
  youthCareFinal: 'reduced',
  wantsAnother: 'yes',
  sat_vraaggezin_match_quality: '9',
});

describe('the ledger, written by the use cases in their own transaction', () => {
  it('records a sign-up with its source and kern, and a repeat within a day not again', async () => {
    const fields = {
      name: 'Sanne Bakker',
      phone: '06-12345678',
      email: 'sanne.ledger@voorbeeld.nl',
      contactTime: 'avond',
      kern: ' schimmert ',
      children: '4 en 7',
      supportWishes: ['vaste-middag'],
      source: 'school',
      consent: 'ja',
    };
    const registrationDeps = {
      db,
      clock: () => now,
      config: { appSecret: secret, registrations: { minFillMs: 3000, limitPerAddressPerHour: 20 } },
      log: createLogger('error'),
    };
    const submit = () =>
      submitRegistration(registrationDeps, {
        kind: 'vraaggezin',
        gemeente: 'haarlem',
        fields: {
          ...fields,
          kern: 'Schalkwijk',
          formToken: issueFormToken({ secret, kind: 'vraaggezin', now: new Date(now.getTime() - 10_000) }),
        },
        clientAddress: '192.0.2.10',
      });
    const first = await submit();
    const repeat = await submit();
    expect(first.ok && repeat.ok && repeat.duplicateOfId).toBeTruthy();
    const facts = (await factsOf('haarlem')).map(shape);
    expect(facts).toEqual([
      {
        occurredOn: '2026-11-23',
        fact: 'registration',
        kind: 'vraaggezin',
        source: 'self',
        kern: 'Schalkwijk',
        code: 'school',
        days: null,
        data: null,
      },
    ]);
  });

  it('follows a family from intake to afronding, with codes and days only', async () => {
    const family = await createRegistration(db, 'vraaggezin', {
      gemeenteSlug: 'beekdaelen',
      kern: 'nuth',
      createdAt: new Date('2026-09-01T08:00:00Z'),
    });
    await changeStatus(deps(), coordinator, family.id, { to: 'contacted', from: 'new' });
    await changeStatus(deps(), coordinator, family.id, { to: 'intake_1', from: 'contacted' });
    await changeStatus(deps(), coordinator, family.id, { to: 'intake_2', from: 'intake_1' });
    await createProfile(db, { registration: family, status: 'published', now: new Date('2026-10-01T09:00:00Z') });
    const steungezin = await createSteungezin(db, { now, gemeenteSlug: 'beekdaelen', kern: 'Nuth' });
    const id = await proposeSteungezin(deps(), coordinator, family.id, {
      steungezinId: steungezin.id,
      proposedOn: '2026-11-02',
    });
    await recordMeeting(deps(), coordinator, id, { meetingOn: '2026-11-05', outcome: 'yes', note: 'Klikte meteen' });
    await startKoppeling(deps(), coordinator, id, startForm('2026-11-10'));
    await closeKoppeling(deps(), coordinator, id, closureForm('2026-11-23'));

    const all = (await factsOf('beekdaelen')).map(shape);
    // The afronding also sends both families the satisfaction survey (rapportage.survey.ts).
    const surveys = all.filter((f) => f.fact === 'survey_sent').map((f) => [f.kind, f.code, f.occurredOn]);
    expect(surveys.sort()).toEqual([
      ['steungezin', 'closure', '2026-11-23'],
      ['vraaggezin', 'closure', '2026-11-23'],
    ]);
    const facts = all.filter((f) => f.fact !== 'survey_sent');
    const effects = Object.fromEntries([...childEffects, ...parentEffects].map((e) => [e.value, 'yes']));
    effects.school_results = 'no';
    expect(facts).toEqual([
      {
        occurredOn: '2026-11-02',
        fact: 'koppeling_proposed',
        kind: 'vraaggezin',
        source: 'self',
        kern: 'Nuth',
        code: null,
        days: null,
        data: null,
      },
      {
        occurredOn: '2026-11-10',
        fact: 'koppeling_started',
        kind: 'vraaggezin',
        source: 'self',
        kern: 'Nuth',
        code: null,
        days: 70,
        data: { youthCareBaseline: ['wijkteam', 'coaching'], daysPublishedToStart: 40 },
      },
      {
        occurredOn: '2026-11-23',
        fact: 'intake',
        kind: 'vraaggezin',
        source: 'self',
        kern: 'Nuth',
        code: null,
        days: null,
        data: null,
      },
      {
        occurredOn: '2026-11-23',
        fact: 'koppeling_ended',
        kind: 'vraaggezin',
        source: 'self',
        kern: 'Nuth',
        code: 'goal_reached',
        days: 13,
        data: {
          effects,
          youthCareBaseline: ['wijkteam', 'coaching'],
          youthCareFinal: 'reduced',
          satisfaction: { vraaggezin: { match_quality: 9 } },
        },
      },
    ]);
    const written = JSON.stringify(await factsOf('beekdaelen'));
    for (const personal of [family.id, steungezin.id, id, family.contactName, 'Sanne heeft', 'Klikte'])
      expect(written).not.toContain(personal);
  });

  it("records exits with the exit as code and a referral's reason (never the note), and proposals that stopped", async () => {
    const family = await createRegistration(db, 'verwijzing', {
      gemeenteSlug: 'beekdaelen',
      kern: 'Ergens anders',
      details: {
        referrer: {
          name: 'Juf Ans',
          organisationType: 'jgz',
          organisationName: 'JGZ Zuid',
          email: 'a@jgz.nl',
          phone: null,
        },
      },
    });
    await changeStatus(deps(), coordinator, family.id, {
      to: 'referred_elsewhere',
      from: 'new',
      note: 'Naar het wijkteam van Nuth',
      reason: 'professional_help',
    });
    const stopped = await createKoppeling(db, { phase: 'proposed', gemeenteSlug: 'beekdaelen', now });
    await cancelProposal(deps(), coordinator, stopped.id, { note: 'Toch niet' });

    const facts = (await factsOf('beekdaelen'))
      .map(shape)
      .filter((f) => ['exit', 'koppeling_not_started'].includes(f.fact));
    expect(facts).toEqual([
      {
        occurredOn: '2026-11-23',
        fact: 'exit',
        kind: 'verwijzing',
        source: 'jgz',
        kern: null,
        code: 'referred_elsewhere',
        days: null,
        data: { referralReason: 'professional_help' },
      },
      {
        occurredOn: '2026-11-23',
        fact: 'koppeling_not_started',
        kind: 'vraaggezin',
        source: 'self',
        kern: 'Amstenrade',
        code: 'cancelled',
        days: null,
        data: null,
      },
    ]);
    expect(JSON.stringify(await factsOf('beekdaelen'))).not.toContain('wijkteam van Nuth');
  });

  it("counts a steungezin's first intake recorded in its screening", async () => {
    const volunteer = await createRegistration(db, 'steungezin', {
      gemeenteSlug: 'haarlem',
      kern: 'Schalkwijk',
      status: 'contacted',
    });
    await recordIntake(deps(), coordinator, volunteer.id, { number: '1', heldOn: '2026-11-20', heldBy: 'Maud' });
    const intakes = (await factsOf('haarlem')).map(shape).filter((f) => f.fact === 'intake');
    expect(intakes).toEqual([
      {
        occurredOn: '2026-11-23',
        fact: 'intake',
        kind: 'steungezin',
        source: 'self',
        kern: 'Schalkwijk',
        code: null,
        days: null,
        data: null,
      },
    ]);
  });

  it('writes nothing when the change fails (same transaction)', async () => {
    const before = (await factsOf('beekdaelen')).length;
    const open = await createKoppeling(db, { phase: 'active', gemeenteSlug: 'beekdaelen', now });
    await expect(
      closeKoppeling(deps(), coordinator, open.id, { ...closureForm('2026-11-23'), reason: '' }),
    ).rejects.toThrow();
    expect((await factsOf('beekdaelen')).length).toBe(before);
  });
});

describe('the backfill of existing records', () => {
  it('writes the facts of what was there, once per gemeente', async () => {
    const family = await createRegistration(db, 'vraaggezin', {
      gemeenteSlug: 'heerenveen',
      kern: 'Akkrum',
      createdAt: new Date('2026-03-31T22:30:00Z'), // 1 April in Amsterdam
    });
    await createKoppeling(db, {
      vraaggezin: family,
      phase: 'closed',
      gemeenteSlug: 'heerenveen',
      proposedOn: '2026-04-10',
      startDate: '2026-04-20',
      closedOn: '2026-10-20',
      now,
    });
    const repo = createRapportageRepository({ db });
    expect(await repo.backfill('heerenveen')).toBeGreaterThan(0);
    expect(await repo.backfill('heerenveen')).toBe(0);
    const facts = (await factsOf('heerenveen')).map(shape);
    const ofFamily = facts.filter((f) => f.kind === 'vraaggezin');
    expect(ofFamily.map((f) => [f.occurredOn, f.fact, f.kern, f.code, f.days])).toEqual([
      ['2026-04-01', 'registration', 'Akkrum', 'vrienden-familie', null],
      ['2026-04-10', 'koppeling_proposed', 'Akkrum', null, null],
      ['2026-04-20', 'koppeling_started', 'Akkrum', null, 19],
      ['2026-10-20', 'koppeling_ended', 'Akkrum', 'goal_reached', 183],
    ]);
    // The steungezin made by the factory is a sign-up too.
    expect(facts.filter((f) => f.kind === 'steungezin').map((f) => f.fact)).toEqual(['registration']);
  });
});
