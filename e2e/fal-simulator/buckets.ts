import { bucketStart, bucketsBetween, formatBucket } from "@/lib/time/zone";
import type { Window } from "./params";

/**
 * Maps event instants to bucket labels using the app's own helpers (lib/time/zone.ts), so simulator and
 * dashboard cut identical buckets. Luxon is slow per call, so boundaries are computed once per window and
 * events are placed by binary search; only for huge bucket counts (minute buckets over months) does it
 * fall back to one Luxon call per event.
 */

export type Bucket = { startMs: number; label: string };

const APPROX_MS = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
  month: 2_592_000_000,
};
const MAX_PRECOMPUTED = 20_000;

export function createBucketer(window: Window): (ms: number) => Bucket {
  const { startMs, endMs, timeframe, timezone } = window;
  if ((endMs - startMs) / APPROX_MS[timeframe] > MAX_PRECOMPUTED) {
    const cache = new Map<number, Bucket>();
    return (ms) => {
      const start = bucketStart(ms, timeframe, timezone);
      const key = start.toMillis();
      let bucket = cache.get(key);
      if (!bucket) {
        bucket = { startMs: key, label: formatBucket(start) };
        cache.set(key, bucket);
      }
      return bucket;
    };
  }
  const buckets: Bucket[] = bucketsBetween(startMs, endMs, timeframe, timezone).map((dt) => ({
    startMs: dt.toMillis(),
    label: formatBucket(dt),
  }));
  return (ms) => {
    // Last bucket whose start is <= ms; events are inside [startMs, endMs), so one always exists.
    let lo = 0;
    let hi = buckets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((buckets[mid]?.startMs ?? Infinity) <= ms) lo = mid;
      else hi = mid - 1;
    }
    const bucket = buckets[lo];
    if (!bucket) throw new Error(`no bucket for ${new Date(ms).toISOString()}`);
    return bucket;
  };
}
