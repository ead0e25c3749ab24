/**
 * The words of the screening of a steungezin: the national competence checklist (a gemeente can
 * have its own in its content file), what still stands in the way of approval, and history lines.
 */

/** The national competence profile in short (docs/domain.md, step 4). */
export const DEFAULT_COMPETENCES = [
  { key: 'stable_household', label: 'Een stabiel gezin: er is rust en regelmaat in huis' },
  { key: 'time_and_space', label: 'Er is tijd en ruimte voor een kind erbij' },
  { key: 'open_to_cultures', label: 'Staat open voor andere culturen en gewoontes' },
  { key: 'keeps_agreements', label: 'Kan afspraken maken en nakomen' },
  { key: 'asks_for_help', label: 'Weet wanneer je hulp vraagt, en bij wie' },
] as const;

export type ApprovalBlocker = 'intake_1' | 'intake_2' | 'no_adults' | 'vog_missing' | 'vog_expired' | 'checklist';

export const BLOCKER_LABELS: Record<ApprovalBlocker, string> = {
  intake_1: 'Het eerste gesprek is nog niet vastgelegd.',
  intake_2: 'Het tweede gesprek is nog niet vastgelegd.',
  no_adults: 'Er staat nog geen volwassene op de VOG-lijst.',
  vog_missing: 'Niet van iedere volwassene is de VOG binnen.',
  vog_expired: 'Een VOG is verlopen. Vraag een nieuwe aan.',
  checklist: 'De competentielijst is nog niet afgevinkt.',
};

export function screeningHistorySentence(entry: { change: string; detail: Record<string, unknown> | null }): string {
  const d = entry.detail ?? {};
  switch (entry.change) {
    case 'intake':
      return `Gesprek ${String(d.number ?? '')} met het steungezin vastgelegd`;
    case 'vog':
      return `VOG van volwassene ${String(d.adult ?? '')} bijgewerkt`;
    case 'adult_added':
      return `Volwassene ${String(d.adult ?? '')} toegevoegd aan de VOG-lijst`;
    case 'adult_removed':
      return `Volwassene ${String(d.adult ?? '')} van de VOG-lijst gehaald`;
    case 'checklist':
      return d.signedOff ? 'Competentielijst afgevinkt' : 'Competentielijst bijgewerkt';
    case 'availability':
      return 'Beschikbaarheid bijgewerkt';
    case 'approved':
      return 'Steungezin goedgekeurd';
    default:
      return entry.change;
  }
}
