/**
 * Dutch words of /mijn-gegevens and /beheer/verzoeken: what each part of the export is called,
 * and how a row of it reads (privacy.requests.ts turns the export into these sections).
 */

/** The parts of `privacy_export`, in the order the page shows them, with a heading in plain words. */
export const EXPORT_SECTIONS: Record<string, string> = {
  registrations: 'Wat je bij je aanmelding invulde',
  referral_consents: 'Je toestemming voor de verwijzing',
  referral_consent_links: 'De e-mail waarin we je vroegen of de verwijzing klopt',
  inbox_items: 'Hoe de coördinator je aanmelding volgt',
  inbox_contacts: 'Contact met de coördinator',
  inbox_notes: 'Notities van de coördinator',
  inbox_history: 'Wat er met je aanmelding gebeurde',
  appointments: 'Afspraken voor een kennismaking',
  profiles: 'Wervingsprofiel (de tekst zonder namen waarmee we een steungezin zoeken)',
  steungezin_screenings: 'Kennismaking en screening als steungezin',
  screening_intakes: 'Gesprekken met de coördinator',
  screening_vogs: 'Verklaringen Omtrent het Gedrag (VOG)',
  screening_history: 'Wat er in de screening gebeurde',
  koppelingen: 'Koppelingen met een ander gezin',
  koppeling_history: 'Wat er in de koppeling gebeurde',
  koppeling_evaluations: 'Evaluaties van de koppeling',
  koppeling_closures: 'Afronding van de koppeling',
  koppeling_signatures: 'Je akkoord met de afspraken',
  privacy_holds: 'Afspraken om je gegevens langer te bewaren',
};

/** Column names in plain words; a column not named here shows with its own name. */
const FIELD_LABELS: Record<string, string> = {
  kind: 'Soort aanmelding',
  gemeente_slug: 'Gemeente',
  kern: 'Dorp of wijk',
  postcode: 'Postcode',
  contact_name: 'Naam',
  contact_email: 'E-mailadres',
  contact_phone: 'Telefoonnummer',
  preferred_contact_time: 'Wanneer je het best te bellen bent',
  details: 'Wat je verder vertelde',
  source: 'Hoe je van ons hoorde',
  consents: 'Toestemming die je gaf',
  contact_promise: 'Wanneer we contact zouden opnemen',
  status: 'Stand van zaken',
  created_at: 'Aangemaakt op',
  updated_at: 'Laatst veranderd op',
  body: 'Tekst',
  summary: 'Samenvatting',
  channel: 'Hoe',
  contacted_on: 'Op',
  at: 'Op',
  change: 'Wat',
  from_value: 'Van',
  to_value: 'Naar',
  detail: 'Meer',
  status_note: 'Toelichting',
  status_changed_at: 'Stand veranderd op',
  keep_until: 'Bewaren tot en met',
  reason: 'Waarom',
  placed_at: 'Afgesproken op',
  lifted_at: 'Opgeheven op',
  method: 'Hoe',
  given_on: 'Op',
  recorded_at: 'Vastgelegd op',
  on_date: 'Dag',
  start_time: 'Tijd',
  phase: 'Stand van zaken',
  proposed_on: 'Voorgesteld op',
  started_on: 'Begonnen op',
  ended_on: 'Afgerond op',
  held_on: 'Gehouden op',
  notes: 'Notities',
  title: 'Titel',
  text: 'Tekst',
  signed_at: 'Akkoord gegeven op',
  number: 'Gesprek',
  adult_number: 'Volwassene',
  requested_on: 'Aangevraagd op',
  received_on: 'Ontvangen op',
  valid_until: 'Geldig tot',
  agreed_at: 'Op',
  purpose: 'Waarvoor',
  contact_by: 'Hoe je contact wilt',
  contact_time: 'Wanneer het je goed uitkomt',
  share_outcome: 'De verwijzer mag horen wanneer de steun begint en stopt',
  sent_at: 'Verstuurd op',
  expires_at: 'Link werkt tot',
  answered_at: 'Beantwoord op',
  answer: 'Je antwoord',
};

/** Columns that only link rows together or are the portal's own bookkeeping: not shown on the page (they stay in the download). */
const HIDDEN = /(^id$|_id$|_by$|^token|_hash$|^search)/;

export type ReadableField = { label: string; value: string };

const dateTime = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});
const dateOnly = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'UTC' });

function readableValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return dateOnly.format(new Date(`${value}T00:00:00Z`));
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value)))
      return dateTime.format(new Date(value));
    return value;
  }
  if (Array.isArray(value)) return value.map(readableValue).filter(Boolean).join('; ');
  return Object.entries(value as Record<string, unknown>)
    .map(([key, inner]) => [FIELD_LABELS[key] ?? key, readableValue(inner)] as const)
    .filter(([, text]) => text !== '')
    .map(([key, text]) => `${key}: ${text}`)
    .join('; ');
}

/** One exported row as label/value pairs, without keys and empty fields. */
export function readableRow(row: Record<string, unknown>): ReadableField[] {
  return Object.entries(row)
    .filter(([column]) => !HIDDEN.test(column))
    .map(([column, value]) => ({
      label: FIELD_LABELS[column] ?? column.replaceAll('_', ' '),
      value: readableValue(value),
    }))
    .filter((field) => field.value !== '');
}

/** The statuses of a request in the queue. */
export const REQUEST_STATUS_LABELS = { open: 'Open', done: 'Afgehandeld', refused: 'Geweigerd' } as const;

/** Why a request was refused, for the queue (the person gets the sentence of the mail template). */
export const REFUSAL_LABELS = {
  held: 'Er is een bewaarafspraak',
  open_koppeling: 'Er loopt een koppeling of voorstel',
  concern: 'Er is een open zorg over veiligheid',
} as const;

/** After a step on /mijn-gegevens/<token> (`?gedaan=<intent>`). */
export const MY_DATA_DONE_MESSAGES: Record<string, string> = {
  correction:
    'Dank je wel. De coördinator leest je verzoek en past aan wat niet klopt. Je hoort binnen 4 weken van ons.',
  erase:
    'We hebben je verzoek ontvangen. Het landelijk bureau kijkt of we alles kunnen verwijderen en laat het je binnen 4 weken per e-mail weten.',
};

/** After a step on /beheer/verzoeken. */
export const QUEUE_DONE_MESSAGES: Record<string, string> = {
  confirm:
    'Het verzoek is afgehandeld. Waren de gegevens te verwijderen, dan zijn ze weg; anders is het verzoek geweigerd. De persoon krijgt een e-mail.',
};

/** How long a correction may be (the inbox note it becomes). */
export const CORRECTION_MAX = 2000;
