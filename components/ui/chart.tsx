"use client";
import type { ReactNode } from "react";
import Link from "next/link";
import { CHART_HEIGHT, OTHER_KEY } from "./chart-size";
import { cn, focusRing } from "./class-names";

/**
 * How every chart looks outside its plot: series colours, the tooltip body, the HTML legend, and the frame
 * (figure, legend, fixed-height plot area, screen-reader table). The plot itself is
 * components/ui/chart-plot.tsx. Colours are CSS variables from app/globals.css, so dark mode needs no
 * re-render.
 */

export const SERIES_COLORS = [
  "var(--chart-1)",
  "var(--chart-2)",
  "var(--chart-3)",
  "var(--chart-4)",
  "var(--chart-5)",
  "var(--chart-6)",
] as const;

/** For the "other" bucket a caller folds the long tail into; grey so it never reads as a real series. */
export const OTHER_COLOR = "var(--chart-other)";

/**
 * Colour for each series in order. "other" is grey and does not consume a palette slot, so the top
 * models keep their colours whether or not a tail exists.
 */
export function seriesColors(keys: readonly string[]): string[] {
  let next = 0;
  return keys.map((key) => {
    if (key === OTHER_KEY) return OTHER_COLOR;
    const color = SERIES_COLORS[next % SERIES_COLORS.length] ?? OTHER_COLOR;
    next += 1;
    return color;
  });
}

/* ---------------------------------------------------------------------------------------------------- */
/* Tooltip                                                                                               */

/** What a tooltip shows for one bucket; each chart decides its rows (order, zero rows, a total). */
export type TooltipContent = {
  label: string;
  rows: readonly { key: string; name: string; color: string; value: string }[];
  /** A total line for stacked charts. */
  total?: { label: string; value: string };
};

/** The tooltip body, in HTML beside the plot (components/ui/chart-plot.tsx). */
export function ChartTooltip({ label, rows, total }: TooltipContent) {
  return (
    <div className="min-w-36 rounded-md border border-border bg-card px-3 py-2 text-xs text-foreground shadow-md">
      <p className="mb-1 font-medium whitespace-nowrap">{label}</p>
      <ul className="space-y-0.5">
        {rows.map((row) => (
          <li key={row.key} className="flex items-center gap-2">
            <span
              aria-hidden="true"
              className="size-2 shrink-0 rounded-xs"
              style={{ background: row.color }}
            />
            <span className="min-w-0 flex-1 truncate text-muted">{row.name}</span>
            <span className="tabular-nums">{row.value}</span>
          </li>
        ))}
      </ul>
      {total ? (
        <p className="mt-1 flex justify-between gap-2 border-t border-border pt-1 font-medium">
          <span>{total.label}</span>
          <span className="tabular-nums">{total.value}</span>
        </p>
      ) : null}
    </div>
  );
}

/* ---------------------------------------------------------------------------------------------------- */
/* Legend                                                                                                */

export type LegendItem = {
  key: string;
  label: string;
  color: string;
  /** Lines get a stroke swatch so a line series is not mistaken for a bar; `dashed` marks what is partial. */
  shape?: "square" | "line" | "dashed";
  opacity?: number;
  /** The entry's page (a model's); the label becomes a link to it. */
  href?: string;
};

/** An HTML legend: it wraps on a 390 px screen instead of overflowing or overlapping the plot. */
export function ChartLegend({ items, className }: { items: readonly LegendItem[]; className?: string }) {
  if (items.length === 0) return null;
  return (
    <ul className={cn("flex flex-wrap gap-x-3 gap-y-1 pb-2 text-xs text-muted", className)}>
      {items.map((item) => (
        <li key={item.key} className="flex min-w-0 items-center gap-1.5">
          <span
            aria-hidden="true"
            className={cn(
              "shrink-0",
              item.shape === "line" && "h-0.5 w-3 rounded-full",
              item.shape === "dashed" && "size-2.5 rounded-xs border border-dashed",
              (item.shape ?? "square") === "square" && "size-2.5 rounded-xs",
            )}
            style={
              item.shape === "dashed"
                ? { borderColor: item.color, opacity: item.opacity }
                : { background: item.color, opacity: item.opacity }
            }
          />
          {item.href ? (
            <Link
              href={item.href}
              className={cn("max-w-48 truncate underline-offset-2 hover:underline", focusRing)}
              title={item.label}
            >
              {item.label}
            </Link>
          ) : (
            <span className="max-w-48 truncate" title={item.label}>
              {item.label}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/* ---------------------------------------------------------------------------------------------------- */
/* Frame                                                                                                 */

/** The numbers behind a chart, read by screen readers instead of the SVG. */
export type ChartTable = {
  /** Header of the first column ("Day", "Model"). */
  rowHeader: string;
  columns: readonly string[];
  rows: readonly { key: string; label: string; values: readonly string[] }[];
};

function ScreenReaderTable({ table, caption }: { table: ChartTable; caption: string }) {
  return (
    // A table ignores `width: 1px` and would widen the page on a phone; the wrapper clips it instead.
    <div className="sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{table.rowHeader}</th>
            {table.columns.map((c, i) => (
              <th key={`${i}-${c}`} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {row.values.map((v, i) => (
                <td key={i}>{v}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export type ChartFrameProps = {
  /** Summary computed by the caller: "Cost per day by model, 8 days, total $412.31". */
  ariaLabel: string;
  /** Total height including the legend; fixed so the card keeps its size from skeleton to data. */
  height?: number;
  isEmpty?: boolean;
  emptyMessage?: string;
  legend?: readonly LegendItem[];
  table?: ChartTable;
  /** The plot (a ChartPlot); it fills the room the legend leaves. */
  children: ReactNode;
  className?: string;
};

/**
 * Figure + legend + fixed-size plot area. The plot is sized by CSS alone, so the server's HTML holds the
 * drawn chart and hydration changes nothing on it.
 */
export function ChartFrame({
  ariaLabel,
  height = CHART_HEIGHT,
  isEmpty = false,
  emptyMessage = "No data in this range",
  legend,
  table,
  children,
  className,
}: ChartFrameProps) {
  return (
    <figure
      role="figure"
      aria-label={ariaLabel}
      className={cn("m-0 flex min-w-0 flex-col", className)}
      style={{ height }}
    >
      {isEmpty ? (
        <div className="flex flex-1 items-center justify-center rounded-md border border-dashed border-border">
          <p className="text-sm text-muted">{emptyMessage}</p>
        </div>
      ) : (
        <>
          {legend ? <ChartLegend items={legend} /> : null}
          {/* Positioned box: a percentage height inside a flex item is measured unreliably otherwise. */}
          <div className="relative min-h-0 flex-1">{children}</div>
          {table ? <ScreenReaderTable table={table} caption={ariaLabel} /> : null}
        </>
      )}
    </figure>
  );
}
