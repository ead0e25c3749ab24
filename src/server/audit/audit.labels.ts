/**
 * The audit log in Dutch: one short sentence per entry ("Zette de status van Nieuw naar Contact
 * gelegd"), about the record named beside it. Every action code any domain writes has a sentence
 * here; an unknown code still reads as Dutch, with the code at the end for whoever must look it up.
 */

import { IMPORT_KIND_LABELS } from '~/server/import/import.labels';
import type { ImportKind } from '~/server/import/import.schemas';
import { formatDay } from '~/server/inbox/inbox.format';
import { KIND_LABELS, statusLabel } from '~/server/inbox/inbox.labels';
import { historySentence as koppelingSentence } from '~/server/koppelingen/koppelingen.labels';
import { POSTING_CHANNEL_LABELS } from '~/server/profiles/profiles.labels';
import { screeningHistorySentence } from '~/server/screening/screening.labels';
import { STAFF_ROLE_LABELS } from '~/server/staff/staff.labels';
import type { StaffRole } from '~/server/staff/staff.repository';

type Detail = Record<string, unknown> | null;
type Names = { staff: (id: unknown) => string; registration: (id: unknown) => string };

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const importKind = (kind: unknown) => (IMPORT_KIND_LABELS[text(kind) as ImportKind] ?? 'gegevens').toLowerCase();

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
  // The second look (decision 021): the approver is the one beside the entry; who asked is in the detail.
  'profile.review_request': (detail) =>
    `Vroeg een collega om een tweede blik: ${plural(count(detail?.flags), 'punt', 'punten')} uit de controle laten staan`,
  'profile.review_send_back': () => 'Stuurde het wervingsprofiel zonder tweede blik terug naar concept',
  'profile.flag_override': (detail) =>
    detail?.approvedBy
      ? `Keurde als tweede goed dat${detail.match ? ` “${text(detail.match)}”` : ' een punt uit de controle'} blijft staan, gevraagd door ${text(detail.proposedBy) || 'een collega'}${detail.reason ? `: “${text(detail.reason)}”` : ''}`
      : `Liet een waarschuwing van de controle staan${detail?.reason ? `: “${text(detail.reason)}”` : ''}`,
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
  // Kennismaking visits (src/server/appointments)
  'appointment.plan': (detail, names) =>
    `Plande een kennismaking op ${day(detail?.onDate)} om ${text(detail?.startTime)}${detail?.staffId ? ` (gaat: ${names.staff(detail.staffId)})` : ''}`,
  'appointment.cancel': (detail) => `Zegde de kennismaking van ${day(detail?.onDate)} om ${text(detail?.startTime)} af`,
  // Screening, koppelingen, zorg over veiligheid (reading; their changes follow below)
  // Written before the screening became part of the record page's one registration.view; old entries still read.
  'screening.view': () => 'Bekeek de screening',
  'koppeling.view': () => 'Bekeek de koppeling',
  'koppeling.list': () => 'Bekeek de lijst met koppelingen',
  'koppeling.shortlist_view': (detail) =>
    `Zocht een steungezin: ${plural(Number(detail?.shown) || 0, 'steungezin', 'steungezinnen')} in beeld`,
  'safety.concern': () => 'Meldde een zorg over veiligheid',
  'safety.view': () => 'Bekeek een zorg over veiligheid',
  'safety.step': () => 'Legde een stap vast bij een zorg over veiligheid',
  'safety.resolved': () => 'Sloot een zorg over veiligheid af',
  // The own agenda feed
  'calendar.renew': () => 'Maakte een nieuwe agenda-link (de oude werkt niet meer)',
  'calendar.stop': () => 'Zette de agenda-link uit',
  // Progress reports (src/server/rapportage): the report holds no personal data
  'report.read': () => 'Bekeek een voortgangsrapportage',
  'report.notes': (detail) =>
    `Schreef de toelichting bij de voortgangsrapportage${detail?.period ? ` (${text(detail.period)})` : ''}`,
  // Moving in from spreadsheets (src/server/import, decision 029): counts only, never a cell
  'import.upload': (detail) =>
    `Laadde een bestand met ${importKind(detail?.kind)} (${plural(Number(detail?.rows) || 0, 'rij', 'rijen')})`,
  'import.preview': () => 'Bekeek de voorvertoning van een import',
  'import.write': (detail) =>
    `Importeerde ${importKind(detail?.kind)}: ${Number(detail?.created) || 0} nieuw, ${Number(detail?.updated) || 0} bijgewerkt, ${Number(detail?.skipped) || 0} overgeslagen`,
  'import.undo': () => 'Draaide een import helemaal terug',
  // Privacy (retention, holds, requests of the person; src/server/privacy)
  'privacy.retention_delete': (detail) =>
    `Verwijderd na de bewaartermijn (${detail?.rule === 'closed_koppeling' ? '2 jaar na een afgeronde koppeling' : 'geen koppeling, 12 maanden na het laatste contact'}): ${plural(deletedRows(detail), 'rij', 'rijen')}`,
  'privacy.request_delete': (detail) =>
    `Verwijderde alles op verzoek van de persoon zelf: ${plural(deletedRows(detail), 'rij', 'rijen')}`,
  'privacy.request_export': () => 'Downloadde alle gegevens voor een verzoek van de persoon zelf',
  'privacy.hold_placed': (detail) => `Maakte een bewaarafspraak tot en met ${day(detail?.keepUntil)}`,
  'privacy.hold_lifted': () => 'Hief de bewaarafspraak op',
  'privacy.parent_consent': (detail) =>
    detail?.method === 'link'
      ? `De ouders bevestigden de verwijzing zelf via de link in hun e-mail (${day(detail?.givenOn)})`
      : `Legde vast dat de ouders de verwijzing zelf bevestigden (${detail?.method === 'phone' ? 'aan de telefoon' : 'in een gesprek'}, ${day(detail?.givenOn)})`,
  // Decision 031: the parents said no through their link; the referral is deleted (unless a hold keeps it)
  'privacy.referral_declined': (detail) =>
    detail?.heldUntil
      ? `De ouders zeiden nee tegen de verwijzing; bewaard tot en met ${day(detail.heldUntil)} door een bewaarafspraak`
      : `De ouders zeiden nee tegen de verwijzing; alles verwijderd: ${plural(deletedRows(detail), 'rij', 'rijen')}`,
  // The person's own requests on /mijn-gegevens (src/server/privacy/privacy.requests.ts, decision 030)
  'privacy.link_sent': () => 'Stuurde een link naar Mijn gegevens naar het e-mailadres van de aanmelding',
  'privacy.self_view': () => 'De persoon zelf bekeek haar of zijn gegevens (Mijn gegevens)',
  'privacy.self_export': () => 'De persoon zelf downloadde haar of zijn gegevens (Mijn gegevens)',
  'privacy.correction_request': () => 'De persoon zelf vroeg om iets te verbeteren (Mijn gegevens)',
  'privacy.request_received': (detail) =>
    `De persoon zelf vroeg om alles te verwijderen; antwoord uiterlijk ${day(detail?.dueOn)}`,
  'privacy.request_refused': (detail) =>
    `Weigerde het verzoek om te verwijderen (${detail?.reason === 'held' ? 'bewaarafspraak' : detail?.reason === 'concern' ? 'open zorg over veiligheid' : 'lopende koppeling'}); de persoon kreeg een e-mail`,
  'privacy.request_done': () => 'Sloot een verzoek om te verwijderen; de gegevens waren al weg',
  'privacy.queue_view': () => 'Bekeek de verzoeken van personen (Mijn gegevens)',
  // The log itself
  'audit.view': () => 'Bekeek het logboek',
};

/** Rows the deletion took, all tables together (the entry keeps the count per table). */
function deletedRows(detail: Detail): number {
  const deleted = detail?.deleted;
  if (!deleted || typeof deleted !== 'object') return 0;
  return Object.values(deleted as Record<string, unknown>).reduce<number>(
    (sum, n) => sum + (typeof n === 'number' ? n : 0),
    0,
  );
}

/** A day from an entry ("3 december 2026"), or nothing when it is missing. */
function day(value: unknown): string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDay(value) : '?';
}

/**
 * Changes of a koppeling and of a screening are written with the domain's own change code
 * (`koppeling.started`, `screening.intake`): their history sentence, which the record shows too.
 */
function domainChangeSentence(action: string, detail: Detail): string | null {
  const [domain, change] = action.split('.') as [string, string];
  const sentence =
    domain === 'koppeling'
      ? koppelingSentence({ change, toPhase: text(detail?.to) || null, detail })
      : domain === 'screening'
        ? screeningHistorySentence({ change, detail })
        : null;
  return sentence && sentence !== change ? sentence : null;
}

/** The Dutch sentence of one entry. */
export function auditSentence(action: string, detail: Detail, names: Names): string {
  const sentence = SENTENCES[action];
  if (sentence) return sentence(detail, names);
  const change = domainChangeSentence(action, detail);
  if (change) return change;
  return `Deed iets dat het logboek nog niet in woorden kent (${action})`;
}

/** How the record of an entry is named in the "Over" column. */
export function registrationSubject(summary: { contactName: string; kind: keyof typeof KIND_LABELS }): string {
  return `${summary.contactName} (${KIND_LABELS[summary.kind].toLowerCase()})`;
}
