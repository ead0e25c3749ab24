/**
 * The inbox's Dutch words: statuses, kinds, contact channels, the buttons of the pipeline, the
 * "done" messages after a change and the sentences of a sign-up's history. Pages and components
 * only lay these out.
 */
import type { RegistrationKind } from '~/lib/registration.types';
import { formatDay } from './inbox.format';
import type { ContactChannel, TransitionDirection } from './inbox.pipeline';

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

export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status;
}

export const KIND_LABELS: Record<RegistrationKind, string> = {
  vraaggezin: 'Vraaggezin',
  steungezin: 'Steungezin',
  verwijzing: 'Verwijzing',
};

export const CONTACT_CHANNEL_LABELS: Record<ContactChannel, string> = {
  call: 'Gebeld',
  visit: 'Op bezoek',
  mail: 'Gemaild',
  other: 'Anders',
};

export function contactChannelLabel(channel: string): string {
  return CONTACT_CHANNEL_LABELS[channel as ContactChannel] ?? channel;
}

/** The question above the note a side exit needs (see EXIT_NOTE_REQUIRED). */
export const EXIT_NOTE_QUESTIONS: Record<string, string> = {
  referred_elsewhere: 'Waarheen doorverwezen?',
  not_suitable: 'Waarom niet passend?',
};

/** The button of a step: "Naar: …" on along the pipeline, "Terug naar: …" one back, the status itself for a side exit. */
export function transitionLabel(to: string, direction: TransitionDirection): string {
  if (direction === 'forward') return `Naar: ${statusLabel(to)}`;
  if (direction === 'back') return `Terug naar: ${statusLabel(to)}`;
  return statusLabel(to);
}

/** Shown after a change on the sign-up page (the form intent is the key). */
export const INBOX_DONE_MESSAGES: Record<string, string> = {
  status: 'De status is bijgewerkt.',
  assign: 'De toewijzing is opgeslagen.',
  note: 'Je notitie is opgeslagen.',
  contact: 'Het contact is opgeslagen.',
  duplicate: 'De koppeling met de eerdere aanmelding is opgeslagen.',
  family: 'De koppeling met het gezin is opgeslagen.',
  vog: 'De VOG-lijst is bijgewerkt.',
};

/** One adult's VOG: received, requested, or nothing yet. */
export function vogStateText(check: { requestedOn: string | null; receivedOn: string | null }): string {
  if (check.receivedOn) return `binnen (${formatDay(check.receivedOn)})`;
  if (check.requestedOn) return `aangevraagd (${formatDay(check.requestedOn)})`;
  return 'nog niet aangevraagd';
}

type HistoryEntry = {
  change: string;
  fromValue: string | null;
  toValue: string | null;
  detail: Record<string, unknown> | null;
};

/** One line of a sign-up's history; `staffName` names the person a sign-up was assigned to. */
export function historySentence(entry: HistoryEntry, staffName: (id: string) => string | undefined): string {
  switch (entry.change) {
    case 'status':
      return `Status van ${statusLabel(entry.fromValue ?? '')} naar ${statusLabel(entry.toValue ?? '')}${entry.detail?.note ? `: ${String(entry.detail.note)}` : ''}`;
    case 'assignment':
      return entry.toValue ? `Toegewezen aan ${staffName(entry.toValue) ?? 'een collega'}` : 'Toewijzing weggehaald';
    case 'note':
      return 'Notitie toegevoegd';
    case 'contact':
      return `Contact vastgelegd (${contactChannelLabel(entry.toValue ?? '')})`;
    case 'duplicate':
      return entry.toValue ? 'Gemarkeerd als dubbele aanmelding' : 'Niet meer dubbel';
    case 'family':
      return entry.toValue ? 'Gekoppeld aan een gezin' : 'Koppeling met gezin weggehaald';
    case 'vog':
      return `VOG volwassene ${String(entry.detail?.adult ?? '')}: ${entry.toValue === 'received' ? 'binnen' : entry.toValue === 'requested' ? 'aangevraagd' : 'nog niets'}`;
    default:
      return entry.change;
  }
}
