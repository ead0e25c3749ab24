/**
 * What can happen to a recruitment profile in each state: one table for the use cases (which
 * refuse anything else) and for the profile page (which only offers what is allowed).
 * draft -> published -> matched | withdrawn; published -> draft (unpublish); draft -> withdrawn.
 */
import type { ProfileStatus } from './profiles.repository';

export type ProfileAction = 'publish' | 'edit' | 'match' | 'unpublish' | 'withdraw' | 'addPosting' | 'removePosting';

/** The states each action may start from. */
const ACTION_FROM: Record<ProfileAction, readonly ProfileStatus[]> = {
  publish: ['draft'],
  edit: ['draft', 'published'],
  match: ['published'],
  unpublish: ['published'],
  withdraw: ['draft', 'published'],
  // Where the profile was posted is recorded while it is online; a post is marked as taken
  // down in any state (that is the point after a match).
  addPosting: ['published'],
  removePosting: ['draft', 'published', 'matched', 'withdrawn'],
};

export function canStart(action: ProfileAction, status: ProfileStatus): boolean {
  return ACTION_FROM[action].includes(status);
}

/** The actions a staff member may take on a profile now (none without write access). */
export function allowedActions(status: ProfileStatus, canWrite: boolean): ProfileAction[] {
  if (!canWrite) return [];
  return (Object.keys(ACTION_FROM) as ProfileAction[]).filter((action) => canStart(action, status));
}
