/**
 * A horizontal bar chart as plain data for an SVG drawn by the template (no script, no inline
 * style: the CSP allows neither). Each chart on a page also has a table with the same numbers.
 */
export interface BarSegment {
  value: number;
  fill: string;
  label: string;
}

export interface ChartBar {
  label: string;
  y: number;
  segments: { x: number; width: number; fill: string; label: string; value: number }[];
  total: number;
  totalX: number;
}

export interface BarChart {
  id: string;
  title: string;
  description: string;
  width: number;
  height: number;
  labelWidth: number;
  barHeight: number;
  bars: ChartBar[];
  legend: { label: string; swatch: string }[];
  threshold: { x: number; label: string } | null;
  axis: { x: number; label: string }[];
}

export const COLOURS = {
  blue: { fill: '#1d70b8', swatch: 'ttg-swatch--blue' },
  red: { fill: '#d4351c', swatch: 'ttg-swatch--red' },
  purple: { fill: '#4c2c92', swatch: 'ttg-swatch--purple' },
  orange: { fill: '#f47738', swatch: 'ttg-swatch--orange' },
  green: { fill: '#00703c', swatch: 'ttg-swatch--green' },
} as const;

/** The axis for values up to `n`: whole-number ticks of 1, 2 or 5 × 10^k, at most 5 steps, the last at or above `n`. */
export function axisScale(n: number): { max: number; step: number } {
  const target = Math.max(1, Math.ceil(n));
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const step of [1, 2, 5].map((s) => s * magnitude)) if (Math.ceil(target / step) <= 5) return { max: Math.ceil(target / step) * step, step };
  }
}

export function barChart(opts: {
  id: string;
  title: string;
  description: string;
  rows: { label: string; segments: BarSegment[] }[];
  legend: { label: string; colour: keyof typeof COLOURS }[];
  threshold?: { value: number; label: string };
}): BarChart {
  const labelWidth = 260;
  const plotWidth = 600;
  const barHeight = 26;
  const gap = 12;
  const top = 10;
  const { max, step } = axisScale(Math.max(1, opts.threshold?.value ?? 0, ...opts.rows.map((r) => r.segments.reduce((s, x) => s + x.value, 0))));
  const scale = (v: number) => (v / max) * plotWidth;
  const bars = opts.rows.map((row, i) => {
    let x = labelWidth;
    const segments = row.segments
      .filter((s) => s.value > 0)
      .map((s) => {
        const seg = { x, width: Math.max(1, scale(s.value)), fill: s.fill, label: s.label, value: s.value };
        x += seg.width;
        return seg;
      });
    const total = row.segments.reduce((s, x2) => s + x2.value, 0);
    return { label: row.label.length > 32 ? `${row.label.slice(0, 31)}…` : row.label, y: top + i * (barHeight + gap), segments, total, totalX: x + 6 };
  });
  const height = top + Math.max(1, bars.length) * (barHeight + gap) + 24;
  return {
    id: opts.id,
    title: opts.title,
    description: opts.description,
    width: labelWidth + plotWidth + 60,
    height,
    labelWidth,
    barHeight,
    bars,
    legend: opts.legend.map((l) => ({ label: l.label, swatch: COLOURS[l.colour].swatch })),
    threshold: opts.threshold ? { x: labelWidth + scale(opts.threshold.value), label: opts.threshold.label } : null,
    axis: Array.from({ length: max / step + 1 }, (_, i) => ({ x: labelWidth + scale(i * step), label: String(i * step) })),
  };
}
