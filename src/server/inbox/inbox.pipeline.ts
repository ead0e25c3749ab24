/**
 * The status pipeline of a sign-up, per kind: codes in English (stored in registrations.status),
 * Dutch labels for the UI. Forward steps follow the process in docs/domain.md; side exits can be taken
 * from any open status and some need a note (where to, or why).
 */
import type { RegistrationKind } from '~/lib/registration.types';

const STATUS_LABELS: Record<string, string> = {
  new: 'Nieuw',
  contacted: 'Contact gelegd',
  intake_1: 'Kennismaking 1',
  intake_2: 'Kennismaking 2',
  profile_published: 'Profiel geplaatst',
  proposed: 'Voorgesteld',
  matched: 'Gekoppeld',
  vog_requested: 'VOG aangevraagd',
  approved: 'Goedgekeurd',
  linked_to_family: 'Gekoppeld aan gezin',
  referred_elsewhere: 'Doorverwezen',
  not_suitable: 'Niet passend',
  withdrawn: 'Gestopt op eigen verzoek',
};

export const KIND_LABELS: Record<RegistrationKind, string> = {
  vraaggezin: 'Vraaggezin',
  steungezin: 'Steungezin',
  verwijzing: 'Verwijzing',
};

type Pipeline = { steps: readonly string[]; exits: readonly string[] };

export const PIPELINES: Record<RegistrationKind, Pipeline> = {
  vraaggezin: {
    steps: ['new', 'contacted', 'intake_1', 'intake_2', 'profile_published', 'proposed', 'matched'],
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
export const EXIT_NOTE_REQUIRED: Record<string, string> = {
  referred_elsewhere: 'Waarheen doorverwezen?',
  not_suitable: 'Waarom niet passend?',
};

/**
 * The statuses you can move to from `status`: the next step, one step back (a mistake), and the
 * side exits while open; from a side exit only back to where the pipeline starts again ('contacted').
 */
export function allowedTransitions(kind: RegistrationKind, status: string): string[] {
  const { steps, exits } = PIPELINES[kind];
  const index = steps.indexOf(status);
  if (index === -1) return exits.includes(status) ? ['contacted'] : [];
  const out: string[] = [];
  if (index + 1 < steps.length) out.push(steps[index + 1]!);
  if (index > 0) out.push(steps[index - 1]!);
  if (index < steps.length - 1) out.push(...exits);
  return out;
}

export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status;
}

/** All statuses of all kinds, for the filter. */
export const ALL_STATUSES = [...new Set(Object.values(PIPELINES).flatMap((p) => [...p.steps, ...p.exits]))];

export const CONTACT_CHANNELS: Record<string, string> = {
  call: 'Gebeld',
  visit: 'Op bezoek',
  mail: 'Gemaild',
  other: 'Anders',
};
