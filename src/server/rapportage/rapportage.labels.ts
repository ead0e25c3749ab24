/**
 * The words of the progress report: section and row labels, in plain Dutch. Codes are the
 * ledger's (README.md in this folder) and the koppelingen domain's option lists.
 */

import { REFERRAL_REASON_LABELS } from '~/server/inbox/inbox.labels';
import { REFERRAL_REASONS } from '~/server/inbox/inbox.pipeline';
import {
  childEffects,
  closureReasons,
  parentEffects,
  satisfactionAspects,
  youthCareOutcomes,
} from '~/server/koppelingen/koppelingen.labels';

export const KIND_ROWS = [
  { value: 'vraaggezin', label: 'Gezinnen die zelf hulp vragen' },
  { value: 'verwijzing', label: 'Verwijzingen door professionals' },
  { value: 'steungezin', label: 'Steungezinnen' },
] as const;

export const SOURCE_ROWS = [
  { value: 'self', label: 'Zelf aangemeld' },
  { value: 'school', label: 'School' },
  { value: 'huisarts', label: 'Huisarts' },
  { value: 'wijkteam', label: 'Wijkteam of jeugdteam' },
  { value: 'jgz', label: 'Consultatiebureau of JGZ' },
  { value: 'kinderopvang', label: 'Kinderopvang' },
  { value: 'other', label: 'Andere verwijzer' },
] as const;

export const EXIT_ROWS = [
  { value: 'referred_elsewhere', label: 'Doorverwezen naar andere hulp' },
  { value: 'not_suitable', label: 'Past niet bij Buurtgezinnen' },
  { value: 'withdrawn', label: 'Zelf gestopt voor een koppeling' },
] as const;

/** Why families were referred elsewhere: the inbox's fixed list (old exits without one count as "Onbekend"). */
export const REFERRAL_REASON_ROWS = REFERRAL_REASONS.map((value) => ({ value, label: REFERRAL_REASON_LABELS[value] }));

export const NOT_STARTED_ROWS = [
  { value: 'declined', label: 'Kennismaking klikte niet' },
  { value: 'cancelled', label: 'Voorstel ingetrokken' },
] as const;

export const CLOSURE_ROWS = closureReasons;
export const EFFECT_ROWS = [...childEffects, ...parentEffects];
export const CHILD_EFFECT_COUNT = childEffects.length;
export const YOUTH_CARE_ROWS = youthCareOutcomes.map((outcome) => ({
  value: outcome.value,
  label: outcome.label.split(':')[0]!,
}));
export const SATISFACTION_ROWS = satisfactionAspects;

export const COMPARE_COLUMNS = ['Deze periode', 'Vorige periode'];

/** What the report calls a kern that is not (or not known as) one of the gemeente's kernen. */
export const UNKNOWN_KERN = 'Andere of onbekende kern';

/** Shown instead of a count from 1 to 4 for the gemeente role, and instead of a hidden figure. */
export const SMALL_COUNT = '< 5';
export const HIDDEN_FIGURE = '–';

export const NOTE_FIELDS = [
  { name: 'highlights', label: 'Hoogtepunten', hint: 'Wat ging goed deze periode?' },
  { name: 'signals', label: 'Signalen', hint: 'Wat zie je in de buurt of bij de gezinnen? Geen namen.' },
  { name: 'plans', label: 'Plannen', hint: 'Wat ga je de volgende periode doen?' },
] as const;
export type NoteField = (typeof NOTE_FIELDS)[number]['name'];

export const REPORT_DONE_MESSAGES: Record<string, string> = {
  notes: 'De tekst bij deze rapportage is bewaard.',
};
