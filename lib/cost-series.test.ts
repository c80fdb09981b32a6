import { describe, expect, it } from "vitest";
import type { UsageModel } from "@/lib/contracts/ai";
import { costSeries } from "./cost-series";

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

describe("costSeries", () => {
  it("keeps the five costliest models, ranked over all their units, and folds the rest into Other", () => {
    const { series, data } = costSeries({
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
    expect(series).toEqual([
      { key: "b", label: "Model B" },
      // The name from d's first row survives its unnamed second row.
      { key: "d", label: "Model D" },
      { key: "c", label: "c" },
      { key: "e", label: "e" },
      { key: "a", label: "a" },
      { key: "other", label: "Other (2 models)" },
    ]);
    expect(data).toEqual([
      { bucket: "2026-03-01", values: { a: 4, b: 20, other: 1.75 } },
      { bucket: "2026-03-02", values: { b: 30, c: 30, d: 45, e: 20, a: 6, other: 1.25 } },
    ]);
  });

  it("shows a sixth model by name instead of an Other that holds one model", () => {
    const { series, data } = costSeries({
      models: [model("a", 6), model("b", 5), model("c", 4), model("d", 3), model("e", 2), model("f", 1)],
      series: [{ bucket: "2026-03-01", cost: 21, by_model: { a: 6, b: 5, c: 4, d: 3, e: 2, f: 1 } }],
    });
    expect(series.map((s) => s.key)).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(data[0]?.values).toEqual({ a: 6, b: 5, c: 4, d: 3, e: 2, f: 1 });
  });

  it("keeps cost billed to an endpoint the model list lacks, under Other, so the stack adds up", () => {
    const { series, data } = costSeries({
      models: [model("a", 3), model("b", 2)],
      series: [
        { bucket: "2026-03-01", cost: 2.5, by_model: { a: 1, b: 1, x: 0.5 } },
        { bucket: "2026-03-02", cost: 3, by_model: { a: 2, b: 1 } },
      ],
    });
    expect(series).toEqual([
      { key: "a", label: "a" },
      { key: "b", label: "b" },
      { key: "other", label: "Other (1 model)" },
    ]);
    // What the chart stacks: only keys that have a series.
    const stacked = data.map((d) => series.reduce((sum, s) => sum + (d.values[s.key] ?? 0), 0));
    expect(stacked).toEqual([2.5, 3]);
  });

  it("ranks equal costs in the order fal listed the models", () => {
    const { series } = costSeries({
      models: [model("z", 1), model("y", 1), model("x", 2)],
      series: [],
    });
    expect(series.map((s) => s.key)).toEqual(["x", "z", "y"]);
  });

  it("has nothing to stack for an empty window", () => {
    expect(costSeries({ models: [], series: [] })).toEqual({ series: [], data: [] });
    expect(
      costSeries({ models: [model("a", 0)], series: [{ bucket: "2026-03-01", cost: 0, by_model: {} }] }),
    ).toEqual({ series: [{ key: "a", label: "a" }], data: [{ bucket: "2026-03-01", values: {} }] });
  });
});
