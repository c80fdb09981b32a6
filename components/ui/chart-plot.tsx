"use client";
import {
  useId,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
} from "react";
import { labelMinWidth, linearPercent, slotAt, slotCenter, type Layout } from "@/lib/chart-scale";
import { ChartTooltip, type TooltipContent } from "./chart";
import { cn, focusRing } from "./class-names";

/**
 * The drawing surface every chart shares, sized by CSS alone so the server's HTML already holds the final
 * picture and hydration changes nothing: a grid of an HTML label column, the plot (an SVG drawn in
 * percentages of its own box), an optional right-hand label column and an HTML label row. Nothing waits
 * for a measured width; labels that would collide on a narrow chart are hidden by container queries.
 * Hover and keyboard arrive with hydration and only add a band or line, dots and a tooltip.
 */

/** A label on an axis: `at` is its position along the axis in percent (from the top, or from the left). */
export type AxisTick = {
  key: string;
  at: number;
  label: ReactNode;
  /** Chart width (px) from which the label has room; below it, it is hidden. */
  minWidth?: number;
  /** Horizontal labels: which part of the label sits at `at` (edge labels align inwards). */
  align?: "start" | "center" | "end";
};

/** Widths at which a label can appear, each with its class: Tailwind sees only class names written out. */
const SHOW_FROM = [
  [160, "hidden @min-[160px]:block"],
  [200, "hidden @min-[200px]:block"],
  [240, "hidden @min-[240px]:block"],
  [280, "hidden @min-[280px]:block"],
  [320, "hidden @min-[320px]:block"],
  [360, "hidden @min-[360px]:block"],
  [400, "hidden @min-[400px]:block"],
  [440, "hidden @min-[440px]:block"],
  [480, "hidden @min-[480px]:block"],
  [560, "hidden @min-[560px]:block"],
  [640, "hidden @min-[640px]:block"],
  [720, "hidden @min-[720px]:block"],
  [800, "hidden @min-[800px]:block"],
  [960, "hidden @min-[960px]:block"],
  [1120, "hidden @min-[1120px]:block"],
  [1280, "hidden @min-[1280px]:block"],
  [1600, "hidden @min-[1600px]:block"],
] as const;

/** The class that shows a label from the first listed width at or above `minWidth` (rounding towards fewer labels). */
function showFrom(minWidth: number | undefined): string | undefined {
  if (!minWidth || minWidth <= 0) return undefined;
  return SHOW_FROM.find(([w]) => w >= minWidth)?.[1] ?? "hidden";
}

const LABEL =
  "pointer-events-auto absolute text-[11px] leading-none whitespace-nowrap text-muted tabular-nums";

const ALIGN = { start: "", center: "-translate-x-1/2", end: "-translate-x-full" } as const;

/** Pixels between the plot's top edge and the chart's, so the top tick label is not cut. */
const TOP = 8;

export type PlotHover = {
  /** Buckets along the category axis. */
  count: number;
  /** The category axis: along x for time series, along y for the horizontal bar chart. */
  along: "x" | "y";
  layout: Layout;
  /** A soft band over the bucket (bars) or a dashed line through it (lines). */
  cursor: "band" | "line";
  tooltip: (i: number) => TooltipContent;
  /** Marks drawn over the active bucket (a line's dots), in plot coordinates. */
  highlight?: (i: number) => ReactNode;
};

export type ChartPlotProps = {
  /** The value (or category) labels on the left, and the column's width. */
  left: { width: number; ticks: readonly AxisTick[] };
  right?: { width: number; ticks: readonly AxisTick[] };
  /** The labels under the plot, and the row's height. */
  bottom: { height: number; ticks: readonly AxisTick[] };
  /** Dashed guide lines: across at the left ticks (time series) or down at the bottom ticks (horizontal bars). */
  grid: "rows" | "columns";
  /** Pixels kept free right of the plot when there is no right axis. */
  rightGap?: number;
  hover: PlotHover;
  /** An accessible name for the focusable plot: what the arrow keys step through. */
  keyboardLabel: string;
  /** The SVG marks, in percentages of the plot (or a nested viewBox for lines). */
  children: ReactNode;
};

type Active = { index: number; byKey: boolean };

export function ChartPlot({
  left,
  right,
  bottom,
  grid,
  rightGap = 8,
  hover,
  keyboardLabel,
  children,
}: ChartPlotProps) {
  const [active, setActive] = useState<Active | null>(null);
  const tooltipId = useId();
  const { count, along, layout } = hover;

  const onPointer = (e: PointerEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const fraction = along === "x" ? (e.clientX - box.left) / box.width : (e.clientY - box.top) / box.height;
    const index = slotAt(fraction, count, layout);
    if (active?.index !== index || active.byKey) setActive({ index, byKey: false });
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const last = count - 1;
    const from = active?.index;
    const next: Record<string, number | null> = {
      ArrowRight: from === undefined ? 0 : Math.min(last, from + 1),
      ArrowDown: from === undefined ? 0 : Math.min(last, from + 1),
      ArrowLeft: from === undefined ? last : Math.max(0, from - 1),
      ArrowUp: from === undefined ? last : Math.max(0, from - 1),
      Home: 0,
      End: last,
      Escape: null,
    };
    if (!(e.key in next)) return;
    e.preventDefault();
    const index = next[e.key];
    setActive(index === null || index === undefined ? null : { index, byKey: true });
  };

  const content = active ? hover.tooltip(active.index) : null;
  const at = active ? slotCenter(active.index, count, layout) : 0;
  const band = 100 / count;

  const columns = `${left.width}px minmax(0, 1fr) ${right ? right.width : rightGap}px`;
  return (
    <div
      className="@container absolute inset-0 grid"
      style={{
        gridTemplateColumns: columns,
        gridTemplateRows: `minmax(0, 1fr) ${bottom.height}px`,
        paddingTop: TOP,
      }}
    >
      <div className="pointer-events-none relative">
        {left.ticks.map((t) => (
          <span
            key={t.key}
            className={cn(LABEL, "right-1 -translate-y-1/2", showFrom(t.minWidth))}
            style={{ top: `${t.at}%` }}
          >
            {t.label}
          </span>
        ))}
      </div>

      <div
        className={cn("relative min-w-0 touch-pan-y rounded-xs", focusRing)}
        tabIndex={0}
        role="group"
        aria-label={keyboardLabel}
        aria-describedby={active ? tooltipId : undefined}
        onPointerMove={onPointer}
        onPointerDown={onPointer}
        onPointerLeave={() => setActive((a) => (a?.byKey ? a : null))}
        onKeyDown={onKey}
        onBlur={() => setActive((a) => (a?.byKey ? null : a))}
      >
        <svg
          data-chart-plot=""
          width="100%"
          height="100%"
          overflow="visible"
          aria-hidden="true"
          className="block"
        >
          {(grid === "rows" ? left.ticks : bottom.ticks).map((t) => {
            const p = `${t.at}%`;
            return grid === "rows" ? (
              <line key={t.key} x1="0" x2="100%" y1={p} y2={p} stroke="var(--border)" strokeDasharray="3 3" />
            ) : (
              <line key={t.key} y1="0" y2="100%" x1={p} x2={p} stroke="var(--border)" strokeDasharray="3 3" />
            );
          })}
          {active ? <Cursor kind={hover.cursor} along={along} at={at} band={band} /> : null}
          {children}
          {active && hover.highlight ? hover.highlight(active.index) : null}
        </svg>
        {content ? (
          <div
            id={tooltipId}
            className="pointer-events-none absolute z-20 w-max"
            style={tooltipPosition(along, at)}
          >
            <ChartTooltip {...content} />
          </div>
        ) : null}
        {/* Keyboard users hear what the tooltip shows; pointer moves stay silent. */}
        <p className="sr-only" aria-live="polite">
          {content && active?.byKey ? describe(content) : ""}
        </p>
      </div>

      {right ? (
        <div className="pointer-events-none relative">
          {right.ticks.map((t) => (
            <span
              key={t.key}
              className={cn(LABEL, "left-1 -translate-y-1/2", showFrom(t.minWidth))}
              style={{ top: `${t.at}%` }}
            >
              {t.label}
            </span>
          ))}
        </div>
      ) : (
        <div />
      )}

      <div className="pointer-events-none relative col-start-2">
        {bottom.ticks.map((t) => (
          <span
            key={t.key}
            className={cn(LABEL, "top-2", ALIGN[t.align ?? "center"], showFrom(t.minWidth))}
            style={{ left: `${t.at}%` }}
          >
            {t.label}
          </span>
        ))}
      </div>
    </div>
  );
}

function Cursor({
  kind,
  along,
  at,
  band,
}: {
  kind: "band" | "line";
  along: "x" | "y";
  at: number;
  band: number;
}) {
  if (kind === "line") {
    const p = `${at}%`;
    return along === "x" ? (
      <line x1={p} x2={p} y1="0" y2="100%" stroke="var(--muted)" strokeDasharray="3 3" />
    ) : (
      <line y1={p} y2={p} x1="0" x2="100%" stroke="var(--muted)" strokeDasharray="3 3" />
    );
  }
  const start = `${at - band / 2}%`;
  const size = `${band}%`;
  return along === "x" ? (
    <rect x={start} width={size} y="0" height="100%" fill="var(--foreground)" fillOpacity={0.06} />
  ) : (
    <rect y={start} height={size} x="0" width="100%" fill="var(--foreground)" fillOpacity={0.06} />
  );
}

/** Beside the active bucket, on the side with more room; no measuring, so it never waits for layout. */
function tooltipPosition(along: "x" | "y", at: number): CSSProperties {
  if (along === "x") {
    return at <= 50
      ? { left: `calc(${at}% + 12px)`, top: 0 }
      : { right: `calc(${100 - at}% + 12px)`, top: 0 };
  }
  return at <= 50
    ? { top: `calc(${at}% + 12px)`, right: 8 }
    : { bottom: `calc(${100 - at}% + 12px)`, right: 8 };
}

/** The tooltip as one sentence, for the live region. */
function describe({ label, rows, total }: TooltipContent): string {
  const parts = rows.map((r) => `${r.name} ${r.value}`);
  if (total) parts.push(`${total.label} ${total.value}`);
  return `${label}: ${parts.join(", ")}`;
}

/* ---------------------------------------------------------------------------------------------------- */
/* Axes                                                                                                  */

/** Room one 11 px label needs per character, plus the gap kept between neighbours. */
const CHAR_PX = 6.5;
const LABEL_GAP = 8;

/** A time axis's labels: one per bucket, keyed by the bucket. */
export const timeLabels = (data: readonly { bucket: string }[], format: (b: string) => string) =>
  data.map((d) => ({ key: d.bucket, label: format(d.bucket) }));

/**
 * Labels along a category axis (`labels` in bucket order), thinned by halving on narrow charts. `fixedPx`
 * is the chart width spent beside the plot (axis columns). With points, the first and last label align
 * inwards so neither reaches past the card.
 */
export function categoryTicks(
  labels: readonly { key: string; label: string }[],
  layout: Layout,
  fixedPx: number,
  gap = LABEL_GAP,
): AxisTick[] {
  const longest = Math.max(0, ...labels.map((l) => l.label.length));
  const labelPx = longest * CHAR_PX + gap;
  const last = labels.length - 1;
  return labels.map((l, i) => ({
    key: l.key,
    at: slotCenter(i, labels.length, layout),
    label: l.label,
    minWidth: labelMinWidth(i, labels.length, { layout, labelPx, fixedPx }),
    align: layout === "point" && last > 0 ? (i === 0 ? "start" : i === last ? "end" : "center") : "center",
  }));
}

/** Labels up a value axis for `ticks` on a linear axis from 0 to the last tick. */
export function valueTicks(ticks: readonly number[], format: (v: number) => string): AxisTick[] {
  const top = ticks[ticks.length - 1] ?? 1;
  return ticks.map((t) => ({ key: String(t), at: 100 - linearPercent(t, top), label: format(t) }));
}

/* ---------------------------------------------------------------------------------------------------- */
/* Marks: every drawn data mark carries `data-mark`, which tests and the benchmark look for.             */

/** Drawn at 40 % with a dashed outline: a bucket still filling, so its low value never reads as a drop. */
const PARTIAL = { fillOpacity: 0.4, strokeWidth: 1, strokeDasharray: "3 2" } as const;

/** CSS custom properties for the bar classes in app/globals.css. */
const vars = (v: Record<string, string | number>) =>
  Object.fromEntries(Object.entries(v).map(([k, x]) => [`--${k}`, x])) as CSSProperties;

/**
 * A vertical bar centred at `at` (% across), `size` % of the plot wide but at most `max` px (CSS `x` and
 * `width`, class `chart-bar`: an SVG attribute cannot say min()), from `from` to `to` % up the plot.
 */
export function VBar({
  at,
  size,
  max = 48,
  from,
  to,
  color,
  partial = false,
}: {
  at: number;
  size: number;
  max?: number;
  from: number;
  to: number;
  color: string;
  partial?: boolean;
}) {
  return (
    <rect
      data-mark=""
      className="chart-bar"
      style={vars({ at: `${at}%`, size: `${size}%`, max: `${max}px` })}
      y={`${100 - to}%`}
      height={`${to - from}%`}
      fill={color}
      {...(partial ? { ...PARTIAL, stroke: color } : {})}
    />
  );
}

/**
 * A horizontal bar from the left edge to `length` %, one of a group centred at `at` (% down): `offset`
 * bars from the group's middle, each `size` % of the plot high but at most `max` px, 1 px apart.
 */
export function HBar({
  at,
  offset,
  size,
  max = 8,
  length,
  color,
  opacity,
}: {
  at: number;
  offset: number;
  size: number;
  max?: number;
  length: number;
  color: string;
  opacity: number;
}) {
  return (
    <rect
      data-mark=""
      className="chart-hbar"
      style={vars({ at: `${at}%`, offset, size: `${size}%`, max: `${max}px` })}
      x="0"
      width={`${length}%`}
      fill={color}
      fillOpacity={opacity}
    />
  );
}

/**
 * A line through points given in percent across and up the plot; `null` breaks it (a bucket without data
 * is a gap, not a zero). Drawn in a stretched 1000×1000 box whose strokes keep their pixel width.
 */
export function LinePath({
  points,
  color,
  width = 2,
  dash,
  opacity,
}: {
  points: readonly ({ x: number; y: number } | null)[];
  color: string;
  width?: number;
  dash?: string;
  opacity?: number;
}) {
  let d = "";
  let pen = false;
  let drawn = 0;
  for (const p of points) {
    if (!p) {
      pen = false;
      continue;
    }
    const xy = `${round(p.x * 10)} ${round(1000 - p.y * 10)}`;
    d += pen ? ` L${xy}` : `${d ? " " : ""}M${xy}`;
    if (pen) drawn += 1;
    pen = true;
  }
  if (drawn === 0) return null;
  return (
    <svg viewBox="0 0 1000 1000" preserveAspectRatio="none" width="100%" height="100%" overflow="visible">
      <path
        data-mark=""
        d={d}
        fill="none"
        stroke={color}
        strokeWidth={width}
        strokeDasharray={dash}
        strokeOpacity={opacity}
        strokeLinejoin="round"
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}

/** A dot at `x` % across and `y` % up, `r` px: marks a lone point, or the active bucket on hover. */
export function Dot({
  x,
  y,
  r,
  color,
  mark = true,
}: {
  x: number;
  y: number;
  r: number;
  color: string;
  mark?: boolean;
}) {
  return <circle data-mark={mark ? "" : undefined} cx={`${x}%`} cy={`${100 - y}%`} r={r} fill={color} />;
}

const round = (n: number) => Math.round(n * 100) / 100;
