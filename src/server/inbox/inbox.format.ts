/** Small Dutch formatters for the inbox pages. */
const dateTime = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});
const dateOnly = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeZone: 'Europe/Amsterdam' });

export const formatDateTime = (d: Date) => dateTime.format(d);
export const formatDay = (isoDay: string) => dateOnly.format(new Date(`${isoDay}T12:00:00Z`));

/** "vandaag", "1 dag", "12 dagen", "5 weken" since `since`. */
export function waitingTime(since: Date, now: Date): string {
  const days = Math.floor((now.getTime() - since.getTime()) / 86_400_000);
  if (days <= 0) return 'vandaag';
  if (days === 1) return '1 dag';
  if (days < 28) return `${days} dagen`;
  const weeks = Math.floor(days / 7);
  return weeks < 52 ? `${weeks} weken` : `${Math.floor(days / 365)} jaar`;
}
