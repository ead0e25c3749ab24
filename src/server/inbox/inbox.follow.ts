/**
 * The inbox status of a sign-up follows its screening and its koppeling (gesprekken, goedgekeurd,
 * voorgesteld, gekoppeld, afgerond): other domains call `followStatus` inside their own
 * transaction. It writes the status, when it changed, and a history line that says why
 * (`detail`, e.g. { koppeling: id }); a steungezin's place on the shortlist follows too.
 * Kept apart from inbox.usecases.ts so the screening and koppelingen use cases can call it
 * while the inbox page's use case reads theirs.
 */
import type { DbOrTx } from '~/server/db/db';
import { recordStatusFact } from '~/server/rapportage/rapportage.ledger';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { refreshScreeningState } from '~/server/screening/screening.pool';
import { createInboxRepository } from './inbox.repository';

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
  const registrations = createRegistrationsRepository({ db: tx });
  const row = await registrations.getById(input.registrationId, { lock: true });
  if (!row || row.status === input.to) return;
  await registrations.setStatus(input.registrationId, input.to);
  await registrations.touch(input.registrationId, input.now);
  const inbox = createInboxRepository({ db: tx });
  await inbox.upsertItem(input.registrationId, { statusChangedAt: input.now, statusNote: input.note ?? null });
  await inbox.insertHistory({
    registrationId: input.registrationId,
    staffId: input.staffId,
    at: input.now,
    change: 'status',
    fromValue: row.status,
    toValue: input.to,
    detail: { ...input.detail, ...(input.note ? { note: input.note } : {}) },
  });
  // The screening's first intake of a steungezin is a report fact like the inbox's (rapportage.ledger.ts).
  await recordStatusFact(tx, { registration: row, from: row.status, to: input.to, at: input.now });
  if (row.kind === 'steungezin') await refreshScreeningState(tx, input.registrationId, input.now);
}
