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
