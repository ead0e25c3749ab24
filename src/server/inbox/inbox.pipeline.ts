/**
 * The status pipeline of a sign-up, per kind: the rules (which step may follow which). Codes are
 * English (stored in registrations.status); the Dutch words are in inbox.labels.ts. Forward
 * steps follow the process in docs/domain.md; side exits can be taken from any open status and
 * some need a note (where to, or why).
 */
import type { RegistrationKind } from '~/lib/registration.types';

type Pipeline = { steps: readonly string[]; exits: readonly string[] };

const PIPELINES: Record<RegistrationKind, Pipeline> = {
  vraaggezin: {
    steps: ['new', 'contacted', 'intake_1', 'intake_2', 'profile_published', 'proposed', 'matched', 'completed'],
    exits: ['referred_elsewhere', 'not_suitable', 'withdrawn'],
  },
  steungezin: {
    steps: ['new', 'contacted', 'intake_1', 'intake_2', 'vog_requested', 'approved', 'proposed', 'matched'],
    exits: ['not_suitable', 'withdrawn'],
  },
  verwijzing: {
    steps: ['new', 'contacted', 'linked_to_family'],
    exits: ['referred_elsewhere', 'not_suitable', 'withdrawn'],
  },
};

/** Side exits that need a note: where the family was referred to, or why it does not fit. */
export const EXIT_NOTE_REQUIRED: ReadonlySet<string> = new Set(['referred_elsewhere', 'not_suitable']);

/**
 * Why a family was referred elsewhere (a fixed list, so the report can count it; the note says
 * where to, in the coordinator's words, and stays in the inbox). Labels in inbox.labels.ts.
 */
export const REFERRAL_REASONS = [
  'professional_help',
  'safety',
  'other_initiative',
  'no_steungezin',
  'outside_area',
  'other',
] as const;
export type ReferralReason = (typeof REFERRAL_REASONS)[number];

/** How a contact moment happened. */
export const CONTACT_CHANNELS = ['call', 'visit', 'mail', 'other'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/**
 * Statuses another domain sets, never a button in the pipeline: a steungezin is approved by its
 * screening (src/server/screening), and voorgesteld, gekoppeld and afgerond follow the koppeling
 * (src/server/koppelingen). They arrive through followStatus (inbox.follow.ts).
 */
const FOLLOWED: Record<RegistrationKind, readonly string[]> = {
  vraaggezin: ['proposed', 'matched', 'completed'],
  steungezin: ['approved', 'proposed', 'matched'],
  verwijzing: [],
};

/** Options that depend on other records: a sign-up in an open koppeling moves only with it. */
export type PipelineContext = { openKoppeling?: boolean };

/**
 * The statuses you can move to from `status`: the next step, one step back (a mistake), and the
 * side exits while open; from a side exit only back to where the pipeline starts again ('contacted').
 * Followed statuses are never offered, and nothing is while the sign-up is in an open koppeling.
 */
export function allowedTransitions(kind: RegistrationKind, status: string, context: PipelineContext = {}): string[] {
  if (context.openKoppeling) return [];
  const { steps, exits } = PIPELINES[kind];
  const index = steps.indexOf(status);
  if (index === -1) return exits.includes(status) ? ['contacted'] : [];
  const out: string[] = [];
  if (index + 1 < steps.length) out.push(steps[index + 1]!);
  if (index > 0) out.push(steps[index - 1]!);
  if (index < steps.length - 1) out.push(...exits);
  return out.filter((to) => !FOLLOWED[kind].includes(to));
}

/** A side exit (doorverwezen, niet passend, gestopt): the sign-up left the pipeline. */
export function isExitStatus(kind: RegistrationKind, status: string): boolean {
  return PIPELINES[kind].exits.includes(status);
}

/** The next step of the pipeline when another domain sets it (for a hint on the page), or null. */
export function followedNextStep(kind: RegistrationKind, status: string, context: PipelineContext = {}): string | null {
  const { steps } = PIPELINES[kind];
  const index = steps.indexOf(status);
  if (context.openKoppeling) return null;
  const next = index === -1 ? undefined : steps[index + 1];
  return next && FOLLOWED[kind].includes(next) ? next : null;
}

export type TransitionDirection = 'forward' | 'back' | 'aside';

/** The allowed transitions with their direction: on along the steps, back one, or out of (or back into) the steps. */
export function transitionsFrom(kind: RegistrationKind, status: string, context: PipelineContext = {}) {
  const { steps } = PIPELINES[kind];
  const current = steps.indexOf(status);
  return allowedTransitions(kind, status, context).map((to) => {
    const target = steps.indexOf(to);
    const direction: TransitionDirection =
      current === -1 || target === -1 ? 'aside' : target > current ? 'forward' : 'back';
    return { to, direction, needsNote: EXIT_NOTE_REQUIRED.has(to), needsReason: to === 'referred_elsewhere' };
  });
}

/** The steps of this kind's pipeline, each done, current or still to come; `closed` after a side exit. */
export function pipelineProgress(kind: RegistrationKind, status: string) {
  const { steps } = PIPELINES[kind];
  const current = steps.indexOf(status);
  return {
    steps: steps.map((step, index) => ({
      status: step,
      state: index < current ? ('done' as const) : index === current ? ('current' as const) : ('todo' as const),
    })),
    closed: current === -1,
  };
}

/** All statuses of all kinds, for the filter. */
export const ALL_STATUSES = [...new Set(Object.values(PIPELINES).flatMap((p) => [...p.steps, ...p.exits]))];
