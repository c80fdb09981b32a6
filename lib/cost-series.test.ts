import { describe, expect, it } from "vitest";
import { createTraffic } from "@/e2e/fal-simulator/data";
import { handleUsage, type UsageRow } from "@/e2e/fal-simulator/usage";
import { ENDPOINT_BY_ID } from "@/e2e/fal-simulator/world";
import type { UsageModel } from "@/lib/contracts/ai";
import { aggregateUsage } from "@/lib/fal/aggregate";
import { topCostSeries } from "./cost-series";

/** Money as integer nano-dollars, computed here rather than with the code under test. */
const nano = (x: number) => BigInt(Math.round(x * 1e9));
const sumNano = (xs: number[]) => xs.reduce((s, x) => s + nano(x), BigInt(0));

function model(endpoint_id: string, cost: number, extra: Partial<UsageModel> = {}): UsageModel {
  return {
    endpoint_id,
    display_name: null,
    unit: "image",
    quantity: 1,
    cost,
    unit_price: cost,
    list_price: cost,
    priced: true,
    ...extra,
  };
}

describe("topCostSeries", () => {
  it("keeps the five costliest models, ranked over all their units, and folds the rest into Other", () => {
    const { stacks, series } = topCostSeries({
      models: [
        model("a", 10),
        model("b", 50, { display_name: "Model B" }),
        model("c", 30),
        // d costs 5 + 40 = 45 over two units: second, although neither row alone beats c.
        model("d", 5, { display_name: "Model D" }),
        model("d", 40, { unit: "video" }),
        model("e", 20),
        model("f", 2),
        model("g", 1),
      ],
      series: [
        { bucket: "2026-03-01", cost: 25.75, by_model: { a: 4, b: 20, f: 1.5, g: 0.25 } },
        {
          bucket: "2026-03-02",
          cost: 132.25,
          by_model: { b: 30, c: 30, d: 45, e: 20, a: 6, f: 0.5, g: 0.75 },
        },
      ],
    });
    expect(stacks).toEqual([
      { key: "b", label: "Model B", models: 1 },
      // The name from d's first row survives its unnamed second row.
      { key: "d", label: "Model D", models: 1 },
      { key: "c", label: "c", models: 1 },
      { key: "e", label: "e", models: 1 },
      { key: "a", label: "a", models: 1 },
      { key: "other", label: "Other (2 models)", models: 2 },
    ]);
    expect(series).toEqual([
      { bucket: "2026-03-01", cost: 25.75, by_model: { a: 4, b: 20, other: 1.75 } },
      { bucket: "2026-03-02", cost: 132.25, by_model: { b: 30, c: 30, d: 45, e: 20, a: 6, other: 1.25 } },
    ]);
  });

  it('sums "other" in nano-units: 0.1 + 0.2 is 0.3, not 0.30000000000000004', () => {
    const models = ["a", "b", "c", "d", "e", "f", "g"].map((id, i) => model(id, 10 - i));
    const { series } = topCostSeries({
      models,
      series: [{ bucket: "2026-03-01", cost: 5.3, by_model: { a: 5, f: 0.1, g: 0.2 } }],
    });
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(series[0]?.by_model).toEqual({ a: 5, other: 0.3 });
  });

  it("shows a sixth model by name instead of an Other that holds one model", () => {
    const { stacks, series } = topCostSeries({
      models: [model("a", 6), model("b", 5), model("c", 4), model("d", 3), model("e", 2), model("f", 1)],
      series: [{ bucket: "2026-03-01", cost: 21, by_model: { a: 6, b: 5, c: 4, d: 3, e: 2, f: 1 } }],
    });
    expect(stacks.map((s) => s.key)).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(series[0]?.by_model).toEqual({ a: 6, b: 5, c: 4, d: 3, e: 2, f: 1 });
  });

  it("with fewer models than five, every model keeps its stack and there is no Other", () => {
    const { stacks, series } = topCostSeries({
      models: [model("a", 2), model("b", 1)],
      series: [{ bucket: "2026-03-01", cost: 3, by_model: { a: 2, b: 1 } }],
    });
    expect(stacks).toEqual([
      { key: "a", label: "a", models: 1 },
      { key: "b", label: "b", models: 1 },
    ]);
    expect(series[0]?.by_model).toEqual({ a: 2, b: 1 });
  });

  it("keeps cost billed to an endpoint the model list lacks, under Other, so the stack adds up", () => {
    const { stacks, series } = topCostSeries({
      models: [model("a", 3), model("b", 2)],
      series: [
        { bucket: "2026-03-01", cost: 2.5, by_model: { a: 1, b: 1, x: 0.5 } },
        { bucket: "2026-03-02", cost: 3, by_model: { a: 2, b: 1 } },
      ],
    });
    expect(stacks).toEqual([
      { key: "a", label: "a", models: 1 },
      { key: "b", label: "b", models: 1 },
      { key: "other", label: "Other (1 model)", models: 1 },
    ]);
    expect(series.map((p) => p.by_model)).toEqual([
      { a: 1, b: 1, other: 0.5 },
      { a: 2, b: 1 },
    ]);
  });

  it("ranks equal totals in the report's order, also at the cut between named and Other", () => {
    // y and z tie for fifth place: z, listed first, keeps its stack.
    const { stacks } = topCostSeries({
      models: [
        model("a", 9),
        model("b", 8),
        model("c", 7),
        model("d", 6),
        model("z", 1),
        model("y", 1),
      ].concat(model("w", 0.5)),
      series: [],
    });
    expect(stacks.map((s) => s.key)).toEqual(["a", "b", "c", "d", "z", "other"]);
    expect(stacks.at(-1)?.models).toBe(2);
  });

  it("has nothing to stack for an empty window", () => {
    expect(topCostSeries({ models: [], series: [] })).toEqual({ stacks: [], series: [] });
    expect(
      topCostSeries({ models: [model("a", 0)], series: [{ bucket: "2026-03-01", cost: 0, by_model: {} }] }),
    ).toEqual({
      stacks: [{ key: "a", label: "a", models: 1 }],
      series: [{ bucket: "2026-03-01", cost: 0, by_model: {} }],
    });
  });
});

describe("topCostSeries on the simulator's billed usage", () => {
  // Two October days, hour by hour, of the demo account: dozens of models, one of them unpriced.
  const NOW = Date.parse("2026-11-15T00:00:00Z");
  const UNPRICED = "acme/photobooth-lora";
  const query = new URLSearchParams({
    start: "2026-10-01T00:00:00Z",
    end: "2026-10-03T00:00:00Z",
    timeframe: "hour",
    timezone: "UTC",
    limit: "100",
  });
  const answer = handleUsage(query, { nowMs: NOW, traffic: createTraffic(42), shape: "current" });
  const buckets = (answer.time_series ?? []).map((b) => ({ bucket: b.bucket, results: b.results }));
  const rows: (UsageRow & { bucket: string })[] = buckets.flatMap((b) =>
    b.results.map((r) => ({ ...r, bucket: b.bucket })),
  );
  const charged = (r: UsageRow) => r.cost_total ?? r.cost;

  // The report as the server builds it; the expectations below come from the rows alone.
  const totals = aggregateUsage(buckets);
  const report = {
    models: totals.models.map((m) => ({
      ...m,
      display_name: ENDPOINT_BY_ID.get(m.endpoint_id)?.model.display_name ?? null,
      list_price: null,
      priced: m.endpoint_id !== UNPRICED,
    })),
    series: totals.series,
  };
  const { stacks, series } = topCostSeries(report);

  const byEndpoint = new Map<string, bigint>();
  for (const r of rows)
    byEndpoint.set(r.endpoint_id, (byEndpoint.get(r.endpoint_id) ?? BigInt(0)) + nano(charged(r)));
  const ranked = [...byEndpoint].sort(([, a], [, b]) => (a > b ? -1 : a < b ? 1 : 0));
  const top = ranked.slice(0, 5).map(([id]) => id);

  it("is a window worth reducing: many models, distinct totals at the cut, the unpriced one billed", () => {
    expect(buckets.length).toBe(48);
    expect(byEndpoint.size).toBeGreaterThan(20);
    expect(ranked[4]![1]).toBeGreaterThan(ranked[5]![1]);
    expect(byEndpoint.get(UNPRICED) ?? BigInt(0)).toBeGreaterThan(BigInt(0));
  });

  it("names the five costliest models and counts the rest in Other", () => {
    expect(stacks.map((s) => s.key)).toEqual([...top, "other"]);
    expect(stacks.at(-1)).toEqual({
      key: "other",
      label: `Other (${byEndpoint.size - 5} models)`,
      models: byEndpoint.size - 5,
    });
  });

  it("gives each named model its exact billed cost per bucket, and Other the bucket's total minus them", () => {
    for (const point of series) {
      const inBucket = rows.filter((r) => r.bucket === point.bucket);
      const total = sumNano(inBucket.map(charged));
      const named = top.map((id) => sumNano(inBucket.filter((r) => r.endpoint_id === id).map(charged)));
      for (const [i, id] of top.entries())
        expect(nano(point.by_model[id] ?? 0), `${point.bucket} ${id}`).toBe(named[i]);
      const other = total - named.reduce((s, n) => s + n, BigInt(0));
      expect(nano(point.by_model.other ?? 0), point.bucket).toBe(other);
      expect(nano(point.cost), point.bucket).toBe(total);
      expect(Object.keys(point.by_model).every((k) => k === "other" || top.includes(k))).toBe(true);
    }
  });

  it("adds up to everything fal billed, the unpriced model's cost included (never $0)", () => {
    const stacked = series.reduce((s, p) => s + sumNano(Object.values(p.by_model)), BigInt(0));
    expect(stacked).toBe(sumNano(rows.map(charged)));
    const unpricedNano = byEndpoint.get(UNPRICED)!;
    const where = top.includes(UNPRICED) ? UNPRICED : "other";
    const carried = series.reduce((s, p) => s + nano(p.by_model[where] ?? 0), BigInt(0));
    expect(carried).toBeGreaterThanOrEqual(unpricedNano);
  });
});
