"use client";

import { useEffect, useId, useMemo, useState, type CSSProperties, type ReactNode } from "react";
import { flushSync } from "react-dom";
import { cn, focusRing } from "./class-names";

export type SortDirection = "asc" | "desc";
export type SortValue = string | number | null | undefined;

export type DataTableColumn<Row> = {
  /** Stable id; also the sort key in `initialSort`. */
  id: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Numbers right-aligned so digits line up. */
  align?: "left" | "right" | "center";
  /** Giving a sort value makes the column sortable. Missing values always sort last. */
  sortValue?: (row: Row) => SortValue;
  /** Render this column's cells as <th scope="row"> (the model or event name). */
  rowHeader?: boolean;
  /** Extra classes for this column's header and cells (widths, nowrap). */
  className?: string;
  /**
   * Hidden below the `sm` breakpoint (and shown again in print), so a phone shows the name and the
   * figures that matter without scrolling sideways.
   */
  secondary?: boolean;
};

export type DataTableProps<Row> = {
  columns: readonly DataTableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string;
  /** Names the table; required so a screen reader's table list says what each one is. */
  caption: ReactNode;
  /** Keep the caption for screen readers only, when the card title already says it. */
  captionHidden?: boolean;
  initialSort?: { columnId: string; direction: SortDirection };
  /** Shown in place of the body when there are no rows. */
  empty?: ReactNode;
  /** Limits the height and scrolls the body under a sticky header. */
  maxHeight?: number;
  /**
   * Renders only the first `limit` rows (after sorting) in a box of exactly `maxHeight`, with a visible
   * count and a "Show all" button; the other rows stay out of the DOM until asked for, or until the page
   * is printed. Needs `maxHeight`, sized to hold `limit` rows.
   */
  limit?: number;
  /** What a row is, for the count: "6 of 62 models". */
  noun?: string;
  /** A totals row, rendered in <tfoot>. */
  footer?: ReactNode;
  className?: string;
};

const SECONDARY = "hidden sm:table-cell print:table-cell";
/** The count line under a cut-short table, and the gap above it. */
export const TABLE_COUNT_HEIGHT = 8 + 32;

const ALIGN = { left: "text-left", right: "text-right", center: "text-center" } as const;

function compare(a: SortValue, b: SortValue): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), "en", { numeric: true, sensitivity: "base" });
}

function isMissing(v: SortValue): v is null | undefined {
  return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
}

/**
 * A typed table with optional sorting. Cell renderers are functions, so it must be rendered from a client
 * component (the dashboard containers are). On narrow screens it scrolls sideways inside its own region,
 * which is focusable so keyboard users can scroll it too.
 */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  caption,
  captionHidden = false,
  initialSort,
  empty,
  maxHeight,
  limit,
  noun = "rows",
  footer,
  className,
}: DataTableProps<Row>) {
  const captionId = useId();
  const [sort, setSort] = useState(initialSort ?? null);
  const [showAll, setShowAll] = useState(false);
  const truncated = limit !== undefined && rows.length > limit;
  const printAll = truncated && !showAll;

  useEffect(() => {
    if (!printAll) return;
    // A printout must hold every row. flushSync: the rows must be in the DOM before the print layout is
    // taken, which happens right after these handlers return. Both signals, since browsers differ in
    // which they send for a print (and an emulated print medium sends only the media change).
    const expand = () => flushSync(() => setShowAll(true));
    const print = matchMedia("print");
    const onMedia = (e: MediaQueryListEvent) => e.matches && expand();
    window.addEventListener("beforeprint", expand);
    print.addEventListener("change", onMedia);
    return () => {
      window.removeEventListener("beforeprint", expand);
      print.removeEventListener("change", onMedia);
    };
  }, [printAll]);

  const sorted = useMemo(() => {
    const column = sort ? columns.find((c) => c.id === sort.columnId) : undefined;
    const sortValue = column?.sortValue;
    if (!sort || !sortValue) return rows;
    const sign = sort.direction === "asc" ? 1 : -1;
    return rows
      .map((row, index) => ({ row, index, value: sortValue(row) }))
      .sort((a, b) => {
        const am = isMissing(a.value);
        const bm = isMissing(b.value);
        if (am || bm) return am === bm ? a.index - b.index : am ? 1 : -1;
        return sign * compare(a.value, b.value) || a.index - b.index;
      })
      .map((x) => x.row);
  }, [rows, columns, sort]);
  const shown = truncated && !showAll ? sorted.slice(0, limit) : sorted;

  function toggle(column: DataTableColumn<Row>) {
    setSort((prev) =>
      prev?.columnId === column.id
        ? { columnId: column.id, direction: prev.direction === "asc" ? "desc" : "asc" }
        : // Numbers are usually read biggest-first; names alphabetically.
          { columnId: column.id, direction: column.align === "right" ? "desc" : "asc" },
    );
  }

  // Through a variable, so print can lift the limit (an inline height would beat any print rule).
  const box = maxHeight ? ({ "--table-height": `${maxHeight}px` } as CSSProperties) : undefined;
  const table = (
    <div
      role="region"
      aria-labelledby={captionId}
      tabIndex={0}
      className={cn(
        "relative w-full overflow-auto rounded-md print:h-auto print:max-h-none print:overflow-visible",
        // Cut short, the box keeps the height it has when full, so showing fewer rows moves nothing.
        maxHeight !== undefined && (truncated && !showAll ? "h-(--table-height)" : "max-h-(--table-height)"),
        focusRing,
        className,
      )}
      style={box}
    >
      <table className="w-full border-collapse text-sm">
        <caption id={captionId} className={captionHidden ? "sr-only" : "pb-2 text-left text-xs text-muted"}>
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const active = sort?.columnId === column.id ? sort.direction : null;
              const align = ALIGN[column.align ?? "left"];
              return (
                <th
                  key={column.id}
                  scope="col"
                  aria-sort={active === "asc" ? "ascending" : active === "desc" ? "descending" : undefined}
                  className={cn(
                    "sticky top-0 z-10 border-b border-border bg-card px-3 py-2 text-xs font-medium whitespace-nowrap text-muted",
                    align,
                    column.secondary && SECONDARY,
                    column.className,
                  )}
                >
                  {column.sortValue ? (
                    <button
                      type="button"
                      onClick={() => toggle(column)}
                      className={cn(
                        "inline-flex items-center gap-1 rounded-sm hover:text-foreground",
                        column.align === "right" && "flex-row-reverse",
                        focusRing,
                      )}
                    >
                      {column.header}
                      <span aria-hidden="true" className={cn("text-[10px]", !active && "opacity-30")}>
                        {active === "asc" ? "▲" : "▼"}
                      </span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-3 py-6 text-center text-sm text-muted">
                {empty ?? "No rows"}
              </td>
            </tr>
          ) : (
            shown.map((row, index) => (
              <tr key={rowKey(row, index)} className="border-b border-border last:border-b-0">
                {columns.map((column) => {
                  const Cell = column.rowHeader ? "th" : "td";
                  return (
                    <Cell
                      key={column.id}
                      scope={column.rowHeader ? "row" : undefined}
                      className={cn(
                        "px-3 py-2 align-top",
                        ALIGN[column.align ?? "left"],
                        column.align === "right" && "whitespace-nowrap tabular-nums",
                        column.rowHeader && "font-medium",
                        column.secondary && SECONDARY,
                        column.className,
                      )}
                    >
                      {column.cell(row)}
                    </Cell>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
        {footer ? <tfoot className="border-t border-border font-medium">{footer}</tfoot> : null}
      </table>
    </div>
  );
  if (!truncated) return table;
  return (
    <div className="flex flex-col gap-2">
      {table}
      <p className="flex h-8 items-center gap-2 text-xs text-muted print:hidden">
        <span aria-live="polite">
          {showAll ? `All ${rows.length} ${noun}` : `${shown.length} of ${rows.length} ${noun}`}
        </span>
        <span aria-hidden="true">·</span>
        <button
          type="button"
          onClick={() => setShowAll(!showAll)}
          className={cn("rounded-sm font-medium text-accent hover:underline", focusRing)}
        >
          {showAll ? "Show fewer" : "Show all"}
        </button>
      </p>
    </div>
  );
}
