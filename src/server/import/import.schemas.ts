/** Limits of an import and its kinds; pages and messages use these, they never copy the numbers. */
/** What a file holds (the coordinator chooses). */
export const importKinds = ['vraaggezinnen', 'steungezinnen', 'koppelingen'] as const;
export type ImportKind = (typeof importKinds)[number];

/** Column (by its header as written in the file, normalised) -> one of our fields, or '' for "not used". */
export type ColumnMapping = Record<string, string>;

export const IMPORT_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  maxRows: 20_000,
  maxColumns: 60,
  /**
   * An XLSX is a zip archive: all its parts together, unpacked, may be this big (a sheet of
   * 20,000 rows and 60 columns is far smaller). More is a zip bomb, refused before exceljs unpacks it.
   */
  maxUnzippedBytes: 200 * 1024 * 1024,
  /** Longer cells are cut (a name or a date is never this long). */
  maxCellLength: 500,
  /** An upload nobody imported is thrown away after this many hours (its cells are personal data). */
  stagedHours: 4,
  /** An import can be undone this many days after it was written. */
  undoDays: 14,
  /** Rows without problems the preview shows. */
  previewCleanRows: 100,
  /** Rows with a problem the preview shows (a file full of problems is fixed in the file, not here). */
  previewProblemRows: 500,
} as const;
