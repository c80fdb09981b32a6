import { describe, expect, it } from "vitest";
import { aggregateUsage, fromNano, summarizeAnalytics, toNano } from "@/lib/fal/aggregate";
import type { FalUsageItem } from "@/lib/fal/schemas";

const row = (over: Partial<FalUsageItem>): FalUsageItem => ({
  endpoint_id: "fal-ai/flux/dev",
  unit: "image",
  quantity: 1,
  unit_price: 0.1,
  cost_total: 0.1,
  cost: 0.1,
  currency: "USD",
  ...over,
});

describe("aggregateUsage", () => {
  it("sums repeated rows per (endpoint, unit) across buckets and pages", () => {
    const totals = aggregateUsage([
      {
        bucket: "2026-01-01T00:00:00+00:00",
        results: [
          row({ quantity: 4, cost_total: 0.32, cost: 0.32 }),
          row({ quantity: 2, unit_price: 0.08, cost_total: 0.16, cost: 0.16 }),
        ],
      },
      {
        bucket: "2026-01-02T00:00:00+00:00",
        results: [
          row({ quantity: 1, cost_total: 0.1 }),
          row({ endpoint_id: "fal-ai/kling", unit: "video", quantity: 1, cost_total: 0.25 }),
        ],
      },
      // The same bucket again, as a second page would carry it.
      { bucket: "2026-01-02T00:00:00+00:00", results: [row({ quantity: 3, cost_total: 0.3 })] },
    ]);
    expect(totals.models).toEqual([
      { endpoint_id: "fal-ai/flux/dev", unit: "image", quantity: 10, cost: 0.88, unit_price: 0.088 },
      { endpoint_id: "fal-ai/kling", unit: "video", quantity: 1, cost: 0.25, unit_price: 0.25 },
    ]);
    expect(totals.total_cost).toBe(1.13);
    expect(totals.series.map((p) => [p.bucket, p.cost])).toEqual([
      ["2026-01-01T00:00:00+00:00", 0.48],
      ["2026-01-02T00:00:00+00:00", 0.65],
    ]);
    expect(totals.series[1]!.by_model).toEqual({ "fal-ai/flux/dev": 0.4, "fal-ai/kling": 0.25 });
  });

  it("uses cost_total and falls back to the deprecated cost on legacy rows", () => {
    const legacy = {
      endpoint_id: "a",
      unit: "image",
      quantity: 1,
      unit_price: 0.2,
      cost: 0.2,
    } as FalUsageItem;
    const discounted = row({
      endpoint_id: "a",
      cost_subtotal: 0.5,
      cost_discount: 0.1,
      cost_total: 0.4,
      cost: 0.4,
    });
    const totals = aggregateUsage([{ bucket: "2026-01-01T00:00:00+00:00", results: [legacy, discounted] }]);
    expect(totals.total_cost).toBe(0.6);
  });

  it("has no float drift at the cent over many small rows", () => {
    const results = Array.from({ length: 10_000 }, () => row({ quantity: 1, cost_total: 0.1 }));
    expect(aggregateUsage([{ bucket: "2026-01-01T00:00:00+00:00", results }]).total_cost).toBe(1000);
    let naive = 0;
    for (let i = 0; i < 10_000; i++) naive += 0.1;
    expect(naive).not.toBe(1000);
  });

  it("groups spend by API key when fal sent auth_method_structured", () => {
    const totals = aggregateUsage([
      {
        bucket: "2026-01-01T00:00:00+00:00",
        results: [
          row({ cost_total: 1, auth_method_structured: { detail: "Prod", api_key_id: "k1" } }),
          row({ cost_total: 2, auth_method_structured: { detail: "Prod", api_key_id: "k1" } }),
          row({ cost_total: 0.5, auth_method_structured: { detail: "Staging", api_key_id: "k2" } }),
        ],
      },
    ]);
    expect(totals.by_key).toEqual([
      { api_key_id: "k1", detail: "Prod", cost: 3, quantity: 2 },
      { api_key_id: "k2", detail: "Staging", cost: 0.5, quantity: 1 },
    ]);
  });

  it("converts nano-units exactly", () => {
    expect(fromNano(toNano(0.1) + toNano(0.2))).toBe(0.3);
    expect(fromNano(toNano(123456.789))).toBe(123456.789);
  });
});

describe("summarizeAnalytics", () => {
  const buckets = [
    {
      bucket: "2026-01-01T00:00:00+00:00",
      results: [
        {
          endpoint_id: "a",
          request_count: 10,
          success_count: 8,
          user_error_count: 1,
          error_count: 1,
          p95_duration: 1,
        },
      ],
    },
    {
      bucket: "2026-01-02T00:00:00+00:00",
      results: [
        {
          endpoint_id: "a",
          request_count: 30,
          success_count: 30,
          user_error_count: 0,
          error_count: 0,
          p95_duration: 9,
        },
      ],
    },
  ];

  it("takes window percentiles from the summary, never from bucket averages", () => {
    const { models, series } = summarizeAnalytics({
      buckets,
      summary: [
        {
          endpoint_id: "a",
          request_count: 40,
          success_count: 38,
          user_error_count: 1,
          error_count: 1,
          p95_duration: 8.7,
        },
      ],
    });
    expect(models[0]).toMatchObject({
      endpoint_id: "a",
      requests: 40,
      user_errors: 1,
      server_errors: 1,
      error_rate: 0.05,
      p95_duration: 8.7,
    });
    expect(series).toEqual([
      { bucket: "2026-01-01T00:00:00+00:00", requests: 10, user_errors: 1, server_errors: 1 },
      { bucket: "2026-01-02T00:00:00+00:00", requests: 30, user_errors: 0, server_errors: 0 },
    ]);
  });

  it("without a summary sums counts from buckets and leaves percentiles unknown", () => {
    const { models } = summarizeAnalytics({ buckets, summary: null });
    expect(models[0]).toMatchObject({ requests: 40, successes: 38, p95_duration: null, p50_queue: null });
  });
});
