/** Input limits of the inbox's forms: the use cases enforce them, the forms keep a refused text within them. */
export const INBOX_LIMITS = {
  /** A note longer than this is refused (write two). */
  note: 5000,
  /** A contact moment's summary is cut here. */
  contactSummary: 2000,
  /** The note of a side exit (where to, or why) is cut here. */
  statusNote: 1000,
} as const;

/** A contact moment can be dated up to this far ahead of the server clock (time zones, a late evening). */
export const CONTACT_DATE_SLACK_MS = 36 * 60 * 60 * 1000;
