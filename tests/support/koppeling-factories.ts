/**
 * Test data for screening and koppelingen, made through the real use cases where a person would
 * (intakes, VOGs, checklist, approval, proposal, meeting, start), so a test starts from the same
 * state the portal would be in. Staff contexts and bare sign-ups are made directly.
 */
import { resolveGemeenten, type StaffContext } from '~/server/access/permissions';
import type { Database } from '~/server/db/db';
import { proposeSteungezin, recordMeeting, startKoppeling } from '~/server/koppelingen/koppelingen.usecases';
import { registrations } from '~/server/registrations/registrations.table';
import {
  approveSteungezin,
  recordIntake,
  saveAvailability,
  saveChecklist,
  saveVog,
} from '~/server/screening/screening.usecases';
import { staffGemeenten, staffRegions, staffUsers } from '~/server/staff/staff.table';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function makeStaff(
  db: Database,
  role: 'coordinator' | 'regional' | 'backoffice',
  reach: { gemeenten?: string[]; regions?: string[] } = {},
): Promise<StaffContext> {
  const [row] = await db
    .insert(staffUsers)
    .values({ email: `${role}-${unique()}@example.nl`, displayName: `${role} ${unique()}`, role })
    .returning();
  for (const gemeenteSlug of reach.gemeenten ?? [])
    await db.insert(staffGemeenten).values({ staffId: row!.id, gemeenteSlug });
  for (const region of reach.regions ?? []) await db.insert(staffRegions).values({ staffId: row!.id, region });
  const staff = { id: row!.id, email: row!.email, displayName: row!.displayName, role };
  return { staff, sessionId: 'test', clientAddress: '192.0.2.1', gemeenten: await resolveGemeenten(db, staff) };
}

type SignUpOptions = {
  gemeente: string;
  kern?: string;
  name?: string;
  email?: string | null;
  status?: string;
  profileId?: string | null;
  createdAt?: Date;
};

export async function makeVraaggezin(
  db: Database,
  options: SignUpOptions & { children?: { age: number }[]; supportWishes?: string[] },
) {
  const [row] = await db
    .insert(registrations)
    .values({
      kind: 'vraaggezin',
      gemeenteSlug: options.gemeente,
      kern: options.kern ?? null,
      contactName: options.name ?? `Vraagouder ${unique()}`,
      contactEmail: options.email === undefined ? `vraag-${unique()}@example.nl` : options.email,
      details: {
        kind: 'vraaggezin',
        children: options.children ?? [{ age: 7 }],
        supportWishes: options.supportWishes ?? ['vaste-middag'],
        message: null,
      },
      consents: [],
      status: options.status ?? 'intake_2',
      ...(options.createdAt ? { createdAt: options.createdAt, updatedAt: options.createdAt } : {}),
    })
    .returning();
  return row!;
}

export async function makeSteungezinSignUp(
  db: Database,
  options: SignUpOptions & { adults?: number; days?: string[]; ageGroups?: string[]; sleepovers?: string },
) {
  const [row] = await db
    .insert(registrations)
    .values({
      kind: 'steungezin',
      gemeenteSlug: options.gemeente,
      kern: options.kern ?? null,
      contactName: options.name ?? `Steungezin ${unique()}`,
      contactEmail: options.email === undefined ? `steun-${unique()}@example.nl` : options.email,
      details: {
        kind: 'steungezin',
        adultsInHousehold: options.adults ?? 2,
        ownChildren: [],
        days: options.days ?? ['wo'],
        frequency: 'wekelijks',
        sleepovers: options.sleepovers ?? 'ja',
        ageGroups: options.ageGroups ?? ['4-12'],
        motivation: 'We willen graag een gezin in de buurt helpen.',
        vogWilling: 'ja',
      },
      consents: [],
      status: options.status ?? 'contacted',
      profileId: options.profileId ?? null,
    })
    .returning();
  return row!;
}

const deps = (db: Database, now: Date) => ({ db, clock: () => now });

/**
 * A steungezin that went through the whole screening and is approved: two intakes, a VOG per
 * adult received `vogReceivedOn`, the checklist signed off, availability as given.
 */
export async function makeApprovedSteungezin(
  db: Database,
  ctx: StaffContext,
  now: Date,
  options: SignUpOptions & {
    adults?: number;
    days?: string[];
    ageGroups?: string[];
    sleepovers?: string;
    capacity?: number;
    vogReceivedOn?: string;
    vogValidUntil?: string;
  },
) {
  const steungezin = await makeSteungezinSignUp(db, options);
  const d = deps(db, now);
  const day = now.toISOString().slice(0, 10);
  await recordIntake(d, ctx, steungezin.id, { number: '1', heldOn: day, heldBy: 'Coördinator' });
  await recordIntake(d, ctx, steungezin.id, { number: '2', heldOn: day, heldBy: 'Coördinator' });
  for (let adult = 1; adult <= (options.adults ?? 2); adult++)
    await saveVog(d, ctx, steungezin.id, {
      adult: String(adult),
      name: `Volwassene ${adult}`,
      requestedOn: options.vogReceivedOn ?? day,
      receivedOn: options.vogReceivedOn ?? day,
      ...(options.vogValidUntil ? { validUntil: options.vogValidUntil } : {}),
    });
  await saveChecklist(d, ctx, steungezin.id, {
    checked: ['stable_household', 'time_and_space', 'open_to_cultures', 'keeps_agreements', 'asks_for_help'],
    signOff: 'ja',
  });
  await saveAvailability(d, ctx, steungezin.id, {
    days: options.days ?? ['wo'],
    frequency: 'wekelijks',
    sleepovers: options.sleepovers ?? 'ja',
    ageGroups: options.ageGroups ?? ['4-12'],
    capacity: String(options.capacity ?? 1),
  });
  await approveSteungezin(d, ctx, steungezin.id);
  return steungezin;
}

export const houseRulesText = [
  'We spreken samen af wanneer de kinderen komen en wanneer ze weer thuis zijn.',
  'Maken we ons zorgen over een kind, dan bellen we de coördinator.',
].join('\n');

/** The start form as a coordinator fills it in, with both families signing on paper unless told otherwise. */
export function startForm(startDate: string, over: Record<string, string | string[]> = {}) {
  return {
    startDate,
    what: 'Woensdagmiddag spelen en eten bij het steungezin',
    frequency: 'wekelijks',
    days: ['wo'],
    sleepovers: 'later',
    houseRules: houseRulesText,
    youthCareKinds: ['wijkteam'],
    youthCareIntensity: 'monthly',
    signVraaggezin: 'paper',
    signSteungezin: 'paper',
    paperSignedOn: startDate,
    ...over,
  };
}

/** A koppeling through proposal and a kennismaking that clicked, started on `startDate` (may be in the past). */
export async function makeActiveKoppeling(
  db: Database,
  ctx: StaffContext,
  now: Date,
  input: { vraaggezinId: string; steungezinId: string; startDate: string },
) {
  const d = deps(db, now);
  const id = await proposeSteungezin(d, ctx, input.vraaggezinId, {
    steungezinId: input.steungezinId,
    proposedOn: input.startDate,
  });
  await recordMeeting(d, ctx, id, { meetingOn: input.startDate, outcome: 'yes' });
  await startKoppeling(d, ctx, id, startForm(input.startDate));
  return id;
}
