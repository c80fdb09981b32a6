import { describe, expect, it } from "vitest";
import { anomalyWindows, detectAnomalies, median, type HourSpend } from "@/lib/watch/anomalies";

const iso = (s: string) => Date.parse(s);
const HOUR = 3_600_000;

describe("anomalyWindows", () => {
  it("ends at the start of the current hour and reaches 15 days back", () => {
    const w = anomalyWindows(iso("2026-11-10T15:20:30Z"), "UTC");
    expect(w.recentEndMs).toBe(iso("2026-11-10T15:00:00Z"));
    expect(w.recentStartMs).toBe(iso("2026-11-09T15:00:00Z"));
    expect(w.baselineStartMs).toBe(iso("2026-10-26T15:00:00Z"));
  });

  it("uses the local hour in a half-hour zone", () => {
    expect(anomalyWindows(iso("2026-11-10T15:20:30Z"), "Asia/Kolkata").recentEndMs).toBe(
      iso("2026-11-10T14:30:00Z"),
    );
  });
});

describe("median", () => {
  it("takes the mean of the middle two of an even count", () => {
    expect(median([5, 1, 4, 2, 3, 6])).toBe(3.5);
    expect(median([3, 1, 2])).toBe(2);
  });
});

describe("detectAnomalies", () => {
  const now = iso("2026-11-10T15:20:30Z");
  const w = anomalyWindows(now, "UTC");
  /** One hourly figure `cost` for `id`, `hoursBack` hours before the end of the recent window. */
  const at = (hoursBack: number, id: string, cost: number): HourSpend => ({
    startMs: w.recentEndMs - hoursBack * HOUR,
    byModel: { [id]: cost },
  });

  it("sums 24-hour windows and takes the median of the 14 before the recent one", () => {
    const hours: HourSpend[] = [];
    // Baseline day k (1..14) costs k dollars for "a", spread over two hours; day 14 has a big spike.
    for (let k = 1; k <= 14; k++) {
      hours.push(at(24 * k + 1, "a", k / 2), at(24 * k + 24, "a", k === 14 ? 500 : k / 2));
    }
    hours.push(at(1, "a", 20), at(24, "a", 5.5)); // recent = 25.5, both edge hours of the window
    hours.push({ startMs: w.recentEndMs, byModel: { a: 1000 } }); // the current hour: not counted
    const [a] = detectAnomalies(hours, w, { factor: 3, minAmount: 5 });
    // Day sums are 1..13 and 7 + 500 = 507: sorted, the 7th and 8th are 7 and 8.
    expect(a).toEqual({ endpoint_id: "a", recent: 25.5, baseline: 7.5, ratio: 25.5 / 7.5, flagged: true });
  });

  it("needs both the factor and the minimum amount", () => {
    const hours: HourSpend[] = [];
    for (let k = 1; k <= 14; k++) hours.push(at(24 * k + 3, "small", 1), at(24 * k + 3, "big", 10));
    hours.push(at(3, "small", 4.5), at(3, "big", 29.99));
    const byId = Object.fromEntries(
      detectAnomalies(hours, w, { factor: 3, minAmount: 5 }).map((m) => [m.endpoint_id, m]),
    );
    expect(byId.small).toMatchObject({ recent: 4.5, baseline: 1, flagged: false }); // 4.5× but only $3.50 more
    expect(byId.big).toMatchObject({ recent: 29.99, baseline: 10, flagged: false }); // $19.99 more but 2.999×
  });

  it("flags a zero baseline on the minimum amount alone, with no ratio", () => {
    const hours = [at(2, "new", 5), at(5, "tiny", 4.99), at(24 * 3, "old", 2)];
    const byId = Object.fromEntries(
      detectAnomalies(hours, w, { factor: 3, minAmount: 5 }).map((m) => [m.endpoint_id, m]),
    );
    expect(byId.new).toEqual({ endpoint_id: "new", recent: 5, baseline: 0, ratio: null, flagged: true });
    expect(byId.tiny).toMatchObject({ baseline: 0, ratio: null, flagged: false });
    // Only one baseline day with spend: the median of 14 is still 0, and nothing recent is no anomaly.
    expect(byId.old).toMatchObject({ recent: 0, baseline: 0, flagged: false });
  });

  it("adds many hourly amounts exactly to the cent", () => {
    const hours = Array.from({ length: 24 }, (_, i) => at(i + 1, "a", 0.1));
    expect(detectAnomalies(hours, w, { factor: 3, minAmount: 5 })[0]!.recent).toBe(2.4);
  });

  it("ignores hours before the baseline", () => {
    const hours = [at(15 * 24 + 1, "a", 100)];
    expect(detectAnomalies(hours, w, { factor: 3, minAmount: 5 })).toEqual([]);
  });
});
