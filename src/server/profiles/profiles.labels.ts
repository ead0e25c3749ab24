/** Dutch labels for the staff pages. */
import type { ProfileStatus } from './profiles.repository';

export const PROFILE_STATUS_LABELS: Record<ProfileStatus, string> = {
  draft: 'Concept',
  review: 'Wacht op tweede blik',
  published: 'Gepubliceerd',
  matched: 'Gekoppeld',
  withdrawn: 'Ingetrokken',
};

export const POSTING_CHANNEL_LABELS: Record<string, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  anders: 'Ergens anders',
};
