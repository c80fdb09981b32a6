// The browser build: the default entry pulls in Node streams, which the client bundle does not have.
import { stringify } from "csv-stringify/browser/esm/sync";

export type CsvCell = string | number | boolean | Date | null | undefined;

export type CsvColumn<Row> = {
  key: keyof Row & string;
  header: string;
};

function cell(value: unknown): CsvCell {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    // A spreadsheet reads "NaN" or "Infinity" as text in a numeric column; an empty cell is honest.
    if (!Number.isFinite(value)) return "";
    return value === 0 ? 0 : value;
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
      date: (d) => d.toISOString(),
      boolean: (b) => (b ? "true" : "false"),
    },
  });
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
