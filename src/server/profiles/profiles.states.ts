/**
 * What can happen to a recruitment profile in each state: one table for the use cases (which
 * refuse anything else) and for the profile page (which only offers what is allowed).
 * draft -> published -> matched | withdrawn; published -> draft (unpublish); draft -> withdrawn.
 * A draft with kept flags goes to review ("wacht op tweede blik") first: approve -> published,
 * send back -> draft (decision 021).
 */
import type { ProfileStatus } from './profiles.repository';

export type ProfileAction =
  | 'publish'
  | 'edit'
  | 'approve'
  | 'sendBack'
  | 'match'
  | 'unpublish'
  | 'withdraw'
  | 'addPosting'
  | 'removePosting';

/** The states each action may start from. */
const ACTION_FROM: Record<ProfileAction, readonly ProfileStatus[]> = {
  publish: ['draft'],
  edit: ['draft', 'published'],
  approve: ['review'],
  sendBack: ['review'],
  match: ['published'],
  unpublish: ['published'],
  withdraw: ['draft', 'review', 'published'],
  // Where the profile was posted is recorded while it is online; a post is marked as taken
  // down in any state (that is the point after a match).
  addPosting: ['published'],
  removePosting: ['draft', 'review', 'published', 'matched', 'withdrawn'],
};

export function canStart(action: ProfileAction, status: ProfileStatus): boolean {
  return ACTION_FROM[action].includes(status);
}

/**
 * The actions a staff member may take on a profile now: none without write access, except the
 * second look (`canApprove`: a colleague who did not ask for it, decision 021).
 */
export function allowedActions(status: ProfileStatus, canWrite: boolean, canApprove = false): ProfileAction[] {
  return (Object.keys(ACTION_FROM) as ProfileAction[]).filter(
    (action) =>
      canStart(action, status) &&
      (action === 'approve' ? canApprove : action === 'sendBack' ? canWrite || canApprove : canWrite),
  );
}
