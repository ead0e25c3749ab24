/**
 * The rules of a koppeling, as pure functions (tested on their own; the use cases load the data
 * and call them): who may be proposed, which step fits which phase, and which inbox status each
 * family's record follows.
 */
import { POOL_STATUSES } from '~/server/screening/screening.rules';
import type { KoppelingPhase } from './koppelingen.labels';

export type ProposalBlocker = 'family_has_open' | 'steungezin_unavailable' | 'steungezin_full' | 'vog_invalid';

/**
 * A steungezin can be proposed to a vraaggezin when the family has no open koppeling (one at a
 * time), the steungezin is approved, still in the pipeline, not paused, has room for one more
 * family (capacity counts proposals too), and every VOG is valid.
 */
export function proposalBlocker(input: {
  familyHasOpenKoppeling: boolean;
  steungezin: {
    approved: boolean;
    status: string;
    unavailableUntil: string | null;
    capacity: number;
    openKoppelingen: number;
    vogsValid: boolean;
  };
  today: string;
}): ProposalBlocker | null {
  const s = input.steungezin;
  if (input.familyHasOpenKoppeling) return 'family_has_open';
  if (!s.approved || !AVAILABLE_STEUNGEZIN_STATUSES.includes(s.status)) return 'steungezin_unavailable';
  if (s.unavailableUntil && s.unavailableUntil > input.today) return 'steungezin_unavailable';
  if (s.openKoppelingen >= s.capacity) return 'steungezin_full';
  if (!s.vogsValid) return 'vog_invalid';
  return null;
}

/** Inbox statuses of an approved steungezin that is still taking part (the screening's pool). */
export const AVAILABLE_STEUNGEZIN_STATUSES = POOL_STATUSES;

export type KoppelingStep = 'meeting' | 'cancel' | 'start' | 'signature' | 'evaluation' | 'close' | 'concern';

const STEP_PHASES: Record<KoppelingStep, readonly KoppelingPhase[]> = {
  meeting: ['proposed'],
  cancel: ['proposed', 'agreed'],
  start: ['agreed'],
  signature: ['active'],
  evaluation: ['active'],
  close: ['active'],
  concern: ['proposed', 'agreed', 'active', 'closed', 'declined', 'cancelled'],
};

export function stepAllowed(step: KoppelingStep, phase: KoppelingPhase): boolean {
  return STEP_PHASES[step].includes(phase);
}

/** The steps the koppeling page offers in a phase. */
export function stepsFor(phase: KoppelingPhase): KoppelingStep[] {
  return (Object.keys(STEP_PHASES) as KoppelingStep[]).filter((s) => stepAllowed(s, phase));
}

/**
 * The inbox status of a steungezin from its open koppelingen: gekoppeld while one is active,
 * voorgesteld while one is proposed, goedgekeurd again when none is open (after a "no", or an
 * afronding when it wants another family), gestopt when it does not want another family.
 */
export function steungezinStatus(openPhases: readonly KoppelingPhase[], wantsAnother = true): string {
  if (openPhases.includes('active')) return 'matched';
  if (openPhases.length > 0) return 'proposed';
  return wantsAnother ? 'approved' : 'withdrawn';
}

/**
 * The inbox status of a vraaggezin: voorgesteld for a proposal (also once it clicked), gekoppeld
 * when it started, afgerond after afronding; after a "no" or a withdrawn proposal it goes back to
 * where it was before the proposal (profiel geplaatst when it has a public profile).
 */
export function vraaggezinStatus(
  phase: KoppelingPhase,
  before: { hasPublishedProfile: boolean },
): 'proposed' | 'matched' | 'closed' | 'profile_published' | 'intake_2' {
  if (phase === 'proposed' || phase === 'agreed') return 'proposed';
  if (phase === 'active') return 'matched';
  if (phase === 'closed') return 'closed';
  return before.hasPublishedProfile ? 'profile_published' : 'intake_2';
}
