/** Dutch words for staff accounts on the backoffice and account pages. */
import type { StaffRole } from './staff.repository';

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  coordinator: 'Coördinator',
  regional: 'Regiocoördinator',
  backoffice: 'Landelijk bureau',
};
