import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestampColumns, timestamptz } from '~/server/db/columns.helpers';
import { gemeenten } from '~/server/gemeenten/gemeenten.table';
import { registrations } from '~/server/registrations/registrations.table';
import { staffUsers } from '~/server/staff/staff.table';

/** A child as published: an exact age (minAge === maxAge) or a range; gender is optional. */
export type ProfileChild = { minAge: number; maxAge: number; gender: 'meisje' | 'jongen' | null };

/**
 * A flag of the identifiability check that a staff member chose to keep, with her reason. It counts
 * only once a second staff member approved it (`approvedBy`, decision 021); until then the profile
 * waits in `review`.
 */
export type ProfileOverride = {
  key: string;
  reason: string;
  /** Who asked to keep it. */
  staffId: string;
  at: string;
  approvedBy?: string | null;
  approvedAt?: string | null;
};

/** Where the coordinator posted the profile; `removedOn` once she took the post down. */
export type ProfilePosting = {
  id: string;
  channel: 'facebook' | 'instagram' | 'anders';
  postedOn: string;
  note: string | null;
  removedOn: string | null;
};

/** `review`: "wacht op tweede blik", a kept flag waits for a second staff member (decision 021). */
export const profileStatuses = ['draft', 'review', 'published', 'matched', 'withdrawn'] as const;
export type ProfileStatus = (typeof profileStatuses)[number];

/**
 * Recruitment profiles (wervingsprofielen): the anonymised text a coordinator writes about a
 * vraaggezin to find a steungezin. Linked to the family's sign-up; never holds a name or address
 * (the identifiability check in identifiability.ts guards the text before publishing).
 * draft -> (review ->) published -> matched | withdrawn; only published profiles are public (decision 022).
 */
export const profiles = pgTable(
  'profiles',
  {
    id: idColumn(),
    /** The vraaggezin this profile is about; the profile goes when the sign-up is deleted. */
    registrationId: uuid()
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    gemeenteSlug: text()
      .notNull()
      .references(() => gemeenten.slug),
    status: text().$type<ProfileStatus>().notNull().default('draft'),
    title: text().notNull(),
    /** Kern or wijk (or the gemeente itself); never a street. */
    kern: text().notNull(),
    children: jsonb().$type<ProfileChild[]>().notNull(),
    /** Codes from supportWishOptions (shared with the sign-up forms). */
    supportKinds: text().array().notNull(),
    /** Codes from dayOptions. */
    days: text().array().notNull(),
    /** Code from frequencyOptions. */
    frequency: text().notNull(),
    /** Code from sleepoverOptions. */
    sleepovers: text().notNull(),
    story: text().notNull(),
    /** What a steungezin does and brings. */
    asks: text().notNull(),
    /** What a steungezin gets back (support, activities, a warm contact). */
    offers: text().notNull(),
    overrides: jsonb().$type<ProfileOverride[]>().notNull().default(sql`'[]'::jsonb`),
    postings: jsonb().$type<ProfilePosting[]>().notNull().default(sql`'[]'::jsonb`),
    createdByStaffId: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    publishedAt: timestamptz('published_at'),
    matchedAt: timestamptz('matched_at'),
    withdrawnAt: timestamptz('withdrawn_at'),
    ...timestampColumns(),
  },
  (t) => [
    // The public lists: open or recently matched profiles per gemeente, newest first.
    index('profiles_public_idx')
      .on(t.gemeenteSlug, t.publishedAt.desc())
      .where(sql`${t.status} in ('published', 'matched')`),
    index('profiles_registration_idx').on(t.registrationId),
  ],
);

export type ProfileRow = typeof profiles.$inferSelect;
