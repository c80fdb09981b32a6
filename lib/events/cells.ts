/** A half-open stretch of time [from, to), epoch milliseconds. */
export type Span = { from: number; to: number };

/**
 * Covers [first boundary, last boundary) with whole cells of the given grains (milliseconds, coarsest
 * first, each cell aligned to the Unix epoch as date_bin cuts them), taking the coarsest cell that fits and
 * never one with a boundary strictly inside it: every cell then falls in exactly one bucket, so summing
 * cells per bucket is exact whatever the zone, DST day or :30/:45 offset. The last grain must be 1 (raw
 * rows), which fits anywhere. Returns, per grain, the spans its cells cover, in order, adjacent ones merged.
 */
export function cover(boundaries: readonly number[], grains: readonly number[]): Span[][] {
  const spans = grains.map((): Span[] => []);
  const take = (level: number, from: number, to: number) => {
    const list = spans[level]!;
    const last = list.at(-1);
    if (last?.to === from) last.to = to;
    else list.push({ from, to });
  };
  const split = (from: number, to: number, level: number): void => {
    if (from >= to) return;
    const grain = grains[level]!;
    const lo = Math.ceil(from / grain) * grain;
    const hi = Math.floor(to / grain) * grain;
    if (lo >= hi) return split(from, to, level + 1);
    split(from, lo, level + 1);
    take(level, lo, hi);
    split(hi, to, level + 1);
  };
  if (grains.at(-1) !== 1) throw new Error("the finest grain must be 1 ms (raw rows)");
  for (let i = 1; i < boundaries.length; i++) split(boundaries[i - 1]!, boundaries[i]!, 0);
  return spans;
}
