/**
 * The inbox's Dutch words: statuses, kinds, contact channels, the buttons of the pipeline, the
 * "done" messages after a change and the sentences of a sign-up's history. Pages and components
 * only lay these out.
 */
import { listNl } from '~/lib/format';
import { dayOptions, frequencyOptions, optionLabel } from '~/lib/registration.options';
import type { ChildAge, ConsentRecord, RegistrationDetails, RegistrationKind } from '~/lib/registration.types';
import type { FirstContactPromise } from '~/server/responsibility/responsibility';
import { promisedBy, RESPONSIBLE_LEVEL_LABELS } from '~/server/responsibility/responsibility.labels';
import { formatDateTime, formatDay } from './inbox.format';
import type { ContactChannel, ReferralReason, TransitionDirection } from './inbox.pipeline';

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

/** Why a family was referred elsewhere (REFERRAL_REASONS): the choice in the inbox and the rows of the report. */
export const REFERRAL_REASON_LABELS: Record<ReferralReason, string> = {
  professional_help: 'De vraag is te zwaar: professionele hulp nodig',
  safety: 'Zorgen over de veiligheid van een kind',
  other_initiative: 'Past beter bij een ander initiatief',
  no_steungezin: 'Geen steungezin in de buurt',
  outside_area: 'Woont buiten het werkgebied',
  other: 'Een andere reden',
};

function referralReasonLabel(reason: string): string {
  return REFERRAL_REASON_LABELS[reason as ReferralReason] ?? reason;
}

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
  ingevoerd: 'De aanmelding is opgeslagen. Hieronder zie je wat er is vastgelegd.',
  appointment: 'Het bezoek is gepland. Wie gaat, ziet het in de agenda-koppeling en het dagoverzicht.',
  'appointment-cancel': 'Het bezoek is afgezegd. Laat het gezin het ook weten.',
};

/** Why the pipeline has no button for the next step: another part of the portal sets it. */
export function followedStepHint(kind: RegistrationKind, next: string): string {
  if (next === 'approved') return 'Goedkeuren doe je bij de screening hieronder, als alles klaar is.';
  if (next === 'proposed' && kind === 'vraaggezin')
    return 'Een steungezin voorstellen doe je via "Zoek een steungezin".';
  if (next === 'proposed') return 'Dit steungezin stel je voor vanuit de lijst van een gezin ("Zoek een steungezin").';
  return KOPPELING_FOLLOWS;
}

/**
 * The author of a note and history line without a staff account that the person wrote herself
 * (a correction request on /mijn-gegevens); a note whose staff account was deleted says "oud account".
 */
export const BY_THE_PERSON = 'de persoon zelf, via Mijn gegevens';

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
      return `Status van ${statusLabel(entry.fromValue ?? '')} naar ${statusLabel(entry.toValue ?? '')}${entry.detail?.reason ? ` (${referralReasonLabel(String(entry.detail.reason))})` : ''}${entry.detail?.note ? `: ${String(entry.detail.note)}` : ''}`;
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
    case 'created':
      return entry.toValue === 'via-verwijzing'
        ? 'Eigen aanmelding voor het gezin gemaakt uit een verwijzing'
        : 'Aanmelding ingevoerd na een telefoongesprek (toestemming mondeling)';
    case 'appointment': {
      // A kennismaking visit (src/server/appointments): planned (toValue = the day) or cancelled (fromValue).
      const time = String(entry.detail?.startTime ?? '');
      const who = typeof entry.detail?.staffId === 'string' ? staffName(entry.detail.staffId) : undefined;
      return entry.toValue
        ? `Kennismaking gepland op ${formatDay(entry.toValue)} om ${time}${who ? ` (gaat: ${who})` : ''}`
        : `Kennismaking van ${formatDay(entry.fromValue ?? '')} om ${time} afgezegd`;
    }
    case 'vog':
      return `VOG volwassene ${String(entry.detail?.adult ?? '')}: ${entry.toValue === 'received' ? 'binnen' : entry.toValue === 'requested' ? 'aangevraagd' : 'nog niets'}`;
    case 'correction':
      // Asked by the person herself on /mijn-gegevens (src/server/privacy/privacy.requests.ts).
      return 'Verzoek om te verbeteren ontvangen van de persoon zelf (zie de notitie)';
    case 'import':
      return entry.fromValue
        ? 'Bijgewerkt vanuit de lijst van de coördinator (import)'
        : 'Overgenomen uit de lijst van de coördinator (import)';
    default:
      return entry.change;
  }
}

/** Short words for the support a family asks for, for the inbox list (the form has the long questions). */
const SUPPORT_WISH_SHORT: Record<string, string> = {
  'vaste-middag': 'vaste middag',
  logeren: 'logeren',
  weekend: 'dag in het weekend',
  meegaan: 'meegaan naar activiteiten',
  'luisterend-oor': 'luisterend oor',
  'weet-niet': 'weet het nog niet',
};

/** "kinderen van 6 en 9 jaar", "kind van 4 jaar", "kinderen: 6 jaar en geboren in 2019". */
function childrenText(children: ChildAge[]): string | null {
  if (children.length === 0) return null;
  const one = children.length === 1;
  if (children.every((child) => 'age' in child))
    return `${one ? 'kind' : 'kinderen'} van ${listNl(children.map((child) => String((child as { age: number }).age)))} jaar`;
  const each = children.map((child) => ('age' in child ? `${child.age} jaar` : `geboren in ${child.birthYear}`));
  return `${one ? 'kind' : 'kinderen'}: ${listNl(each)}`;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * What a sign-up asks for or offers, at a glance in the inbox list: the support wishes and the
 * children's ages of a family, what a steungezin offers, and who referred a family.
 */
export function askSummary(details: RegistrationDetails): string {
  switch (details.kind) {
    case 'vraaggezin': {
      const wishes = details.supportWishes.map((wish) => SUPPORT_WISH_SHORT[wish] ?? wish);
      return [wishes.length ? capitalize(wishes.join(', ')) : null, childrenText(details.children)]
        .filter(Boolean)
        .join(' · ');
    }
    case 'steungezin': {
      const days = details.days.map((day) => optionLabel(dayOptions, day).toLowerCase());
      const offer = [
        optionLabel(frequencyOptions, details.frequency).toLowerCase(),
        days.length ? `op ${listNl(days)}` : null,
      ].filter(Boolean);
      return `Biedt: ${offer.join(', ')}`;
    }
    case 'verwijzing':
      return [`Verwezen door ${details.referrer.organisationName}`, childrenText(details.children)]
        .filter(Boolean)
        .join(' · ');
  }
}

type RowLink =
  | { kind: 'repeat-of' | 'same-contact'; createdAt: Date }
  | { kind: 'family'; name: string }
  | { kind: 'referral'; referrer: string };

/** The marker of a link from a row of the inbox list to another sign-up. */
export function rowLinkText(link: RowLink): string {
  switch (link.kind) {
    case 'repeat-of':
      return `Herhaling van de aanmelding van ${formatDateTime(link.createdAt)}`;
    case 'same-contact':
      return `Zelfde telefoon of e-mail als de aanmelding van ${formatDateTime(link.createdAt)}`;
    case 'family':
      return `Verwijzing over het gezin van ${link.name}`;
    case 'referral':
      return `Verwezen door ${link.referrer}`;
  }
}

/** "Contact beloofd vóór 7 dec. 2026", or that the promised day has passed. */
export function firstContactText(firstContact: { dueOn: string; overdue: boolean }): string {
  return firstContact.overdue
    ? `Contact was beloofd vóór ${formatDay(firstContact.dueOn)}`
    : `Contact beloofd vóór ${formatDay(firstContact.dueOn)}`;
}

/**
 * On a sign-up's page: what the person was told at sign-up ("Rik Regio (regiocoördinator ...)
 * neemt uiterlijk 7 dec. 2026 contact op"), so whoever picks it up knows the promise to keep.
 */
export function promiseForStaff(promise: FirstContactPromise): string {
  const who = promisedBy(promise);
  return `Bij de aanmelding is beloofd: ${who} (${RESPONSIBLE_LEVEL_LABELS[promise.level]}) neemt binnen ${promise.workingDays} werkdagen contact op, dus uiterlijk ${formatDay(promise.dueOn)}.`;
}

/** How a consent was given, for the sign-up's page ("Mondeling aan de telefoon, vastgelegd door ..."). */
export function consentHowText(consent: ConsentRecord): string {
  const by = consent.recordedBy?.name ?? 'een medewerker';
  if (consent.given === 'mondeling')
    return `Mondeling aan de telefoon (voorgelezen), vastgelegd door ${by} op ${formatDateTime(new Date(consent.agreedAt))}`;
  if (consent.given === 'via-verwijzing')
    return `Volgens de verwijzer, in de verwijzing van ${formatDateTime(new Date(consent.agreedAt))}; overgenomen door ${by}${consent.recordedAt ? ` op ${formatDateTime(new Date(consent.recordedAt))}` : ''}`;
  return `Zelf aangevinkt op het formulier, ${formatDateTime(new Date(consent.agreedAt))}`;
}
