/**
 * Deleting one sign-up and everything derived from it, inside the caller's transaction: the
 * retention job (privacy.retention.ts) and a deletion at the person's request
 * (privacy.usecases.ts) both come here. The database cascades the deletion of the sign-up to
 * every table that hangs off it (docs/privacy/register.md, "with-sign-up"); this adds what no
 * foreign key reaches: the outbox messages about the person, its words in the typo dictionary
 * that no other document has, and afterwards the development mailbox's files (the retention job sweeps what a crash left behind). Decision 027.
 */
import { type AuditEntry, recordAudit } from '~/server/audit/audit.usecases';
import type { DbOrTx } from '~/server/db/db';
import { trackDeletedRows } from '~/server/db/table-stats';
import { deleteDevelopmentMails } from '~/server/email/dev-mailbox';
import { createKoppelingenRepository } from '~/server/koppelingen/koppelingen.repository';
import { createOutboxRepository } from '~/server/outbox/outbox.repository';
import { createRegistrationsRepository } from '~/server/registrations/registrations.repository';
import { createSearchRepository } from '~/server/search/search.repository';
import { createPrivacyRepository } from './privacy.repository';

export type Erased = {
  /** Outbox messages deleted (the development mailbox names its files after them). */
  outboxIds: string[];
  /** What the mail files about the person contain: the sign-up's id, and its address unless shared. */
  needles: string[];
  /** Rows deleted per table, cascades included (never what they held). */
  counts: Record<string, number>;
};

type LockedSignUp = { id: string; gemeenteSlug: string; contactEmail: string | null };

/**
 * Deletes `row` (locked by the caller with `lockForDeletion`) and its outbox messages, and writes
 * the audit entry `audit` with the counts per table added to its detail. Mail that is still to be
 * sent to an address another sign-up shares stays (it may be the other family's).
 */
export async function eraseSignUp(
  tx: DbOrTx,
  row: LockedSignUp,
  audit: { actor: { staffId: string | null; clientAddress: string }; entry: AuditEntry; at: Date },
): Promise<Erased> {
  const deletedRows = await trackDeletedRows(tx);
  const registrations = createRegistrationsRepository({ db: tx });
  const email = row.contactEmail;
  const emailShared = email ? await registrations.emailUsedByOthers(email, row.id) : false;
  const outboxIds = await createOutboxRepository({ db: tx }).deleteAbout({
    registrationId: row.id,
    email,
    emailShared,
  });
  // Its words in the typo dictionary go in this transaction too (a surname must not wait for the
  // daily pruning); words another document still has stay.
  const search = createSearchRepository({ db: tx });
  const words = await search.termsOf(row.id);
  await registrations.deleteById(row.id);
  await search.pruneTermsOf(words);
  const counts = await deletedRows();
  await recordAudit(
    tx,
    audit.actor,
    {
      ...audit.entry,
      recordType: 'registration',
      recordId: row.id,
      gemeenteSlug: row.gemeenteSlug,
      detail: { ...audit.entry.detail, deleted: counts },
    },
    audit.at,
  );
  return { outboxIds, needles: [row.id, ...(email && !emailShared ? [email] : [])], counts };
}

/**
 * Why a sign-up may not be deleted at the person's request now, or null: a hold (until when), an
 * open koppeling or proposal, an open zorg over veiligheid. The office's deletion
 * (privacy.usecases.ts) and the queue of requests (privacy.requests.ts) both ask here.
 */
export async function whyKept(
  tx: DbOrTx,
  registrationId: string,
  today: string,
): Promise<{ reason: 'held'; heldUntil: string } | { reason: 'open_koppeling' | 'concern' } | null> {
  const heldUntil = (await createPrivacyRepository({ db: tx }).heldUntil([registrationId], today)).get(registrationId);
  if (heldUntil) return { reason: 'held', heldUntil };
  const koppelingen = createKoppelingenRepository({ db: tx });
  if ((await koppelingen.retentionFacts([registrationId])).get(registrationId)?.open)
    return { reason: 'open_koppeling' };
  if ((await koppelingen.withOpenConcern([registrationId])).size > 0) return { reason: 'concern' };
  return null;
}

/**
 * After the commit: the development mailbox's files about what was erased. Returns how many.
 * With `sweep` (the retention job, once per run) also every mail file whose outbox message no
 * longer exists, read through `db`: a crash between a commit and this call leaves files behind,
 * and the next run removes them.
 */
export function eraseMailFiles(
  dataDir: string,
  erased: readonly Erased[],
  { dryRun = false, sweep }: { dryRun?: boolean; sweep?: DbOrTx } = {},
) {
  if (erased.length === 0 && !sweep) return Promise.resolve(0);
  const outbox = sweep ? createOutboxRepository({ db: sweep }) : undefined;
  return deleteDevelopmentMails(
    dataDir,
    {
      outboxIds: erased.flatMap((record) => record.outboxIds),
      needles: erased.flatMap((record) => record.needles),
      existingOutboxIds: outbox ? (ids) => outbox.existingIds(ids) : undefined,
    },
    { dryRun },
  );
}
