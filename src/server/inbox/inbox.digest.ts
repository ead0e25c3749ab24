/**
 * The daily digest for staff who chose "one overview a day" instead of a mail per sign-up:
 * counts of new sign-ups per gemeente in their care (responsibility.ts) since their last digest, of
 * evaluations and afrondingen overdue or due within two weeks, her own kennismaking visits of the
 * coming week, and links to the inbox (never names, addresses or details). Runs every few minutes in the server; sends once a day from 07:00
 * (Europe/Amsterdam). Rows are claimed with SKIP LOCKED, so several instances never double-send,
 * and the outbox dedupe key makes a retry harmless.
 */

import { resolveGemeenten } from '~/server/access/permissions';
import { appointmentsForDigest } from '~/server/appointments/appointments.usecases';
import type { DbOrTx } from '~/server/db/db';
import { queueEmail } from '~/server/email/email.usecases';
import { createGemeentenRepository } from '~/server/gemeenten/gemeenten.repository';
import { followUpsDue } from '~/server/koppelingen/koppelingen.usecases';
import type { Logger } from '~/server/logger';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { gemeentenInMyCare } from '~/server/responsibility/responsibility';
import { startPeriodicService } from '~/server/runtime/periodic-service';
import { createStaffRepository } from '~/server/staff/staff.repository';

const SEND_FROM_HOUR = 7;
const DAY = 86_400_000;

function amsterdamDayAndHour(now: Date): { day: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return { day: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

/** Queues today's digests that are due. Returns how many were queued. */
export async function queueDailyDigests(db: DbOrTx, now: Date): Promise<number> {
  const { day, hour } = amsterdamDayAndHour(now);
  if (hour < SEND_FROM_HOUR) return 0;
  // "Already sent today" = last digest less than (hours since 07:00 today) ago.
  const startOfWindow = new Date(
    now.getTime() - (hour - SEND_FROM_HOUR) * 3_600_000 - now.getUTCMinutes() * 60_000 - now.getUTCSeconds() * 1000,
  );
  return db.transaction(async (tx) => {
    const accounts = createStaffRepository({ db: tx });
    const due = await accounts.claimDueDigests(startOfWindow);
    let queued = 0;
    for (const staff of due) {
      const since = staff.lastDigestAt ?? new Date(now.getTime() - DAY);
      // The gemeenten whose sign-ups are hers to pick up (responsibility.ts): the same rule as the
      // mail per sign-up, so choosing the digest changes when she hears, never what.
      const reach = await resolveGemeenten(tx, staff);
      const slugs = [...(await gemeentenInMyCare(tx, { staff, gemeenten: reach }))];
      const counts = await newSignUpsPerGemeente(tx, slugs, since, now);
      // Evaluations and afrondingen overdue or due within two weeks (the koppelingen domain).
      const followUps = await followUpsDue(tx, slugs, day);
      // The visits she goes to herself, in any gemeente within her reach (src/server/appointments).
      const visits = await appointmentsForDigest(tx, {
        staffId: staff.id,
        gemeenten: reach === 'all' ? null : [...reach],
        today: day,
      });
      await accounts.setLastDigestAt(staff.id, now);
      const news = counts.some((c) => c.n > 0 || (followUps.get(c.slug) ?? 0) > 0);
      if (!news && visits.length === 0) continue; // nothing to tell: no mail
      await queueEmail(tx, {
        to: staff.email,
        template: 'notification-digest',
        dedupeKey: `digest:${day}:${staff.id}`,
        data: {
          date: now,
          gemeenten: counts.map((c) => ({
            name: c.name,
            newRegistrations: c.n,
            followUpsDue: followUps.get(c.slug) ?? 0,
          })),
          appointments: visits,
          inboxPath: '/inbox',
          followUpsPath: '/inbox/koppelingen',
        },
      });
      queued++;
    }
    return queued;
  });
}

/** Per gemeente within reach (by name, zeros included): sign-ups that arrived after `since`, up to `until`. */
async function newSignUpsPerGemeente(db: DbOrTx, slugs: string[], since: Date, until: Date) {
  if (slugs.length === 0) return [];
  const [gemeenten, arrivals] = await Promise.all([
    createGemeentenRepository({ db }).listNamed(slugs),
    createRegistrationsRepository({ db }).countArrivals(slugs, since, until),
  ]);
  return gemeenten.map((gemeente) => ({
    slug: gemeente.slug,
    name: gemeente.name,
    n: arrivals.get(gemeente.slug) ?? 0,
  }));
}

/** Background service: checks every `intervalMs` whether digests are due. */
export function startDigestService(runtime: { db: DbOrTx; clock: () => Date; log: Logger }, intervalMs = 10 * 60_000) {
  return startPeriodicService({
    name: 'inbox-digest',
    everyMs: intervalMs,
    log: runtime.log,
    failure: 'Dagoverzicht mislukt',
    run: async () => {
      const queued = await queueDailyDigests(runtime.db, runtime.clock());
      return queued > 0 ? `${queued} dagoverzicht(en) klaargezet.` : null;
    },
  });
}
