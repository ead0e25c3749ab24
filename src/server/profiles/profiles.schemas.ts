/** Input limits of the profile page's forms: the use cases enforce them, the forms show them (maxlength). */
export const PROFILE_LIMITS = {
  /** A reason to keep a flag of the identifiability check: at least this long … */
  overrideReasonMin: 10,
  /** … and cut here. */
  overrideReasonMax: 500,
  /** "Waar precies" of a social-media post. */
  postingNote: 200,
} as const;
