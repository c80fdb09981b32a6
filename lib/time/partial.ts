import type { ResolvedRange } from "@/lib/contracts/range";

/**
 * fal's figures trail real time by a few minutes (docs/fal-api-notes.md): a bucket that ended this
 * recently may still be filling, so it is drawn as partial too rather than as a drop.
 */
export const FAL_LAG_MS = 15 * 60_000;

export type ClippedSeries<P> = {
  /** The buckets that have begun; those wholly in the future are not drawn (no zero for what has not happened). */
  points: P[];
  /** Index of the first bucket still filling (the partial tail); `points.length` when every bucket is over. */
  partialFrom: number;
};

/**
 * Cuts a series at its answer's `as_of`: buckets starting later are dropped, and the buckets ending after
 * `as_of - lagMs` are marked partial. Bucket ends are the next bucket's start, the last one's the window's
 * end; compared as instants, never as strings.
 */
export function clipToNow<P extends { bucket: string }>(
  series: readonly P[],
  range: ResolvedRange,
  lagMs = 0,
): ClippedSeries<P> {
  const end = Date.parse(range.end);
  const asOf = range.as_of ? Math.min(end, Date.parse(range.as_of)) : end;
  // Buckets come in order, so the ones begun are a prefix and the partial ones its tail.
  const points = series.filter((p) => Date.parse(p.bucket) < asOf);
  let partialFrom = points.length;
  while (partialFrom > 0) {
    const next = series[partialFrom];
    const bucketEnd = next ? Date.parse(next.bucket) : end;
    if (bucketEnd <= asOf - lagMs) break;
    partialFrom -= 1;
  }
  return { points, partialFrom };
}
