"use client";
import { CHART_HEIGHT, OTHER_KEY } from "./chart-size";

import type { CSSProperties, ReactElement } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import {
  ResponsiveContainer,
  Text,
  type CartesianGridProps,
  type TooltipContentProps,
  type TooltipPayloadEntry,
  type TooltipProps,
  type XAxisProps,
  type YAxisProps,
  type YAxisTickContentProps,
} from "recharts";
import { cn, focusRing } from "./class-names";

/**
 * The only module that knows how recharts looks. Charts in components/charts/ pick their recharts
 * primitives (BarChart, Bar, Line …) but take axis, grid, tooltip, colours and the sizing frame from
 * here, so a theme change happens in one place. Colours are CSS variables from app/globals.css, so dark
 * mode needs no re-render.
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
/* Axes and grid                                                                                         */

const TICK = { fill: "var(--muted)", fontSize: 11 } as const;

/** Chart margins leave room for the first and last tick labels, which recharts does not clip-protect. */
export const CHART_MARGIN = { top: 8, right: 8, bottom: 0, left: 0 } as const;

/** Styling for the category (time) axis. `minTickGap` thins labels on a phone instead of overlapping them. */
export function xAxisProps(formatLabel?: (value: string) => string): XAxisProps {
  return {
    tick: TICK,
    tickLine: false,
    axisLine: { stroke: "var(--border)" },
    tickMargin: 8,
    minTickGap: 8,
    interval: "preserveStartEnd",
    tickFormatter: formatLabel ? (value: unknown) => formatLabel(String(value)) : undefined,
  };
}

/** Styling for the value axis. Width fits "$12.3k" / "850 ms" at 11 px. */
export function yAxisProps(formatValue?: (value: number) => string, width = 56): YAxisProps {
  return {
    tick: TICK,
    tickLine: false,
    axisLine: false,
    tickMargin: 4,
    width,
    tickFormatter: formatValue ? (value: unknown) => formatValue(Number(value)) : undefined,
  };
}

/** Styling for a value axis laid out horizontally (horizontal bar charts). */
export function xValueAxisProps(formatValue?: (value: number) => string): XAxisProps {
  return {
    type: "number",
    tick: TICK,
    tickLine: false,
    axisLine: false,
    tickMargin: 4,
    height: 24,
    minTickGap: 16,
    tickFormatter: formatValue ? (value: unknown) => formatValue(Number(value)) : undefined,
  };
}

/**
 * Styling for an axis that lists categories (model names) in a horizontal bar chart. With `hrefs` (one per
 * category, in data order) each label is a link: `interval: 0` draws every tick, so a tick's index is its
 * row's.
 */
export function categoryAxisProps(width = 120, maxChars = 20, hrefs?: readonly string[]): YAxisProps {
  return {
    tick: hrefs ? (props: YAxisTickContentProps) => <LinkTick {...props} href={hrefs[props.index]} /> : TICK,
    tickLine: false,
    axisLine: false,
    width,
    interval: 0,
    tickFormatter: (value: unknown) => {
      const s = String(value);
      if (s.length <= maxChars) return s;
      // Names read from the left; the full one is in the tooltip and the table. Cut between words, not
      // inside one, so a linked label's accessible name (the full name) contains what is drawn.
      const cut = s.slice(0, maxChars - 1);
      const end = cut.search(/[^\p{L}\p{N}]+[\p{L}\p{N}]*$/u);
      return `${end > 0 ? cut.slice(0, end) : cut}…`;
    },
  };
}

/**
 * A tick label as an SVG link, reachable by keyboard and named by the full label (the drawn one may be cut).
 * A plain click navigates inside the app, as next/link does; a modified click keeps the browser's meaning.
 */
function LinkTick({
  href,
  payload,
  index,
  tickFormatter,
  ...text
}: YAxisTickContentProps & { href?: string }) {
  const router = useRouter();
  const full = String(payload.value);
  const label = tickFormatter ? tickFormatter(payload.value, index) : full;
  const drawn = (
    <Text {...text} {...TICK}>
      {label}
    </Text>
  );
  if (!href) return drawn;
  return (
    <a
      href={href}
      aria-label={full}
      className={cn("hover:underline", focusRing)}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        router.push(href);
      }}
    >
      <title>{full}</title>
      {drawn}
    </a>
  );
}

/** Horizontal guide lines only: vertical ones add noise to time series. */
export const gridProps: CartesianGridProps = {
  stroke: "var(--border)",
  strokeDasharray: "3 3",
  vertical: false,
};

/* ---------------------------------------------------------------------------------------------------- */
/* Tooltip                                                                                               */

export type ChartTooltipOptions = {
  /** Formats each value; `key` is the series' dataKey, for charts mixing units. */
  formatValue?: (value: number, key: string) => string;
  formatLabel?: (label: string) => string;
  /** Adds a total line (for stacked charts), labelled with this text. */
  totalLabel?: string;
  /** Keys left out of the total (an error-rate line on a count chart). */
  excludeFromTotal?: readonly string[];
  /** List top-of-stack first, matching what the eye sees. */
  reverse?: boolean;
  /** Leave out zero rows: with six models most buckets have a few, and they push the useful ones apart. */
  hideZero?: boolean;
  /**
   * Series that continue another (a line's dashed "so far" tail, keyed to the solid line's key): left out
   * where both hold a value, so the shared point is listed once.
   */
  sameAs?: Readonly<Record<string, string>>;
};

function entryColor(entry: TooltipPayloadEntry): string | undefined {
  return entry.color ?? entry.fill ?? entry.stroke;
}

/** The shared tooltip body. Rendered by recharts in HTML, so it can use the theme classes directly. */
export function ChartTooltip({
  active,
  payload,
  label,
  formatValue = (v) => String(v),
  formatLabel = (l) => l,
  totalLabel,
  excludeFromTotal = [],
  reverse = false,
  hideZero = false,
  sameAs = {},
}: TooltipContentProps & ChartTooltipOptions) {
  if (!active || payload.length === 0) return null;
  const valued = payload.filter(
    (e): e is TooltipPayloadEntry & { value: number } =>
      typeof e.value === "number" && Number.isFinite(e.value),
  );
  const present = new Set(valued.map((e) => String(e.dataKey)));
  const entries = valued.filter((e) => {
    const original = sameAs[String(e.dataKey)];
    return original === undefined || !present.has(original);
  });
  if (entries.length === 0) return null;
  const shown = hideZero ? entries.filter((e) => e.value !== 0) : entries;
  const ordered = reverse ? [...shown].reverse() : shown;
  const total = entries
    .filter((e) => !excludeFromTotal.includes(String(e.dataKey)))
    .reduce((sum, e) => sum + e.value, 0);
  return (
    <div className="min-w-36 rounded-md border border-border bg-card px-3 py-2 text-xs text-foreground shadow-md">
      {label !== undefined ? <p className="mb-1 font-medium">{formatLabel(String(label))}</p> : null}
      <ul className="space-y-0.5">
        {ordered.map((entry) => (
          <li key={String(entry.dataKey ?? entry.name)} className="flex items-center gap-2">
            <span
              aria-hidden="true"
              className="size-2 shrink-0 rounded-xs"
              style={{ background: entryColor(entry) }}
            />
            <span className="min-w-0 flex-1 truncate text-muted">{entry.name}</span>
            <span className="tabular-nums">{formatValue(entry.value, String(entry.dataKey ?? ""))}</span>
          </li>
        ))}
      </ul>
      {totalLabel ? (
        <p className="mt-1 flex justify-between gap-2 border-t border-border pt-1 font-medium">
          <span>{totalLabel}</span>
          <span className="tabular-nums">{formatValue(total, "total")}</span>
        </p>
      ) : null}
    </div>
  );
}

/**
 * Props for recharts' <Tooltip>: our content, a subtle hover band (or line, for line charts) and no
 * slide animation, which lags behind the pointer on dense charts.
 */
export function tooltipProps(options: ChartTooltipOptions & { cursor?: "band" | "line" } = {}): TooltipProps {
  const { cursor = "band", ...rest } = options;
  return {
    content: (props) => <ChartTooltip {...props} {...rest} />,
    cursor:
      cursor === "band"
        ? { fill: "var(--foreground)", fillOpacity: 0.06 }
        : { stroke: "var(--muted)", strokeDasharray: "3 3" },
    isAnimationActive: false,
    // Above sticky table headers and neighbouring cards.
    wrapperStyle: { zIndex: 20, outline: "none" },
  };
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

/** An HTML legend: it wraps on a 390 px screen, where recharts' SVG legend overflows or overlaps. */
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
  /** One recharts chart element (BarChart, ComposedChart …) without width/height. */
  children: ReactElement;
  className?: string;
};

const FILL: CSSProperties = { position: "absolute", inset: 0 };

/**
 * Figure + legend + fixed-size plot area. ResponsiveContainer measures in the browser, so the server
 * renders an empty box of the final size and the chart paints into it after hydration: the markup matches
 * on both sides and nothing shifts.
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
          <div className="relative min-h-0 flex-1">
            <ResponsiveContainer width="100%" height="100%" minWidth={0} style={FILL}>
              {children}
            </ResponsiveContainer>
          </div>
          {table ? <ScreenReaderTable table={table} caption={ariaLabel} /> : null}
        </>
      )}
    </figure>
  );
}
