/**
 * A staff member opens a sign-up: her reach is checked (outside her gemeenten it does not exist,
 * a 404) and the view is logged, in the caller's transaction when there is one. Every page that
 * shows a family's personal data starts here, so none can forget the log (privacy: every view of
 * a person's record is logged, `audit_log` in docs/privacy/register.md).
 */
import type { StaffAction, StaffContext } from '~/server/access/permissions';
import { auditActor, recordAudit } from '~/server/audit/audit.usecases';
import type { DbOrTx } from '~/server/db/db';
import { createRegistrationsRepository } from './registrations.repository';

export async function openRegistrationForStaff(
  db: DbOrTx,
  ctx: StaffContext,
  id: string,
  options: { action: StaffAction; now: Date /** Which page, when not the record itself. */; page?: string },
) {
  const registration = await createRegistrationsRepository({ db }).getForStaff(ctx, id, options.action);
  await recordAudit(
    db,
    auditActor(ctx),
    {
      action: 'registration.view',
      recordType: 'registration',
      recordId: registration.id,
      gemeenteSlug: registration.gemeenteSlug,
      ...(options.page ? { detail: { page: options.page } } : {}),
    },
    options.now,
  );
  return registration;
}
