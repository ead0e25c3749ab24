/**
 * The only code that reads or writes staff accounts (`staff_users`) and where they work
 * (`staff_gemeenten`, `staff_regions`). Auth, the inbox, e-mail, audit and search ask here
 * (docs/architecture.md, "Domains own their tables").
 */
import { and, asc, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import { type StaffRole, staffGemeenten, staffRegions, staffRoleEnum, staffUsers } from './staff.table';

export type { StaffRole };
export type StaffUser = typeof staffUsers.$inferSelect;
export type NotificationMode = StaffUser['notificationMode'];
export const STAFF_ROLES: readonly StaffRole[] = staffRoleEnum.enumValues;

type NewStaffUser = Pick<typeof staffUsers.$inferInsert, 'email' | 'displayName' | 'role'> &
  Partial<Pick<StaffUser, 'passwordHash' | 'totpKeyEncrypted' | 'totpEnrolledAt'>>;

type NamedStaff = { id: string; name: string };

/** Who may be told about a sign-up: see `responsibleCandidates`. */
type Candidate = {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  notificationMode: (typeof staffUsers.$inferSelect)['notificationMode'];
};
/** Able to log in (not switched off, two-step login set up), then by role and where they work. */
const CANDIDATES = [
  `select id, display_name as name, email, role, notification_mode as "notificationMode" from staff_users
   where disabled_at is null and totp_enrolled_at is not null
     and ((role = 'coordinator' and id in (select staff_id from staff_gemeenten where gemeente_slug = `,
  `))
       or (role = 'regional' and id in (select staff_id from staff_regions where region = `,
  `))
       or role = 'backoffice')
   order by created_at, id`,
].map((text) => sql.raw(text));

export function createStaffRepository({ db }: { db: DbOrTx }) {
  /** Id and display name. */
  const named = { id: staffUsers.id, name: staffUsers.displayName };

  return {
    async findById(id: string): Promise<StaffUser | undefined> {
      const [row] = await db.select().from(staffUsers).where(eq(staffUsers.id, id));
      return row;
    },

    /**
     * The account, locked for the rest of the caller's transaction (one code check at a time).
     * 'no key update' still lets other connections insert rows that reference the account (an
     * audit entry written outside the transaction).
     */
    async findByIdForUpdate(
      id: string,
      strength: 'update' | 'no key update' = 'update',
    ): Promise<StaffUser | undefined> {
      const [row] = await db.select().from(staffUsers).where(eq(staffUsers.id, id)).for(strength);
      return row;
    },

    /** E-mail addresses are unique regardless of case. */
    async findByEmail(email: string): Promise<StaffUser | undefined> {
      const [row] = await db.select().from(staffUsers).where(sql`lower(${staffUsers.email}) = ${email.toLowerCase()}`);
      return row;
    },

    /** A new account with the gemeenten (coordinator) or regions (regional coordinator) it works in. */
    async insert(values: NewStaffUser, where: { gemeenten?: readonly string[]; regions?: readonly string[] } = {}) {
      const [row] = await db.insert(staffUsers).values(values).returning({ id: staffUsers.id });
      const staffId = row!.id;
      const gemeenten = [...new Set(where.gemeenten ?? [])];
      const regions = [...new Set(where.regions ?? [])];
      if (gemeenten.length)
        await db.insert(staffGemeenten).values(gemeenten.map((gemeenteSlug) => ({ staffId, gemeenteSlug })));
      if (regions.length) await db.insert(staffRegions).values(regions.map((region) => ({ staffId, region })));
      return { id: staffId };
    },

    /** A new password and TOTP key during the invitation; enrolment starts over. */
    async setPasswordAndTotpKey(id: string, values: { passwordHash: string; totpKeyEncrypted: string }) {
      await db
        .update(staffUsers)
        .set({ ...values, totpEnrolledAt: null, totpLastStep: null })
        .where(eq(staffUsers.id, id));
    },

    async completeTotpEnrolment(id: string, at: Date, step: number) {
      await db.update(staffUsers).set({ totpEnrolledAt: at, totpLastStep: step }).where(eq(staffUsers.id, id));
    },

    /** Remembers the last accepted TOTP time step, so a code works once. */
    async setTotpLastStep(id: string, step: number) {
      await db.update(staffUsers).set({ totpLastStep: step }).where(eq(staffUsers.id, id));
    },

    async setPasswordHash(id: string, passwordHash: string) {
      await db.update(staffUsers).set({ passwordHash }).where(eq(staffUsers.id, id));
    },

    async setNotificationMode(id: string, notificationMode: NotificationMode) {
      await db.update(staffUsers).set({ notificationMode }).where(eq(staffUsers.id, id));
    },

    /** False when there is no such account. */
    async disable(id: string, at: Date): Promise<boolean> {
      const updated = await db
        .update(staffUsers)
        .set({ disabledAt: at })
        .where(eq(staffUsers.id, id))
        .returning({ id: staffUsers.id });
      return updated.length > 0;
    },

    /** Every account, by name, with the gemeenten and regions it works in. */
    async listWithWorkAreas() {
      const users = await db
        .select()
        .from(staffUsers)
        .orderBy(asc(sql`lower(${staffUsers.displayName})`));
      const ids = users.map((user) => user.id);
      const [gemeenten, regions] = ids.length
        ? await Promise.all([
            db.select().from(staffGemeenten).where(inArray(staffGemeenten.staffId, ids)),
            db.select().from(staffRegions).where(inArray(staffRegions.staffId, ids)),
          ])
        : [[], []];
      return users.map((user) => ({
        ...user,
        gemeenten: gemeenten.filter((row) => row.staffId === user.id).map((row) => row.gemeenteSlug),
        regions: regions.filter((row) => row.staffId === user.id).map((row) => row.region),
      }));
    },

    /** The gemeenten a coordinator works in. */
    async gemeenteSlugsOf(staffId: string): Promise<string[]> {
      const rows = await db
        .select({ slug: staffGemeenten.gemeenteSlug })
        .from(staffGemeenten)
        .where(eq(staffGemeenten.staffId, staffId));
      return rows.map((row) => row.slug);
    },

    /** The regions a regional coordinator works in. */
    async regionsOf(staffId: string): Promise<string[]> {
      const rows = await db
        .select({ region: staffRegions.region })
        .from(staffRegions)
        .where(eq(staffRegions.staffId, staffId));
      return rows.map((row) => row.region);
    },

    /** id -> display name (accounts that no longer exist are left out). */
    async namesByIds(ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
      const unique = [...new Set(ids.filter((id): id is string => !!id))];
      if (unique.length === 0) return new Map();
      const rows = await db.select(named).from(staffUsers).where(inArray(staffUsers.id, unique));
      return new Map(rows.map((row) => [row.id, row.name]));
    },

    /**
     * Active staff who work in a gemeente: its coordinators, the regional coordinators of its
     * region, and the backoffice (the national office handles sign-ups anywhere, docs/domain.md).
     */
    async activeStaffOf(gemeente: { slug: string; region: string | null }): Promise<NamedStaff[]> {
      const active = isNull(staffUsers.disabledAt);
      const [coordinators, regional, backoffice] = await Promise.all([
        db
          .select(named)
          .from(staffUsers)
          .innerJoin(staffGemeenten, eq(staffGemeenten.staffId, staffUsers.id))
          .where(and(eq(staffGemeenten.gemeenteSlug, gemeente.slug), active)),
        gemeente.region === null
          ? Promise.resolve([])
          : db
              .select(named)
              .from(staffUsers)
              .innerJoin(staffRegions, eq(staffRegions.staffId, staffUsers.id))
              .where(and(eq(staffRegions.region, gemeente.region), active)),
        db
          .select(named)
          .from(staffUsers)
          .where(and(eq(staffUsers.role, 'backoffice'), active)),
      ]);
      return [...coordinators, ...regional, ...backoffice];
    },

    /**
     * Who can take a sign-up in this gemeente (docs/domain.md, "Who is responsible, always"):
     * its coordinators, the regional coordinators of its region and the national office, each
     * list longest-serving first. Only accounts that can log in count: active and enrolled (an
     * invitation not yet accepted cannot open the inbox). The rule itself is in
     * src/server/responsibility/responsibility.ts.
     */
    async responsibleCandidates(gemeente: { slug: string; region: string }) {
      // One statement for the three lists (a sign-up asks this inside its transaction, issue 18),
      // written out once: built by the query builder it cost a sign-up about 0.1 ms of CPU
      // (docs/decisions/035-prepared-statements.md).
      const people = await db.execute<Candidate>(
        sql`${CANDIDATES[0]}${gemeente.slug}${CANDIDATES[1]}${gemeente.region}${CANDIDATES[2]}`,
      );
      const withRole = (role: StaffRole) => people.filter((candidate) => candidate.role === role);
      const [coordinators, regional, backoffice] = [
        withRole('coordinator'),
        withRole('regional'),
        withRole('backoffice'),
      ];
      return { coordinators, regional, backoffice };
    },

    /** Of these gemeenten, the ones with at least one coordinator who can log in (see responsibleCandidates). */
    async gemeentenWithCoordinator(slugs: readonly string[]): Promise<Set<string>> {
      if (slugs.length === 0) return new Set();
      const rows = await db
        .selectDistinct({ slug: staffGemeenten.gemeenteSlug })
        .from(staffGemeenten)
        .innerJoin(staffUsers, eq(staffUsers.id, staffGemeenten.staffId))
        .where(
          and(
            inArray(staffGemeenten.gemeenteSlug, [...slugs]),
            eq(staffUsers.role, 'coordinator'),
            isNull(staffUsers.disabledAt),
            isNotNull(staffUsers.totpEnrolledAt),
          ),
        );
      return new Set(rows.map((row) => row.slug));
    },

    /** Of these regions, the ones with at least one regional coordinator who can log in. */
    async regionsWithRegional(regions: readonly string[]): Promise<Set<string>> {
      if (regions.length === 0) return new Set();
      const rows = await db
        .selectDistinct({ region: staffRegions.region })
        .from(staffRegions)
        .innerJoin(staffUsers, eq(staffUsers.id, staffRegions.staffId))
        .where(
          and(
            inArray(staffRegions.region, [...regions]),
            eq(staffUsers.role, 'regional'),
            isNull(staffUsers.disabledAt),
            isNotNull(staffUsers.totpEnrolledAt),
          ),
        );
      return new Set(rows.map((row) => row.region));
    },

    /**
     * Who hears of a safety concern in a gemeente at once: its coordinators, the regional
     * coordinators of its region and the national office (active accounts, with their e-mail).
     */
    async alertRecipientsOf(gemeente: { slug: string; region: string | null }) {
      const contact = { id: staffUsers.id, email: staffUsers.email };
      const active = isNull(staffUsers.disabledAt);
      const [coordinators, regional, backoffice] = await Promise.all([
        db
          .select(contact)
          .from(staffUsers)
          .innerJoin(staffGemeenten, eq(staffGemeenten.staffId, staffUsers.id))
          .where(and(eq(staffGemeenten.gemeenteSlug, gemeente.slug), eq(staffUsers.role, 'coordinator'), active)),
        gemeente.region === null
          ? Promise.resolve([])
          : db
              .select(contact)
              .from(staffUsers)
              .innerJoin(staffRegions, eq(staffRegions.staffId, staffUsers.id))
              .where(and(eq(staffRegions.region, gemeente.region), eq(staffUsers.role, 'regional'), active)),
        db
          .select(contact)
          .from(staffUsers)
          .where(and(eq(staffUsers.role, 'backoffice'), active)),
      ]);
      const unique = new Map([...coordinators, ...regional, ...backoffice].map((s) => [s.id, s]));
      return [...unique.values()];
    },

    /** Active coordinators of a gemeente, longest-serving first; optionally only those with this notification mode. */
    async activeCoordinatorsOf(gemeenteSlug: string, notificationMode?: NotificationMode) {
      return db
        .select({ name: staffUsers.displayName, email: staffUsers.email })
        .from(staffUsers)
        .innerJoin(staffGemeenten, eq(staffGemeenten.staffId, staffUsers.id))
        .where(
          and(
            eq(staffGemeenten.gemeenteSlug, gemeenteSlug),
            eq(staffUsers.role, 'coordinator'),
            isNull(staffUsers.disabledAt),
            notificationMode ? eq(staffUsers.notificationMode, notificationMode) : undefined,
          ),
        )
        .orderBy(asc(staffUsers.createdAt));
    },

    /**
     * Staff whose daily digest is due (chose it, active, none since `windowStart`), locked for the
     * caller's transaction; rows another instance holds are skipped. The office is included: it
     * picks up sign-ups where a gemeente and its region have nobody (responsibility.ts).
     */
    async claimDueDigests(windowStart: Date): Promise<StaffUser[]> {
      return db
        .select()
        .from(staffUsers)
        .where(
          and(
            eq(staffUsers.notificationMode, 'daily_digest'),
            isNull(staffUsers.disabledAt),
            or(isNull(staffUsers.lastDigestAt), lt(staffUsers.lastDigestAt, windowStart)),
          ),
        )
        .for('update', { skipLocked: true });
    },

    async setLastDigestAt(id: string, at: Date) {
      await db.update(staffUsers).set({ lastDigestAt: at }).where(eq(staffUsers.id, id));
    },
  };
}
