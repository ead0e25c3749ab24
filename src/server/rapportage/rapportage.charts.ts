/**
 * Bar charts of the report as SVG, drawn on the server by Observable Plot with linkedom as its
 * document (decision 025): no JavaScript in the browser, legible in print. The chart repeats the
 * first column of its table; the table beside it is the accessible version (the chart is an
 * image labelled by the table's caption). Hidden figures (small numbers) are left out of the chart.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { ReportTable } from './rapportage.figures';

type SvgElement = {
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  querySelectorAll(selector: string): SvgElement[];
  remove(): void;
  outerHTML: string;
};

const WIDTH = 640;
const BAR_HEIGHT = 26;

/** The chart of a table's first column (its rows without the total), or null when there is nothing to draw. */
export async function barChartSvg(table: ReportTable): Promise<string | null> {
  const bars = table.rows
    .filter((row) => !row.total)
    .map((row) => ({ label: row.label, value: row.cells[0]?.hidden ? null : (row.cells[0]?.value ?? null) }))
    .filter((bar): bar is { label: string; value: number } => bar.value !== null);
  if (bars.length === 0 || bars.every((bar) => bar.value === 0)) return null;
  const share = table.rows[0]?.cells[0]?.kind === 'share';
  const { document } = parseHTML('<!doctype html><html lang="nl"><body></body></html>');
  const longest = Math.max(...bars.map((bar) => bar.label.length));
  const svg = Plot.plot({
    document: document as unknown as Document,
    width: WIDTH,
    height: bars.length * BAR_HEIGHT + 40,
    marginLeft: Math.min(300, 12 + longest * 6.2),
    marginRight: 40,
    className: 'report-chart__svg',
    x: { grid: true, label: share ? 'procent' : 'aantal', domain: share ? [0, 100] : undefined, nice: true },
    y: { label: null, domain: bars.map((bar) => bar.label) },
    marks: [
      Plot.barX(bars, { x: 'value', y: 'label', fill: 'currentColor', fillOpacity: 0.75 }),
      Plot.text(bars, {
        x: 'value',
        y: 'label',
        text: (bar: { value: number }) => String(bar.value),
        dx: 4,
        textAnchor: 'start',
      }),
      Plot.ruleX([0]),
    ],
  }) as unknown as SvgElement;
  // The page's Content-Security-Policy allows no inline styles that Astro did not hash: Plot's
  // <style> element and style attributes go; the stylesheet (ReportTable.astro) styles the chart.
  for (const styled of svg.querySelectorAll('style')) styled.remove();
  for (const styled of [svg, ...svg.querySelectorAll('[style]')]) styled.removeAttribute('style');
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${bars.length * BAR_HEIGHT + 40}`);
  svg.setAttribute('width', '100%');
  svg.removeAttribute('height');
  return svg.outerHTML;
}
