/** Input limits of staff accounts: the use cases enforce them, the forms keep what was sent within them. */
export const STAFF_LIMITS = {
  /** RFC 5321: an address is at most 254 characters. */
  email: 254,
  displayName: 100,
} as const;
