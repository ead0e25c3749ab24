/**
 * Small numbers for the gemeente role (issue 15): a count from 1 to 4 is shown as "< 5"; in a
 * table whose rows add up to a total, more cells are hidden until the total minus the visible
 * cells no longer gives a count from 1 to 4 (secondary suppression); a figure derived from fewer
 * than 5 records (a percentage, an average, a median) is hidden. Coordinators see exact numbers
 * for their own gemeenten. Pure: the report's tables in, a copy with the hidden cells emptied out.
 */
import type { Cell, ReportSection, ReportTable } from './rapportage.figures';

export const SMALLEST_SHOWN = 5;

const isSmall = (value: number | null) => value !== null && value >= 1 && value < SMALLEST_SHOWN;

function hide(cell: Cell, why: NonNullable<Cell['hidden']>): Cell {
  return { kind: cell.kind, value: null, hidden: why };
}

function primary(cell: Cell): Cell {
  if (cell.kind === 'count') return isSmall(cell.value) ? hide(cell, 'small') : cell;
  if (cell.kind === 'target') return cell;
  return (cell.n ?? 0) < SMALLEST_SHOWN ? hide(cell, 'few') : cell;
}

/** Secondary suppression in one column of a table whose parts add up to its total row. */
function secondary(original: Cell[], shown: Cell[], totalIndex: number) {
  const total = original[totalIndex]!.value ?? 0;
  if (shown[totalIndex]!.hidden) return;
  for (;;) {
    const visible = shown.reduce(
      (sum, cell, index) => (index === totalIndex || cell.hidden ? sum : sum + (cell.value ?? 0)),
      0,
    );
    if (!isSmall(total - visible)) return;
    const candidates = shown
      .map((cell, index) => ({ cell, index, value: original[index]!.value ?? 0 }))
      .filter(({ cell, index, value }) => index !== totalIndex && !cell.hidden && value > 0)
      .sort((a, b) => a.value - b.value);
    const next = candidates[0];
    if (!next) {
      shown[totalIndex] = hide(shown[totalIndex]!, 'secondary');
      return;
    }
    shown[next.index] = hide(shown[next.index]!, 'secondary');
  }
}

function suppressTable(table: ReportTable): ReportTable {
  const rows = table.rows.map((row) => ({ ...row, cells: row.cells.map(primary) }));
  const totalIndex = table.rows.findIndex((row) => row.total);
  if (table.additive && totalIndex !== -1)
    for (let column = 0; column < table.columns.length; column++) {
      const original = table.rows.map((row) => row.cells[column]!);
      const shown = rows.map((row) => row.cells[column]!);
      secondary(original, shown, totalIndex);
      shown.forEach((cell, index) => {
        rows[index]!.cells[column] = cell;
      });
    }
  return { ...table, rows };
}

/** The report as the gemeente role sees it. */
export function suppressSmallNumbers(sections: ReportSection[]): ReportSection[] {
  return sections.map((section) => ({ ...section, tables: section.tables.map(suppressTable) }));
}
