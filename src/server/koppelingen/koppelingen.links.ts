/**
 * What the koppelingen and screening domains need from other domains, in one place: the
 * sign-ups (registrations), the pipeline status and its history (inbox), the family's recruitment
 * profiles, and who to alert. Every function takes the caller's transaction, so a koppeling and
 * the statuses that follow it commit together.
 */
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { anyUuid } from '~/server/db/columns.helpers';
import type { DbOrTx } from '~/server/db/db';
import { gemeenten } from '~/server/gemeenten/gemeenten.table';
import { inboxHistory, inboxItems } from '~/server/inbox/inbox.table';
import { profiles } from '~/server/profiles/profiles.table';
import { registrations } from '~/server/registrations/registrations.table';
import { staffGemeenten, staffRegions, staffUsers } from '~/server/staff/staff.table';

export type RegistrationRecord = typeof registrations.$inferSelect;

/** One sign-up, optionally locked for the rest of the transaction. */
export async function findRegistration(db: DbOrTx, id: string, lock = false) {
  const query = db.select().from(registrations).where(eq(registrations.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** The columns lists and the shortlist need, for many sign-ups at once. */
export async function findRegistrations(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: registrations.id,
      kind: registrations.kind,
      gemeenteSlug: registrations.gemeenteSlug,
      kern: registrations.kern,
      contactName: registrations.contactName,
      status: registrations.status,
      profileId: registrations.profileId,
      createdAt: registrations.createdAt,
    })
    .from(registrations)
    .where(anyUuid(registrations.id, ids));
}

/**
 * The inbox status of a sign-up follows its screening and koppeling (gesprekken, goedgekeurd,
 * voorgesteld, gekoppeld, afgerond): the status, when it changed and a history line that says why
 * (`detail`, e.g. { koppeling: id }). Nothing when unchanged.
 */
export async function followStatus(
  tx: DbOrTx,
  input: {
    registrationId: string;
    to: string;
    staffId: string | null;
    now: Date;
    detail: Record<string, unknown>;
    note?: string;
  },
) {
  const [row] = await tx
    .select({ status: registrations.status })
    .from(registrations)
    .where(eq(registrations.id, input.registrationId))
    .for('update');
  if (!row || row.status === input.to) return;
  await tx
    .update(registrations)
    .set({ status: input.to, updatedAt: input.now })
    .where(eq(registrations.id, input.registrationId));
  const item = { statusChangedAt: input.now, statusNote: input.note ?? null };
  await tx
    .insert(inboxItems)
    .values({ registrationId: input.registrationId, ...item })
    .onConflictDoUpdate({ target: inboxItems.registrationId, set: item });
  await tx.insert(inboxHistory).values({
    registrationId: input.registrationId,
    staffId: input.staffId,
    at: input.now,
    change: 'status',
    fromValue: row.status,
    toValue: input.to,
    detail: { ...input.detail, ...(input.note ? { note: input.note } : {}) },
  });
}

/** A vraaggezin's recruitment profiles, newest first (for the shortlist: days, ages, sleep-overs). */
export async function familyProfiles(db: DbOrTx, registrationId: string) {
  return db
    .select({
      id: profiles.id,
      status: profiles.status,
      title: profiles.title,
      days: profiles.days,
      sleepovers: profiles.sleepovers,
      children: profiles.children,
      supportKinds: profiles.supportKinds,
      postings: profiles.postings,
    })
    .from(profiles)
    .where(eq(profiles.registrationId, registrationId))
    .orderBy(profiles.createdAt)
    .limit(20);
}

/** The family found a steungezin: its published profiles show "Er is een steungezin gevonden". Returns their ids. */
export async function markFamilyProfilesMatched(tx: DbOrTx, registrationId: string, now: Date) {
  const rows = await tx
    .update(profiles)
    .set({ status: 'matched', matchedAt: now, updatedAt: now })
    .where(and(eq(profiles.registrationId, registrationId), eq(profiles.status, 'published')))
    .returning({ id: profiles.id, gemeenteSlug: profiles.gemeenteSlug });
  return rows;
}

/**
 * Who hears of a safety concern at once: the regional coordinator(s) of the gemeente's region,
 * the national office, and the gemeente's coordinators; never the person who raised it.
 */
export async function safetyRecipients(tx: DbOrTx, gemeenteSlug: string, raisedBy: string | null) {
  const [gemeente] = await tx
    .select({ region: gemeenten.region })
    .from(gemeenten)
    .where(eq(gemeenten.slug, gemeenteSlug));
  const regional = gemeente
    ? tx.select({ id: staffRegions.staffId }).from(staffRegions).where(eq(staffRegions.region, gemeente.region))
    : undefined;
  const coordinators = tx
    .select({ id: staffGemeenten.staffId })
    .from(staffGemeenten)
    .where(eq(staffGemeenten.gemeenteSlug, gemeenteSlug));
  const rows = await tx
    .select({ id: staffUsers.id, email: staffUsers.email, role: staffUsers.role })
    .from(staffUsers)
    .where(
      and(
        isNull(staffUsers.disabledAt),
        or(
          eq(staffUsers.role, 'backoffice'),
          regional ? and(eq(staffUsers.role, 'regional'), inArray(staffUsers.id, regional)) : undefined,
          and(eq(staffUsers.role, 'coordinator'), inArray(staffUsers.id, coordinators)),
        ),
      ),
    );
  return rows.filter((r) => r.id !== raisedBy);
}

/** A staff account that may still sign in (for the agenda feed, which has no session). */
export async function findActiveStaff(db: DbOrTx, staffId: string) {
  const [row] = await db
    .select({ id: staffUsers.id, role: staffUsers.role })
    .from(staffUsers)
    .where(and(eq(staffUsers.id, staffId), isNull(staffUsers.disabledAt)));
  return row;
}
