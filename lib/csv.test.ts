import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

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
    expect(csv).toBe("Name,Count,Note\r\nx,,\r\ny,,\r\nz,0,\r\nw,0.30000000000000004,ok\r\n");
  });

  it("keeps unicode intact", () => {
    expect(toCsv<Row>([...columns], [{ name: "Café — €", count: 1 }])).toBe("Name,Count\r\nCafé — €,1\r\n");
  });
});
