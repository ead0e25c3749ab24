/** Dutch formatting for the public pages. */
import type { GemeenteStatus } from './gemeente.schema';

const longDate = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Amsterdam',
});
const monthYear = new Intl.DateTimeFormat('nl-NL', { month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });

/** "2023-10-01" -> "1 oktober 2023". */
export function formatDateNl(isoDate: string): string {
  return longDate.format(new Date(`${isoDate}T12:00:00Z`));
}

/** "2023-10-01" -> "oktober 2023". */
export function formatMonthNl(isoDate: string): string {
  return monthYear.format(new Date(`${isoDate}T12:00:00Z`));
}

export const statusLabels: Record<GemeenteStatus, string> = {
  active: 'actief',
  starting: 'gaat van start',
  ended: 'niet meer actief',
};

/** "a, b en c". */
export function listNl(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} en ${items.at(-1)}`;
}

/** Group items by a key, keys sorted the Dutch way. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, 'nl'));
}

/** "06 12 34 56 01" -> "tel:+31612345601" */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^0-9+]/g, '');
  return `tel:${digits.startsWith('0') ? `+31${digits.slice(1)}` : digits}`;
}
