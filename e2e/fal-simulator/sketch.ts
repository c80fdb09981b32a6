/**
 * A fixed log-spaced histogram for latency percentiles. Each simulated request's duration is stored as a
 * bin index, so the distribution of any set of hours is just the sum of their bins: bucket and window
 * percentiles come from the merged distribution (as a real metrics store computes them), never from
 * averaging per-bucket percentiles.
 */

const MIN_SECONDS = 0.01;
const MAX_SECONDS = 1_000;
export const BIN_COUNT = 200; // ≈6 % wide bins: fine enough for p99 and still fits a Uint8Array index.
const LOG_MIN = Math.log(MIN_SECONDS);
const LOG_STEP = (Math.log(MAX_SECONDS) - LOG_MIN) / BIN_COUNT;

/** Bin of a duration given as its natural log (the generator works in log space to skip exp/log calls). */
export function binOfLog(lnSeconds: number): number {
  const i = Math.floor((lnSeconds - LOG_MIN) / LOG_STEP);
  return i < 0 ? 0 : i >= BIN_COUNT ? BIN_COUNT - 1 : i;
}

/** Seconds at a fractional bin position (log-linear inside a bin). */
function valueAt(position: number): number {
  return Math.exp(LOG_MIN + LOG_STEP * position);
}

export class Histogram {
  private readonly counts = new Uint32Array(BIN_COUNT);
  total = 0;

  addBins(bins: Uint8Array): void {
    for (const b of bins) this.counts[b] = (this.counts[b] ?? 0) + 1;
    this.total += bins.length;
  }

  /**
   * The q-quantile (0 < q ≤ 1) in seconds, rounded to milliseconds; 0 for an empty histogram. The rank
   * is placed proportionally inside its bin, which keeps quantiles monotone in q.
   */
  quantile(q: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(q * this.total, 1e-9);
    let cumulative = 0;
    for (let i = 0; i < BIN_COUNT; i++) {
      const count = this.counts[i] ?? 0;
      if (count > 0 && cumulative + count >= rank) {
        const fraction = (rank - cumulative) / count;
        return Math.round(valueAt(i + fraction) * 1000) / 1000;
      }
      cumulative += count;
    }
    return Math.round(valueAt(BIN_COUNT) * 1000) / 1000;
  }
}
