/** Limits of an import; pages and messages use these numbers, they never copy them. */
export const IMPORT_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  maxRows: 20_000,
  maxColumns: 60,
  /** Longer cells are cut (a name or a date is never this long). */
  maxCellLength: 500,
  /** An upload nobody imported is thrown away after this many hours (its cells are personal data). */
  stagedHours: 4,
  /** An import can be undone this many days after it was written. */
  undoDays: 14,
  /** Rows without problems the preview shows (rows with problems are always shown). */
  previewCleanRows: 100,
} as const;
