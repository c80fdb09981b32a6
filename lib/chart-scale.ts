/**
 * The arithmetic behind the charts (components/ui/chart-plot.tsx): round axis ticks, where a value sits on
 * a linear or logarithmic axis, stacking, and from which chart width an axis label has room. Everything is
 * a percentage of the plot or a width in CSS pixels, so the server and the browser draw the same marks
 * without measuring anything.
 */

/** Drops float noise (0.1 × 3 = 0.30000000000000004) so ticks print and compare as written. */
const clean = (n: number) => Number(n.toPrecision(12));

/** Steps per power of ten, roughly as fine as the axis steps the charts had before (…, 150, 200, 250, 300 …). */
const STEPS = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] as const;

/**
 * Five round ticks from 0 to at least `max` (the axis' top is the last one): the step is 1, 1.5, 2, 2.5,
 * 3, 4, 5, 6 or 8 × a power of ten, the smallest whose four steps cover `max`. `integers` keeps the step
 * whole (counts). Nothing to show (`max` ≤ 0) still gets an axis: 0 to 1, or 0 to 4 for counts.
 */
export function linearTicks(max: number, { integers = false }: { integers?: boolean } = {}): number[] {
  const intervals = 4;
  if (!(max > 0)) return integers ? [0, 1, 2, 3, 4] : [0, 0.25, 0.5, 0.75, 1];
  let exponent = Math.floor(Math.log10(max / intervals));
  if (integers) exponent = Math.max(0, exponent);
  for (;;) {
    for (const m of STEPS) {
      const step = clean(m * 10 ** exponent);
      if (integers && !Number.isInteger(step)) continue;
      if (step * intervals >= max) return Array.from({ length: intervals + 1 }, (_, i) => clean(i * step));
    }
    exponent += 1;
  }
}

/** Round durations in seconds for a log axis: a decade apart below a minute, then a minute, ten minutes, an hour … */
const LOG_TICKS = [0.001, 0.01, 0.1, 1, 10, 60, 600, 3600, 36_000, 86_400] as const;

/**
 * The round ticks around [min, max] (positive seconds): from the last at or below `min` to the first at or
 * above `max`, at least two so the axis has a length (a lone value of exactly 1 s spans 1 s – 10 s).
 */
export function logTicks(min: number, max: number): number[] {
  const last = LOG_TICKS.length - 1;
  let lo = Math.max(
    0,
    LOG_TICKS.findLastIndex((t) => t <= min),
  );
  let hi = LOG_TICKS.findIndex((t) => t >= max);
  if (hi < 0) hi = last;
  if (hi <= lo) {
    if (lo < last) hi = lo + 1;
    else lo = hi - 1;
  }
  return LOG_TICKS.slice(lo, hi + 1);
}

/** Where `value` sits on a linear axis from 0 to `top`, in percent (0 at the axis' start). */
export function linearPercent(value: number, top: number): number {
  return top > 0 ? clean((value / top) * 100) : 0;
}

/** Where `value` sits on a log axis from `lo` to `hi`, in percent, kept within the axis. */
export function logPercent(value: number, lo: number, hi: number): number {
  const p = (Math.log(value / lo) / Math.log(hi / lo)) * 100;
  return clean(Math.min(100, Math.max(0, p)));
}

/** Each part's [start, end] when the parts are stacked bottom first; a negative part counts as 0. */
export function stack(parts: readonly number[]): [number, number][] {
  let end = 0;
  return parts.map((v) => {
    const start = end;
    end += Math.max(0, v);
    return [start, end];
  });
}

/** How a category axis places its `count` buckets: a bar's band, or a line's point (first and last at the edges). */
export type Layout = "band" | "point";

/** The centre of bucket `i` of `count`, in percent along the axis. */
export function slotCenter(i: number, count: number, layout: Layout): number {
  if (layout === "band") return clean(((i + 0.5) / count) * 100);
  return count === 1 ? 50 : clean((i / (count - 1)) * 100);
}

/** The bucket under a pointer at `fraction` (0–1) of the axis. */
export function slotAt(fraction: number, count: number, layout: Layout): number {
  const i = layout === "band" ? Math.floor(fraction * count) : Math.round(fraction * (count - 1));
  return Math.min(count - 1, Math.max(0, i));
}

/**
 * From which chart width label `i` of `count` has room. Labels thin out by halving, as levels: at any
 * width every 2^k-th label shows (k as small as fits), so label i shows while 2^k divides i. `labelPx` is
 * the room one label needs (its width plus a gap); `fixedPx` what the chart spends on axes beside the plot.
 * The first label shows at every width.
 */
export function labelMinWidth(
  i: number,
  count: number,
  { layout, labelPx, fixedPx }: { layout: Layout; labelPx: number; fixedPx: number },
): number {
  if (i === 0) return 0;
  let every = 1;
  while (i % (every * 2) === 0) every *= 2;
  const gaps = layout === "band" ? count : count - 1;
  return Math.ceil(fixedPx + (labelPx * gaps) / every);
}
