// The browser build: the default entry pulls in Node streams, which the client bundle does not have.
import { stringify } from "csv-stringify/browser/esm/sync";

export type CsvCell = string | number | boolean | Date | null | undefined;

export type CsvColumn<Row> = {
  key: keyof Row & string;
  header: string;
};

/**
 * Decimals a number keeps: fal bills in nano-units (1e-9 of the currency), so nine places hold every
 * real digit of a cost or unit price, and cut binary float noise (0.1 + 0.2 = 0.30000000000000004) off.
 * Money is not rounded to the cent: fal bills fractions of a cent, and a column rounded per row would
 * no longer add up to the total.
 */
const DECIMALS = 9;

function cell(value: unknown): CsvCell {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    // A spreadsheet reads "NaN" or "Infinity" as text in a numeric column; an empty cell is honest.
    if (!Number.isFinite(value)) return "";
    // -0 prints as "0" below, but a tiny negative rounds to "-0": make both a plain 0.
    return Math.abs(value) < 0.5 * 10 ** -DECIMALS ? 0 : value;
  }
  if (typeof value === "string" || typeof value === "boolean" || value instanceof Date) return value;
  return String(value);
}

/**
 * CSV text for `rows`, one column per entry of `columns`, with a header line. RFC 4180 line endings.
 *
 * Rows are turned into arrays before stringifying because csv-stringify reads object column keys as
 * property paths, and our keys contain dots ("photo.generated") and slashes (fal endpoint ids).
 * Cells beginning with = + - @ (or tab/CR) get a leading `'` so a spreadsheet never runs them as a
 * formula; event names and model ids come from users.
 */
export function toCsv<Row extends object>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
  const records: CsvCell[][] = [
    columns.map((c) => c.header),
    ...rows.map((row) => columns.map((c) => cell(row[c.key]))),
  ];
  return stringify(records, {
    record_delimiter: "windows",
    // With a custom delimiter csv-stringify only quotes fields holding that exact "\r\n"; a lone "\n" in
    // a note would then split the record in every spreadsheet.
    quote_record_delimiter: true,
    escape_formulas: true,
    cast: {
      // toFixed rounds the exact binary value in decimal (never an exponent below 1e21); trailing zeros
      // go. A cast number is still a number to the formula guard, so "-5" gets no leading quote.
      number: (n) => (Math.abs(n) < 1e21 ? n.toFixed(DECIMALS).replace(/\.?0+$/, "") : String(n)),
      date: (d) => d.toISOString(),
      boolean: (b) => (b ? "true" : "false"),
    },
  });
}

/**
 * `prefix_<first day>_<last day>`, the days the window covers in its own zone. The end is exclusive: a
 * window ending at midnight (2026-12-02T00:00) covers nothing of that day, so the name ends 2026-12-01;
 * a window ending mid-day includes that day in part and names it.
 */
export function csvFileName(prefix: string, range: { start: string; end: string }): string {
  const endDay = range.end.slice(0, 10);
  const atMidnight = /^T00:00(:00(\.0+)?)?(Z|[+-]|$)/.test(range.end.slice(10));
  const [y, m, d] = endDay.split("-").map(Number) as [number, number, number];
  const lastDay = atMidnight ? new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10) : endDay;
  return `${prefix}_${range.start.slice(0, 10)}_${lastDay}`;
}

/**
 * Saves `csv` as a file from the browser. The byte-order mark makes Excel read UTF-8 (model names, "—",
 * "€") instead of guessing a legacy code page.
 */
export function downloadCsv(filename: string, csv: string): void {
  if (typeof document === "undefined") return;
  const blob = new Blob(["\uFEFF", csv], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename.endsWith(".csv") ? filename : `${filename}.csv`;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking synchronously can cancel the download in some browsers; the click has queued it by now.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
