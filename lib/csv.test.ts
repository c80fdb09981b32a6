import { describe, expect, it } from "vitest";
import { csvFileName, toCsv } from "./csv";

type Row = { name: string; count: number | null; note?: string };
const columns = [
  { key: "name", header: "Name" },
  { key: "count", header: "Count" },
] as const;

describe("toCsv", () => {
  it("writes a header and rows with CRLF", () => {
    expect(toCsv<Row>([...columns], [{ name: "flux", count: 3 }])).toBe("Name,Count\r\nflux,3\r\n");
  });

  it("writes only a header for no rows", () => {
    expect(toCsv<Row>([...columns], [])).toBe("Name,Count\r\n");
  });

  it("quotes commas, quotes and newlines", () => {
    const csv = toCsv<Row>(
      [...columns],
      [
        { name: "a,b", count: 1 },
        { name: 'say "hi"', count: 2 },
        { name: "line\nbreak", count: 3 },
        { name: "cr\ronly", count: 4 },
      ],
    );
    expect(csv).toBe('Name,Count\r\n"a,b",1\r\n"say ""hi""",2\r\n"line\nbreak",3\r\n"cr\ronly",4\r\n');
  });

  it("guards against formula injection in text but leaves numbers alone", () => {
    const csv = toCsv<Row>(
      [...columns],
      [
        { name: '=HYPERLINK("http://x")', count: -5 },
        { name: "+1+1", count: 0 },
        { name: "-2+3", count: 1 },
        { name: "@SUM(A1)", count: 2 },
      ],
    );
    expect(csv.split("\r\n")).toEqual([
      "Name,Count",
      `"'=HYPERLINK(""http://x"")",-5`,
      "'+1+1,0",
      "'-2+3,1",
      "'@SUM(A1),2",
      "",
    ]);
  });

  it("uses keys with dots and slashes literally, not as paths", () => {
    type Activity = { "photo.generated": number; "fal-ai/flux/dev": number };
    const csv = toCsv<Activity>(
      [
        { key: "photo.generated", header: "Generated" },
        { key: "fal-ai/flux/dev", header: "Flux" },
      ],
      [{ "photo.generated": 7, "fal-ai/flux/dev": 2 }],
    );
    expect(csv).toBe("Generated,Flux\r\n7,2\r\n");
  });

  it("writes missing, non-finite and negative-zero values sensibly", () => {
    const csv = toCsv<Row>(
      [...columns, { key: "note", header: "Note" }],
      [
        { name: "x", count: null },
        { name: "y", count: Number.NaN },
        { name: "z", count: -0 },
        { name: "w", count: 0.1 + 0.2, note: "ok" },
      ],
    );
    expect(csv).toBe("Name,Count,Note\r\nx,,\r\ny,,\r\nz,0,\r\nw,0.3,ok\r\n");
  });

  it("keeps unicode intact", () => {
    expect(toCsv<Row>([...columns], [{ name: "Café — €", count: 1 }])).toBe("Name,Count\r\nCafé — €,1\r\n");
  });
});

describe("toCsv numbers", () => {
  const one = (count: number) => toCsv<Row>([...columns], [{ name: "x", count }]).split("\r\n")[1];

  it.each([
    [0.1 + 0.2, "x,0.3"],
    [1.1 * 3, "x,3.3"],
    // Sub-cent amounts fal bills stay exact: money is not rounded to the cent.
    [0.0125 * 3, "x,0.0375"],
    [0.000_000_001, "x,0.000000001"],
    [123_456.78 + 0.01, "x,123456.79"],
    [12_345_678, "x,12345678"],
    [-0.000_000_000_1, "x,0"],
  ])("writes %s without float noise", (value, line) => {
    expect(one(value)).toBe(line);
  });

  it("keeps a column's sum: nine-place values add up to the total to the cent", () => {
    // 62 models at a third of a cent-ish each: the rounded cells still sum to the exact total.
    const costs = Array.from({ length: 62 }, (_, i) => (i + 1) * 0.003_333_333_3);
    const cells = costs.map((c) => Number(one(c)!.split(",")[1]));
    const total = costs.reduce((a, b) => a + b, 0);
    expect(Math.round(cells.reduce((a, b) => a + b, 0) * 100)).toBe(Math.round(total * 100));
  });
});

describe("csvFileName", () => {
  it("names the last included day: a window ending at midnight ends the day before", () => {
    expect(
      csvFileName("events", { start: "2026-11-25T00:00:00+00:00", end: "2026-12-02T00:00:00+00:00" }),
    ).toBe("events_2026-11-25_2026-12-01");
  });

  it("reads the days in the window's own zone, across a month and a year", () => {
    expect(
      csvFileName("fal-usage", { start: "2026-12-01T00:00:00-08:00", end: "2027-01-01T00:00:00-08:00" }),
    ).toBe("fal-usage_2026-12-01_2026-12-31");
    expect(csvFileName("x", { start: "2024-02-01T00:00:00+09:00", end: "2024-03-01T00:00:00+09:00" })).toBe(
      "x_2024-02-01_2024-02-29",
    );
  });

  it("names the end's day when the window ends inside it (a partial day is included)", () => {
    expect(
      csvFileName("events", { start: "2026-11-24T18:00:00+00:00", end: "2026-12-01T18:35:00+00:00" }),
    ).toBe("events_2026-11-24_2026-12-01");
    expect(csvFileName("events", { start: "2026-11-30T00:00:00Z", end: "2026-12-01T00:00:01Z" })).toBe(
      "events_2026-11-30_2026-12-01",
    );
  });
});
