/**
 * The shortlist's read model in the screening table: whether a steungezin is in the pool
 * (approved and its inbox status is approved, proposed or matched), the earliest validity of its
 * VOGs, and since when it waits. Kept in the caller's transaction by every change that can move
 * it: a screening change, an inbox status change, a koppeling's phase change.
 */
import { amsterdamDate } from '~/lib/dates';
import type { DbOrTx } from '~/server/db/db';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { createScreeningRepository } from './screening.repository';
import { POOL_STATUSES } from './screening.rules';

export async function refreshScreeningState(tx: DbOrTx, registrationId: string, now: Date) {
  const repo = createScreeningRepository({ db: tx });
  const screening = await repo.find(registrationId);
  if (!screening) return;
  await repo.refreshVogsValidUntil(registrationId);
  const registration = await createRegistrationsRepository({ db: tx }).getById(registrationId);
  await repo.setInPool(registrationId, !!screening.approvedAt && POOL_STATUSES.includes(registration?.status ?? ''));
  if (screening.approvedAt && !screening.waitingSince)
    await repo.setMatchingState(registrationId, {
      openKoppelingen: screening.openKoppelingen,
      waitingSince: amsterdamDate(screening.approvedAt ?? now),
    });
}

/**
 * refreshScreeningState for many steungezinnen at once (an import of thousands): the same rules,
 * a few statements per thousand.
 */
export async function refreshScreeningStates(tx: DbOrTx, registrationIds: readonly string[], now: Date) {
  const repo = createScreeningRepository({ db: tx });
  const registrations = createRegistrationsRepository({ db: tx });
  for (let start = 0; start < registrationIds.length; start += 1000) {
    const ids = registrationIds.slice(start, start + 1000);
    const screenings = await repo.findMany(ids);
    await repo.refreshVogsValidUntilMany(ids);
    const status = new Map((await registrations.listByIds(ids)).map((row) => [row.id, row.status]));
    const inPool = (screening: (typeof screenings)[number]) =>
      !!screening.approvedAt && POOL_STATUSES.includes(status.get(screening.registrationId) ?? '');
    await repo.setInPoolMany(
      screenings.filter(inPool).map((screening) => screening.registrationId),
      true,
    );
    await repo.setInPoolMany(
      screenings.filter((screening) => !inPool(screening)).map((screening) => screening.registrationId),
      false,
    );
    const waiting = new Map<string, string[]>();
    for (const screening of screenings)
      if (screening.approvedAt && !screening.waitingSince) {
        const day = amsterdamDate(screening.approvedAt ?? now);
        waiting.set(day, [...(waiting.get(day) ?? []), screening.registrationId]);
      }
    for (const [day, waitingIds] of waiting) await repo.setWaitingSinceMany(waitingIds, day);
  }
}
