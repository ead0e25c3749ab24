/**
 * The audit log in Dutch: one short sentence per entry ("Zette de status van Nieuw naar Contact
 * gelegd"), about the record named beside it. Every action code any domain writes has a sentence
 * here; an unknown code still reads as Dutch, with the code at the end for whoever must look it up.
 */
import { KIND_LABELS, statusLabel } from '~/server/inbox/inbox.labels';
import { POSTING_CHANNEL_LABELS } from '~/server/profiles/profiles.labels';
import { STAFF_ROLE_LABELS } from '~/server/staff/staff.labels';
import type { StaffRole } from '~/server/staff/staff.repository';

type Detail = Record<string, unknown> | null;
type Names = { staff: (id: unknown) => string; registration: (id: unknown) => string };

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const CONTACT_WORDS: Record<string, string> = {
  call: 'een telefoongesprek',
  visit: 'een bezoek',
  mail: 'een e-mail',
  other: 'een contact',
};

/** code -> sentence (without the person: the "Wie" column says who). */
const SENTENCES: Record<string, (detail: Detail, names: Names) => string> = {
  // Sign-ups (registrations, inbox)
  'registration.view': () => 'Bekeek de aanmelding',
  'registration.create': (detail) =>
    detail?.given === 'via-verwijzing'
      ? 'Maakte van een verwijzing een eigen aanmelding voor het gezin'
      : 'Voerde de aanmelding in na een telefoongesprek (toestemming mondeling)',
  'registration.status': (detail) =>
    `Zette de status van ${statusLabel(text(detail?.from))} naar ${statusLabel(text(detail?.to))}`,
  'registration.assignment': (detail, names) =>
    detail?.to ? `Wees de aanmelding toe aan ${names.staff(detail.to)}` : 'Haalde de toewijzing weg',
  'registration.note': () => 'Schreef een notitie',
  'registration.contact': (detail) => `Legde ${CONTACT_WORDS[text(detail?.to)] ?? 'een contact'} vast`,
  'registration.duplicate': (detail, names) =>
    detail?.to ? `Markeerde als herhaling van ${names.registration(detail.to)}` : 'Markeerde als niet dubbel',
  'registration.family': (detail, names) =>
    detail?.to
      ? `Koppelde de verwijzing aan het gezin van ${names.registration(detail.to)}`
      : 'Haalde de koppeling met het gezin weg',
  'registration.vog': () => 'Werkte de VOG-lijst bij',
  'inbox.list': (detail) => `Bekeek de inbox: ${plural(count(detail?.shown), 'aanmelding', 'aanmeldingen')} in beeld`,
  'inbox.search': (detail) =>
    `Zocht in de inbox${detail?.query ? ` op “${text(detail.query)}”` : ''}: ${plural(count(detail?.shown), 'aanmelding', 'aanmeldingen')} in beeld`,
  // Recruitment profiles
  'profile.create': (detail, names) =>
    `Maakte een wervingsprofiel${detail?.registrationId ? ` voor ${names.registration(detail.registrationId)}` : ''}`,
  'profile.view': () => 'Bekeek het wervingsprofiel',
  'profile.update': () => 'Bewerkte het wervingsprofiel',
  'profile.flag_override': (detail) =>
    `Liet een waarschuwing van de controle staan${detail?.reason ? `: “${text(detail.reason)}”` : ''}`,
  'profile.publish': () => 'Zette het wervingsprofiel online',
  'profile.match': () => 'Zette het wervingsprofiel op “steungezin gevonden”',
  'profile.withdraw': () => 'Trok het wervingsprofiel in',
  'profile.unpublish': () => 'Haalde het wervingsprofiel offline (weer concept)',
  'profile.posting_add': (detail) =>
    `Legde een bericht op ${POSTING_CHANNEL_LABELS[text(detail?.channel)] ?? 'sociale media'} vast`,
  'profile.posting_removed': () => 'Noteerde dat een bericht is weggehaald',
  // Staff accounts
  'staff.invite': (detail) =>
    `Nodigde een nieuwe collega uit${detail?.role ? ` als ${STAFF_ROLE_LABELS[text(detail.role) as StaffRole]?.toLowerCase() ?? text(detail.role)}` : ''}`,
  'staff.invite_resent': () => 'Stuurde de uitnodiging opnieuw',
  'staff.disable': () => 'Schakelde het account uit',
  // Logging in and the own account
  'auth.login': () => 'Logde in',
  'auth.login_recovery_code': () => 'Logde in met een herstelcode',
  'auth.logout': () => 'Logde uit',
  'auth.enrolled': () => 'Richtte het account in (wachtwoord en app)',
  'auth.end_other_sessions': (detail) =>
    `Logde overal anders uit${typeof detail?.ended === 'number' ? ` (${plural(detail.ended, 'sessie', 'sessies')})` : ''}`,
  'auth.recovery_codes_renewed': () => 'Maakte nieuwe herstelcodes',
  'auth.password_changed': () => 'Veranderde het wachtwoord',
  'auth.reauth_failed': () => 'Typte bij een belangrijke wijziging een verkeerd wachtwoord',
  // Mail that did not arrive (backoffice)
  'email.retry': () => 'Stuurde een e-mail die niet aankwam opnieuw',
  'email.discard': () => 'Gooide een e-mail die niet aankwam weg',
  // The log itself
  'audit.view': () => 'Bekeek het logboek',
};

/** The Dutch sentence of one entry. */
export function auditSentence(action: string, detail: Detail, names: Names): string {
  const sentence = SENTENCES[action];
  if (sentence) return sentence(detail, names);
  return `Deed iets dat het logboek nog niet in woorden kent (${action})`;
}

/** How the record of an entry is named in the "Over" column. */
export function registrationSubject(summary: { contactName: string; kind: keyof typeof KIND_LABELS }): string {
  return `${summary.contactName} (${KIND_LABELS[summary.kind].toLowerCase()})`;
}
