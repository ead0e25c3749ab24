/**
 * The private agenda feed of a staff member (iCalendar): a secret URL her agenda app subscribes
 * to. The secret is shown once, when it is made; only its SHA-256 hash is stored, so a renewal
 * is the only way to see a URL again, and it stops the old one at once.
 */
import { addDays, amsterdamDate } from '~/lib/dates';
import { requireStaff, resolveGemeenten, type StaffContext } from '~/server/access/permissions';
import { auditActor, recordAudit } from '~/server/audit/audit.usecases';
import { type AuthDeps, confirmItIsYou, type Reauthentication } from '~/server/auth/auth.usecases';
import { generateSecureRandomString, hashSecret } from '~/server/auth/tokens';
import type { Database } from '~/server/db/db';
import { createStaffRepository } from '~/server/staff/staff.repository';
import { renderCalendar } from './calendar.ics';
import { createCalendarRepository } from './calendar.repository';
import { calendarSources } from './calendar.sources';

type CalendarDeps = { db: Database; clock: () => Date; config: AuthDeps['config'] };

const FEED_PATH = '/agenda/';
/** Overdue items stay in the feed this long; future ones are shown this far ahead. */
const DAYS_BACK = 60;
const DAYS_AHEAD = 400;

const feedUrl = (publicUrl: string, token: string) => new URL(`${FEED_PATH}${token}.ics`, publicUrl).toString();

export async function calendarFeedStatus(deps: Pick<CalendarDeps, 'db'>, ctx: StaffContext) {
  requireStaff(ctx, { action: 'record.read' });
  const row = await createCalendarRepository({ db: deps.db }).ofStaff(ctx.staff.id);
  return row ? { createdAt: row.createdAt, lastFetchedAt: row.lastFetchedAt } : null;
}

/**
 * Makes a new secret URL (the old one stops working) and returns it: shown once. The URL keeps
 * working after the session ends, so it asks for the code or the password first (issue 13).
 */
export async function renewCalendarFeed(
  deps: CalendarDeps,
  ctx: StaffContext,
  input: Reauthentication,
): Promise<{ url: string }> {
  requireStaff(ctx, { action: 'record.read' });
  const token = generateSecureRandomString(32);
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    await confirmItIsYou(tx, deps, ctx, input);
    await createCalendarRepository({ db: tx }).save(ctx.staff.id, hashSecret(token), now);
    await recordAudit(
      tx,
      auditActor(ctx),
      { action: 'calendar.renew', recordType: 'staff', recordId: ctx.staff.id },
      now,
    );
  });
  return { url: feedUrl(deps.config.publicUrl, token) };
}

export async function stopCalendarFeed(deps: Pick<CalendarDeps, 'db' | 'clock'>, ctx: StaffContext) {
  requireStaff(ctx, { action: 'record.read' });
  await deps.db.transaction(async (tx) => {
    await createCalendarRepository({ db: tx }).remove(ctx.staff.id);
    await recordAudit(
      tx,
      auditActor(ctx),
      { action: 'calendar.stop', recordType: 'staff', recordId: ctx.staff.id },
      deps.clock(),
    );
  });
}

/** The feed for a secret, or null (unknown or renewed secret, disabled account). */
export async function calendarFeed(deps: CalendarDeps, token: string): Promise<string | null> {
  if (!/^[a-z2-9]{32}$/.test(token)) return null;
  const repo = createCalendarRepository({ db: deps.db });
  const feed = await repo.byTokenHash(hashSecret(token));
  if (!feed) return null;
  const staff = await createStaffRepository({ db: deps.db }).findById(feed.staffId);
  if (!staff || staff.disabledAt) return null;
  const now = deps.clock();
  const today = amsterdamDate(now);
  const reach = await resolveGemeenten(deps.db, staff);
  const window = {
    staffId: staff.id,
    gemeenten: reach === 'all' ? null : [...reach],
    from: addDays(today, -DAYS_BACK),
    to: addDays(today, DAYS_AHEAD),
    today,
    url: (path: string) => new URL(path, deps.config.publicUrl).toString(),
  };
  const events =
    window.gemeenten && window.gemeenten.length === 0
      ? []
      : (await Promise.all(calendarSources.map((source) => source.events(deps.db, window)))).flat();
  await repo.touch(staff.id, now);
  return renderCalendar({ name: 'Buurtgezinnen: evaluaties en afspraken', events, now });
}
