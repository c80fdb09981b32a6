"use client";

import { useId, useMemo, useState, type ReactNode } from "react";
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
  /** A totals row, rendered in <tfoot>. */
  footer?: ReactNode;
  className?: string;
};

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
  footer,
  className,
}: DataTableProps<Row>) {
  const captionId = useId();
  const [sort, setSort] = useState(initialSort ?? null);

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

  function toggle(column: DataTableColumn<Row>) {
    setSort((prev) =>
      prev?.columnId === column.id
        ? { columnId: column.id, direction: prev.direction === "asc" ? "desc" : "asc" }
        : // Numbers are usually read biggest-first; names alphabetically.
          { columnId: column.id, direction: column.align === "right" ? "desc" : "asc" },
    );
  }

  return (
    <div
      role="region"
      aria-labelledby={captionId}
      tabIndex={0}
      className={cn("relative w-full overflow-auto rounded-md", focusRing, className)}
      style={maxHeight ? { maxHeight } : undefined}
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
            sorted.map((row, index) => (
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
}
