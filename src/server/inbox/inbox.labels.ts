/**
 * The inbox's Dutch words: statuses, kinds, contact channels, the buttons of the pipeline, the
 * "done" messages after a change and the sentences of a sign-up's history. Pages and components
 * only lay these out.
 */
import type { RegistrationKind } from '~/lib/registration.types';
import type { ContactChannel, TransitionDirection } from './inbox.pipeline';

const STATUS_LABELS: Record<string, string> = {
  new: 'Nieuw',
  contacted: 'Contact gelegd',
  intake_1: 'Kennismaking 1',
  intake_2: 'Kennismaking 2',
  profile_published: 'Profiel geplaatst',
  proposed: 'Voorgesteld',
  matched: 'Gekoppeld',
  completed: 'Afgerond',
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
  intake: 'Het gesprek is opgeslagen.',
  vog: 'De VOG is bijgewerkt.',
  'adult-add': 'Er staat een volwassene bij op de VOG-lijst.',
  'adult-remove': 'De volwassene is van de VOG-lijst gehaald.',
  checklist: 'De competentielijst is opgeslagen.',
  availability: 'De beschikbaarheid is opgeslagen.',
  approve: 'Het steungezin is goedgekeurd. Het staat nu op de lijst voor gezinnen.',
  concern: 'De zorg is vastgelegd. De regiocoördinator en het landelijk bureau hebben bericht gekregen.',
};

/** Why the pipeline has no button for the next step: another part of the portal sets it. */
export function followedStepHint(kind: RegistrationKind, next: string): string {
  if (next === 'approved') return 'Goedkeuren doe je bij de screening hieronder, als alles klaar is.';
  if (next === 'proposed' && kind === 'vraaggezin')
    return 'Een steungezin voorstellen doe je via "Zoek een steungezin".';
  if (next === 'proposed') return 'Dit steungezin stel je voor vanuit de lijst van een gezin ("Zoek een steungezin").';
  return KOPPELING_FOLLOWS;
}

export const KOPPELING_FOLLOWS = 'De status volgt de koppeling. Verander hem op de pagina van de koppeling.';

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
    case 'import':
      return entry.fromValue
        ? 'Bijgewerkt vanuit de lijst van de coördinator (import)'
        : 'Overgenomen uit de lijst van de coördinator (import)';
    default:
      return entry.change;
  }
}
