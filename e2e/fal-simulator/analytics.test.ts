import { describe, expect, it } from "vitest";
import { ANALYTICS_METRICS, type AnalyticsItem, type AnalyticsResponse } from "./analytics";
import { createTraffic } from "./data";
import { SIM_KEYS } from "./keys";
import { Histogram } from "./sketch";
import { FIXED_NOW, qs, simulatorForSuite, type ErrorEnvelope } from "./testing";
import { ENDPOINT_BY_ID } from "./world";

/** GET /v1/models/analytics (docs/fal-api-notes.md, "Analytics and percentiles"). */

const sim = simulatorForSuite();

const traffic = createTraffic(42);
const DEV = "fal-ai/flux/dev";
const SCHNELL = "fal-ai/flux/schnell";
const KLING = "fal-ai/kling-video/v2.1/standard/image-to-video";
const OCT = { start: "2026-10-01", end: "2026-10-15" };

async function analytics(params: Record<string, string | number | readonly string[]>) {
  return sim.get<AnalyticsResponse>(`/v1/models/analytics?${qs(params)}`, { auth: { key: SIM_KEYS.api } });
}

function num(item: AnalyticsItem | undefined, metric: string): number {
  const v = item?.[metric];
  if (typeof v !== "number") throw new Error(`${metric} missing`);
  return v;
}

describe("expansions and metrics", () => {
  it("defaults to time_series + request_count", async () => {
    const res = await analytics({ endpoint_id: DEV, ...OCT });
    expect(Object.keys(res.body)).toEqual(["time_series", "next_cursor", "has_more"]);
    for (const item of res.body.time_series?.flatMap((b) => b.results) ?? []) {
      expect(Object.keys(item)).toEqual(["endpoint_id", "request_count"]);
    }
  });

  it("returns exactly the requested metrics — every one fal documents", async () => {
    const res = await analytics({
      endpoint_id: [DEV, KLING],
      ...OCT,
      expand: ["time_series", "summary", ...ANALYTICS_METRICS],
    });
    const items = [...(res.body.time_series?.flatMap((b) => b.results) ?? []), ...(res.body.summary ?? [])];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items)
      expect(Object.keys(item).sort()).toEqual(["endpoint_id", ...ANALYTICS_METRICS].sort());

    const some = await analytics({
      endpoint_id: DEV,
      ...OCT,
      expand: ["summary", "p95_duration", "error_count"],
    });
    expect(Object.keys(res.body)).toContain("summary");
    expect(some.body.time_series).toBeUndefined();
    expect(Object.keys(some.body.summary?.[0] ?? {})).toEqual(["endpoint_id", "error_count", "p95_duration"]);
  });

  it("counts add up: success + user_error + error = request_count; the error breakdown sums to error_count", async () => {
    const res = await analytics({
      endpoint_id: [DEV, KLING, "acme/photobooth-lora"],
      ...OCT,
      timeframe: "hour",
      limit: 100,
      expand: [
        "time_series",
        "summary",
        "request_count",
        "success_count",
        "user_error_count",
        "error_count",
        "startup_error_count",
        "connection_error_count",
        "timeout_error_count",
        "runtime_error_count",
      ],
    });
    const items = [...(res.body.time_series?.flatMap((b) => b.results) ?? []), ...(res.body.summary ?? [])];
    for (const i of items) {
      expect(num(i, "success_count") + num(i, "user_error_count") + num(i, "error_count")).toBe(
        num(i, "request_count"),
      );
      expect(
        num(i, "startup_error_count") +
          num(i, "connection_error_count") +
          num(i, "timeout_error_count") +
          num(i, "runtime_error_count"),
      ).toBe(num(i, "error_count"));
    }
    expect(items.some((i) => num(i, "error_count") > 0)).toBe(true);
  });

  it("summary counts equal the data module and the sum of buckets across pages", async () => {
    const params = {
      endpoint_id: [DEV, SCHNELL],
      ...OCT,
      timeframe: "hour",
      limit: 100,
      expand: ["time_series", "summary", "request_count"],
    };
    const pages: AnalyticsResponse[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: AnalyticsResponse } = await analytics({ ...params, ...(cursor ? { cursor } : {}) });
      pages.push(res.body);
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(pages.length).toBe(4);
    expect(pages.slice(1).every((p) => p.summary === undefined)).toBe(true);
    const buckets = pages.flatMap((p) => p.time_series ?? []);
    expect(new Set(buckets.map((b) => b.bucket)).size).toBe(buckets.length);

    for (const id of [DEV, SCHNELL]) {
      const index = ENDPOINT_BY_ID.get(id)?.index ?? -1;
      const fromData = traffic
        .eventsInRange(Date.parse("2026-10-01T00:00:00Z"), Date.parse("2026-10-15T00:00:00Z"), FIXED_NOW, [
          index,
        ])
        .reduce((s, h) => s + h.requests, 0);
      const fromBuckets = buckets
        .flatMap((b) => b.results)
        .filter((r) => r.endpoint_id === id)
        .reduce((s, r) => s + num(r, "request_count"), 0);
      const summary = num(
        pages[0]?.summary?.find((r) => r.endpoint_id === id),
        "request_count",
      );
      expect(summary).toBe(fromData);
      expect(fromBuckets).toBe(fromData);
    }
  });
});

describe("latency percentiles", () => {
  const P = ["p25_duration", "p50_duration", "p75_duration", "p90_duration", "p95_duration", "p99_duration"];
  const PREP = [
    "p50_prepare_duration",
    "p75_prepare_duration",
    "p90_prepare_duration",
    "p95_prepare_duration",
    "p99_prepare_duration",
  ];

  it("are monotone and characteristic per model (video slow, schnell fast)", async () => {
    const res = await analytics({
      endpoint_id: [DEV, SCHNELL, KLING],
      ...OCT,
      expand: ["summary", ...P, ...PREP],
    });
    for (const item of res.body.summary ?? []) {
      const values = P.map((m) => num(item, m));
      expect([...values].sort((a, b) => a - b)).toEqual(values);
      const prep = PREP.map((m) => num(item, m));
      expect([...prep].sort((a, b) => a - b)).toEqual(prep);
    }
    const p50 = (id: string) =>
      num(
        res.body.summary?.find((r) => r.endpoint_id === id),
        "p50_duration",
      );
    expect(p50(KLING)).toBeGreaterThan(30);
    expect(p50(SCHNELL)).toBeLessThan(2);
    expect(p50(DEV)).toBeGreaterThan(p50(SCHNELL));
  });

  it("summary percentiles come from the merged distribution, not from averaging buckets", async () => {
    const res = await analytics({
      endpoint_id: DEV,
      ...OCT,
      timeframe: "day",
      expand: ["time_series", "summary", "p95_duration", "p50_duration"],
    });
    const bucketP95 = res.body.time_series?.map((b) => num(b.results[0], "p95_duration")) ?? [];
    const mean = bucketP95.reduce((s, v) => s + v, 0) / bucketP95.length;
    const summaryP95 = num(res.body.summary?.[0], "p95_duration");
    expect(summaryP95).not.toBeCloseTo(mean, 3);

    // Independently: merge every request of the window from the data module and take the quantile.
    const merged = new Histogram();
    for (const h of traffic.eventsInRange(
      Date.parse("2026-10-01T00:00:00Z"),
      Date.parse("2026-10-15T00:00:00Z"),
      FIXED_NOW,
      [0],
    )) {
      merged.addBins(h.durationBins);
    }
    expect(summaryP95).toBe(merged.quantile(0.95));
    expect(num(res.body.summary?.[0], "p50_duration")).toBe(merged.quantile(0.5));
  });

  it("cold-boot percentiles are 0 when a bucket had no cold boot", async () => {
    const res = await analytics({
      endpoint_id: DEV,
      ...OCT,
      timeframe: "hour",
      limit: 100,
      expand: ["time_series", "cold_boot_count", "p50_cold_boot_duration"],
    });
    const items = res.body.time_series?.flatMap((b) => b.results) ?? [];
    const none = items.filter((i) => num(i, "cold_boot_count") === 0);
    const some = items.filter((i) => num(i, "cold_boot_count") > 0);
    expect(none.length).toBeGreaterThan(0);
    expect(some.length).toBeGreaterThan(0);
    expect(none.every((i) => num(i, "p50_cold_boot_duration") === 0)).toBe(true);
    expect(some.every((i) => num(i, "p50_cold_boot_duration") > 1)).toBe(true);
  });
});

describe("endpoints and buckets", () => {
  it("an endpoint without traffic in the window (or unknown) is omitted", async () => {
    // Find a tail model with an empty hour in which flux/dev had traffic.
    const tail = ENDPOINT_BY_ID.get("fal-ai/tail-model-07");
    let hourIndex = Math.floor(Date.parse("2026-10-05T12:00:00Z") / 3_600_000);
    while (traffic.hour(tail?.index ?? 0, hourIndex) !== null || traffic.hour(0, hourIndex) === null)
      hourIndex++;
    const start = new Date(hourIndex * 3_600_000).toISOString();
    const end = new Date((hourIndex + 1) * 3_600_000).toISOString();
    const res = await analytics({
      endpoint_id: [DEV, "fal-ai/tail-model-07", "fal-ai/not-a-model"],
      start,
      end,
      expand: ["time_series", "summary", "request_count"],
    });
    expect(res.body.summary?.map((r) => r.endpoint_id)).toEqual([DEV]);
    expect(res.body.time_series?.flatMap((b) => b.results.map((r) => r.endpoint_id))).toEqual([DEV]);
  });

  it("bucket offsets follow the time zone across the New York spring-forward", async () => {
    const res = await analytics({
      endpoint_id: DEV,
      start: "2026-03-07",
      end: "2026-03-10",
      timezone: "America/New_York",
      timeframe: "day",
    });
    expect(res.body.time_series?.map((b) => b.bucket)).toEqual([
      "2026-03-07T00:00:00-05:00",
      "2026-03-08T00:00:00-05:00",
      "2026-03-09T00:00:00-04:00",
    ]);
  });
});

describe("400 validation_error", () => {
  it.each([
    [{ ...OCT }, "endpoint_id"],
    [{ endpoint_id: "", ...OCT }, "endpoint_id"],
    [{ endpoint_id: Array.from({ length: 51 }, (_, i) => `fal-ai/m${i}`) }, "endpoint_id"],
    [{ endpoint_id: DEV, expand: "summary" }, "expand"], // no metric
    [{ endpoint_id: DEV, expand: "request_count" }, "expand"], // neither time_series nor summary
    [{ endpoint_id: DEV, expand: ["time_series", "p42_duration"] }, "expand"],
    [{ endpoint_id: DEV, timeframe: "fortnight" }, "timeframe"],
    [{ endpoint_id: DEV, start: "2026-10-05", end: "2026-10-01" }, "start"],
    [{ endpoint_id: DEV, bound_to_timeframe: "1" }, "bound_to_timeframe"],
    [{ endpoint_id: DEV, timezone: "EST5EDT-ish" }, "timezone"],
    [{ endpoint_id: DEV, limit: 0 }, "limit"],
    [{ endpoint_id: DEV, cursor: "Zm9v" }, "cursor"], // base64 of "foo"
  ] as [Record<string, string | number | string[]>, string][])("%j", async (params, parameter) => {
    const res = await sim.get<ErrorEnvelope>(`/v1/models/analytics?${qs(params)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.type).toBe("validation_error");
    expect(res.body.error.message).toContain(parameter);
  });
});
