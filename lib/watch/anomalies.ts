import { bucketStart } from "@/lib/time/zone";
import { fromNano, toNano } from "@/lib/fal/aggregate";

/**
 * Spend anomalies per model (docs/architecture.md, "Watch"). `recent` is the spend of the 24 hours
 * ending at the start of the current hour; `baseline` the median of the 14 day-long windows before it,
 * so one earlier spike cannot raise the bar. A model is flagged when recent ≥ factor × baseline and
 * recent − baseline ≥ min_amount (with a zero baseline: recent ≥ min_amount).
 */

const HOUR_MS = 3_600_000;
const WINDOW_MS = 24 * HOUR_MS;
export const BASELINE_WINDOWS = 14;
export const DEFAULT_FACTOR = 3;
export const DEFAULT_MIN_AMOUNT = 5;

export type AnomalyWindows = {
  recentStartMs: number;
  /** The start of the current hour in the dashboard's zone: the exclusive end of `recent`. */
  recentEndMs: number;
  baselineStartMs: number;
};

export function anomalyWindows(nowMs: number, timezone: string): AnomalyWindows {
  const end = bucketStart(nowMs, "hour", timezone).toMillis();
  return {
    recentStartMs: end - WINDOW_MS,
    recentEndMs: end,
    baselineStartMs: end - (BASELINE_WINDOWS + 1) * WINDOW_MS,
  };
}

/** Hourly spend: one bucket's start and its cost per endpoint. */
export type HourSpend = { startMs: number; byModel: Readonly<Record<string, number>> };

export type ModelAnomaly = {
  endpoint_id: string;
  recent: number;
  baseline: number;
  ratio: number | null;
  flagged: boolean;
};

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function detectAnomalies(
  hours: readonly HourSpend[],
  windows: AnomalyWindows,
  opts: { factor: number; minAmount: number },
): ModelAnomaly[] {
  // Per model, nano-units per window: index 0 is `recent`, 1..14 the baseline windows going back.
  const sums = new Map<string, bigint[]>();
  for (const h of hours) {
    if (h.startMs < windows.baselineStartMs || h.startMs >= windows.recentEndMs) continue;
    const index = Math.floor((windows.recentEndMs - h.startMs - 1) / WINDOW_MS);
    for (const [id, cost] of Object.entries(h.byModel)) {
      let row = sums.get(id);
      if (!row) {
        row = Array.from({ length: BASELINE_WINDOWS + 1 }, () => BigInt(0));
        sums.set(id, row);
      }
      row[index]! += toNano(cost);
    }
  }
  return [...sums.entries()]
    .map(([endpoint_id, row]): ModelAnomaly => {
      const recent = fromNano(row[0]!);
      const baseline = median(row.slice(1).map(fromNano));
      const flagged =
        baseline === 0
          ? recent >= opts.minAmount
          : recent >= opts.factor * baseline && recent - baseline >= opts.minAmount;
      return { endpoint_id, recent, baseline, ratio: baseline === 0 ? null : recent / baseline, flagged };
    })
    .sort(
      (a, b) =>
        Number(b.flagged) - Number(a.flagged) ||
        b.recent - a.recent ||
        a.endpoint_id.localeCompare(b.endpoint_id),
    );
}
