import { describe, expect, it } from "vitest";
import {
  labelMinWidth,
  linearPercent,
  linearTicks,
  logPercent,
  logTicks,
  slotAt,
  slotCenter,
  stack,
} from "./chart-scale";

describe("linearTicks", () => {
  it("picks the smallest round step whose four steps reach the maximum", () => {
    // 72 / 4 = 18 → 20; 412 / 4 = 103 → 150; 1,900 / 4 = 475 → 500; 3.2 / 4 = 0.8 exactly.
    expect(linearTicks(72)).toEqual([0, 20, 40, 60, 80]);
    expect(linearTicks(412)).toEqual([0, 150, 300, 450, 600]);
    expect(linearTicks(1900)).toEqual([0, 500, 1000, 1500, 2000]);
    expect(linearTicks(3.2)).toEqual([0, 0.8, 1.6, 2.4, 3.2]);
    expect(linearTicks(0.3)).toEqual([0, 0.08, 0.16, 0.24, 0.32]);
  });

  it("a maximum on a step is the top tick, not one step below", () => {
    expect(linearTicks(80)).toEqual([0, 20, 40, 60, 80]);
    expect(linearTicks(80.01)).toEqual([0, 25, 50, 75, 100]);
  });

  it("keeps counts whole", () => {
    // 3 / 4 = 0.75 would be a fine decimal step; a count axis starts at 1.
    expect(linearTicks(3, { integers: true })).toEqual([0, 1, 2, 3, 4]);
    expect(linearTicks(5, { integers: true })).toEqual([0, 2, 4, 6, 8]);
    // 2.5 × 10 is whole; 37 / 4 = 9.25 → 10.
    expect(linearTicks(37, { integers: true })).toEqual([0, 10, 20, 30, 40]);
    expect(linearTicks(90, { integers: true })).toEqual([0, 25, 50, 75, 100]);
  });

  it("draws an axis for nothing", () => {
    expect(linearTicks(0)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linearTicks(0, { integers: true })).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("logTicks", () => {
  it("spans the round durations around the values", () => {
    expect(logTicks(0.35, 42)).toEqual([0.1, 1, 10, 60]);
    expect(logTicks(2, 700)).toEqual([1, 10, 60, 600, 3600]);
    expect(logTicks(0.0004, 0.002)).toEqual([0.001, 0.01]);
  });

  it("always has a length", () => {
    expect(logTicks(1, 1)).toEqual([1, 10]);
    expect(logTicks(100_000, 200_000)).toEqual([36_000, 86_400]);
  });
});

describe("positions", () => {
  it("linear: a share of the top tick", () => {
    expect(linearPercent(30, 80)).toBe(37.5);
    expect(linearPercent(0, 80)).toBe(0);
    expect(linearPercent(5, 0)).toBe(0);
  });

  it("log: decades are equal steps, and values outside stay on the axis", () => {
    // 0.1 → 10 s is two decades: 1 s is halfway, √10 s a quarter of the way.
    expect(logPercent(1, 0.1, 10)).toBe(50);
    expect(logPercent(Math.sqrt(10) / 10, 0.1, 10)).toBe(25);
    expect(logPercent(0.01, 0.1, 10)).toBe(0);
    expect(logPercent(100, 0.1, 10)).toBe(100);
  });

  it("bands and points", () => {
    // Four bands of 25 %: centres at 12.5, 37.5 …; four points from edge to edge, a third apart.
    expect([0, 1, 2, 3].map((i) => slotCenter(i, 4, "band"))).toEqual([12.5, 37.5, 62.5, 87.5]);
    expect([0, 1, 2, 3].map((i) => slotCenter(i, 4, "point"))).toEqual([
      0, 33.3333333333, 66.6666666667, 100,
    ]);
    expect(slotCenter(0, 1, "point")).toBe(50);
    expect(slotAt(0.3, 4, "band")).toBe(1);
    expect(slotAt(0.99, 4, "band")).toBe(3);
    expect(slotAt(0.3, 4, "point")).toBe(1); // 0.9 of a step rounds to the second point
    expect(slotAt(-0.1, 4, "band")).toBe(0);
    expect(slotAt(1.2, 4, "point")).toBe(3);
  });
});

describe("stack", () => {
  it("runs each part from the previous part's end", () => {
    expect(stack([3, 0, 2.5, 1])).toEqual([
      [0, 3],
      [3, 3],
      [3, 5.5],
      [5.5, 6.5],
    ]);
  });

  it("a negative part takes no room", () => {
    expect(stack([2, -1, 1])).toEqual([
      [0, 2],
      [2, 2],
      [2, 3],
    ]);
  });
});

describe("labelMinWidth", () => {
  const opts = { layout: "band" as const, labelPx: 40, fixedPx: 60 };

  it("thins by halving: odd labels need the most room, the first none", () => {
    // 8 bands of 40 px each: every label from 60 + 320 px; every 2nd from 60 + 160; every 4th from 60 + 80.
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((i) => labelMinWidth(i, 8, opts))).toEqual([
      0, 380, 220, 380, 140, 380, 220, 380,
    ]);
  });

  it("points have one gap fewer than bands", () => {
    // 5 points, 4 gaps of 40 px.
    expect(labelMinWidth(1, 5, { ...opts, layout: "point" })).toBe(220);
    expect(labelMinWidth(4, 5, { ...opts, layout: "point" })).toBe(100);
  });
});
