/** Dutch words for staff accounts on the backoffice and account pages. */
import { listNl } from '~/lib/format';
import type { StaffRole } from './staff.repository';

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  coordinator: 'Coördinator',
  regional: 'Regiocoördinator',
  backoffice: 'Landelijk bureau',
  gemeente: 'Gemeente (alleen rapportages)',
};

export const ACCOUNT_STATE_LABELS = { active: 'actief', invited: 'uitgenodigd', disabled: 'uitgeschakeld' } as const;

/**
 * Where someone works, in a few words ("alle gemeenten", "regio Noord-Holland", "Beekdaelen en
 * Heerenveen"), with the gemeenten by name.
 */
export function workAreaText(account: { role: StaffRole; gemeenteNames: string[]; regions: string[] }): string {
  if (account.role === 'backoffice') return 'alle gemeenten';
  if (account.role === 'regional') return `regio ${listNl(account.regions)}`;
  return account.gemeenteNames.length ? listNl(account.gemeenteNames) : 'nog geen gemeente';
}

/** Shown on /beheer after a change (the form intent is the key). */
export const STAFF_ADMIN_DONE_MESSAGES: Record<string, string> = {
  invite: 'De uitnodiging is verstuurd.',
  resend: 'Er is een nieuwe uitnodiging verstuurd.',
  disable: 'Het account is uitgeschakeld.',
};

/** Shown on /account after a change (the form intent is the key). */
export const ACCOUNT_DONE_MESSAGES: Record<string, string> = {
  'end-others': 'Je andere sessies zijn beëindigd.',
  'change-password': 'Je nieuwe wachtwoord is opgeslagen. Je bent overal anders uitgelogd.',
  notifications: 'Je keuze is opgeslagen.',
};
