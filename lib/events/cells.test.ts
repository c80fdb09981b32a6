import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { cover } from "@/lib/events/cells";
import { bucketsBetween } from "@/lib/time/zone";

const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const GRAINS = [DAY, HOUR, QUARTER, 1];
const at = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toMillis();
const days = (from: string, to: string, zone: string) => [
  ...bucketsBetween(at(from), at(to), "day", zone).map((b) => b.toMillis()),
  at(to),
];
const span = (from: string, to: string) => ({ from: at(from), to: at(to) });

describe("cover", () => {
  it("reads UTC days from daily cells alone", () => {
    expect(cover(days("2026-03-01T00:00Z", "2026-03-31T00:00Z", "UTC"), GRAINS)).toEqual([
      [span("2026-03-01T00:00Z", "2026-03-31T00:00Z")],
      [],
      [],
      [],
    ]);
  });

  it("reads New York days (05:00 UTC, 04:00 after the spring change) from hourly cells alone", () => {
    const boundaries = days("2026-03-07T00:00-05:00", "2026-03-10T00:00-04:00", "America/New_York");
    expect(cover(boundaries, GRAINS)).toEqual([[], [span("2026-03-07T05:00Z", "2026-03-10T04:00Z")], [], []]);
  });

  it("reads Kolkata days (18:30 UTC) from hours, with quarter hours only around each boundary", () => {
    const boundaries = days("2026-03-01T00:00+05:30", "2026-03-03T00:00+05:30", "Asia/Kolkata");
    expect(cover(boundaries, GRAINS)).toEqual([
      [],
      [span("2026-02-28T19:00Z", "2026-03-01T18:00Z"), span("2026-03-01T19:00Z", "2026-03-02T18:00Z")],
      [
        span("2026-02-28T18:30Z", "2026-02-28T19:00Z"),
        span("2026-03-01T18:00Z", "2026-03-01T19:00Z"),
        span("2026-03-02T18:00Z", "2026-03-02T18:30Z"),
      ],
      [],
    ]);
  });

  it("takes whole days between the edges of a total and raw rows for edges off the quarter hours", () => {
    const boundaries = [at("2026-03-01T22:07Z"), at("2026-03-04T01:00Z")];
    expect(cover(boundaries, GRAINS)).toEqual([
      [span("2026-03-02T00:00Z", "2026-03-04T00:00Z")],
      [span("2026-03-01T23:00Z", "2026-03-02T00:00Z"), span("2026-03-04T00:00Z", "2026-03-04T01:00Z")],
      [span("2026-03-01T22:15Z", "2026-03-01T23:00Z")],
      [span("2026-03-01T22:07Z", "2026-03-01T22:15Z")],
    ]);
  });

  it("tiles the range exactly, with aligned cells that never straddle a boundary", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 40 * DAY }), { minLength: 2, maxLength: 12 }),
        fc.constantFrom(1, MINUTE, QUARTER, HOUR),
        (raw, step) => {
          const boundaries = raw.map((ms) => Math.round(ms / step) * step).sort((a, b) => a - b);
          const distinct = [...new Set(boundaries)];
          const spans = cover(distinct, GRAINS);
          const tiles = spans.flatMap((list, level) => list.map((s) => ({ ...s, grain: GRAINS[level]! })));
          tiles.sort((a, b) => a.from - b.from);
          let reached = distinct[0]!;
          for (const t of tiles) {
            expect(t.from).toBe(reached);
            expect(t.from % t.grain).toBe(0);
            expect(t.to % t.grain).toBe(0);
            // A boundary inside a span must fall between two of its cells.
            for (const b of distinct) if (b > t.from && b < t.to) expect((b - t.from) % t.grain).toBe(0);
            reached = t.to;
          }
          expect(reached).toBe(distinct.at(-1));
        },
      ),
    );
  });
});
