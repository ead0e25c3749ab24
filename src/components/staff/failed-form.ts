/**
 * A staff form that came back with an error: which intent, the values sent (to show again) and
 * the Dutch message per field. Sections ask `failedFor(page, intent, match)` for their own form.
 */
import type { StaffForm, StaffPage } from '~/server/access/staff-page';

export type FailedForm = { form: StaffForm; fields: Record<string, string> };

/** The failed form of `intent` (and, when several forms share an intent, the one whose field `key` is `value`). */
export function failedFor(
  page: Pick<StaffPage<unknown, unknown>, 'action'>,
  intent: string,
  match?: { key: string; value: string },
): FailedForm | null {
  const { formError, form } = page.action;
  if (!formError || formError.form !== intent || !form) return null;
  if (match && form.get(match.key) !== match.value) return null;
  return { form, fields: formError.fields ?? {} };
}

/** The value sent in a failed form, or the default. */
export function keptValue(failed: FailedForm | null, name: string, fallback: string | null | undefined): string {
  return failed ? failed.form.get(name) : (fallback ?? '');
}

/** Every value sent for a checkbox group in a failed form, or the default. */
export function keptValues(failed: FailedForm | null, name: string, fallback: readonly string[]): readonly string[] {
  return failed ? failed.form.all(name) : fallback;
}
