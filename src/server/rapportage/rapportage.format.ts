/**
 * How a figure of the report is written, the same on the page, in the chart's table and in the
 * exports: Dutch decimals, "< 5" for a small count hidden for the gemeente role, "–" for a
 * figure that is hidden or cannot be computed.
 */
import type { Cell } from './rapportage.figures';
import { HIDDEN_FIGURE, SMALL_COUNT } from './rapportage.labels';

const decimal = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

export function formatCell(cell: Cell): string {
  if (cell.hidden === 'small') return SMALL_COUNT;
  if (cell.hidden || cell.value === null) return HIDDEN_FIGURE;
  if (cell.kind === 'target')
    return cell.upTo !== undefined && cell.upTo !== cell.value ? `${cell.value} tot ${cell.upTo}` : String(cell.value);
  if (cell.kind === 'share') return `${decimal.format(cell.value)}%`;
  return decimal.format(cell.value);
}

/** "(n = 12)" after a derived figure, for staff; nothing for a count or a hidden figure. */
export function basedOn(cell: Cell): string {
  if (cell.kind === 'count' || cell.kind === 'target' || cell.hidden || cell.n === undefined) return '';
  return `n = ${cell.n}`;
}
