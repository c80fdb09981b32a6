import type { ReactNode } from "react";
import { Badge } from "./badge";
import { cn } from "./class-names";
import { Skeleton } from "./skeleton";

export type KpiDelta = {
  /** Already formatted, e.g. "+12%" (see formatDelta). */
  text: string;
  direction: "up" | "down" | "flat";
  /** Which way is good news: "up" for photos generated, "down" for cost per photo or error rate. */
  goodWhen: "up" | "down";
  /** What is compared with what, e.g. the same elapsed time of the window before. */
  title?: string;
};

export type Provenance = "billed" | "estimated";

export type KpiTileProps = {
  label: string;
  /** Formatted value ("$412.31"). */
  value?: ReactNode;
  subLabel?: ReactNode;
  delta?: KpiDelta | null;
  /** Where a money figure came from: billed by fal or estimated from list prices. */
  provenance?: Provenance;
  /** Keeps the tile's size while its data loads. */
  loading?: boolean;
  /** Why there is no value: the tile steps back to this muted line and keeps its size. */
  unavailable?: string;
  className?: string;
};

const PROVENANCE: Record<Provenance, { label: string; tone: "neutral" | "accent"; title: string }> = {
  billed: { label: "billed", tone: "neutral", title: "From fal's usage records" },
  estimated: { label: "estimated", tone: "accent", title: "Unit price × units; the bill may differ" },
};

const ARROWS = { up: "▲", down: "▼", flat: "→" } as const;
const WORDS = { up: "up", down: "down", flat: "unchanged" } as const;

function DeltaLine({ delta }: { delta: KpiDelta }) {
  const good = delta.direction !== "flat" && delta.direction === delta.goodWhen;
  const bad = delta.direction !== "flat" && delta.direction !== delta.goodWhen;
  return (
    <span
      title={delta.title}
      className={cn(
        "inline-flex shrink-0 items-center gap-1 text-xs font-medium whitespace-nowrap tabular-nums",
        // Darkened toward the text colour so the green keeps contrast on the card in both themes.
        good && "text-[color-mix(in_oklch,var(--chart-3)_60%,var(--foreground))]",
        bad && "text-danger",
        !good && !bad && "text-muted",
      )}
    >
      <span aria-hidden="true">{ARROWS[delta.direction]}</span>
      <span className="sr-only">{WORDS[delta.direction]} </span>
      {delta.text}
      {/* Dropped visually on phones, where two tiles share a row; screen readers always hear it. */}
      <span className="sr-only font-normal text-muted sm:not-sr-only"> vs previous</span>
    </span>
  );
}

/**
 * One headline number. The value, sub-label and delta rows keep fixed line heights whether loading,
 * present, absent or unavailable, so a row of tiles does not jump when data arrives or a request fails.
 */
export function KpiTile({
  label,
  value,
  subLabel,
  delta,
  provenance,
  loading = false,
  unavailable,
  className,
}: KpiTileProps) {
  const badge = provenance ? PROVENANCE[provenance] : null;
  return (
    <div
      className={cn("flex min-w-0 flex-col gap-1 rounded-xl border border-border bg-card p-4", className)}
      aria-busy={loading || undefined}
    >
      <div className="flex items-center justify-between gap-2">
        <p className="truncate text-xs font-medium text-muted" title={label}>
          {label}
        </p>
        {badge ? (
          <Badge tone={badge.tone} title={badge.title}>
            {badge.label}
          </Badge>
        ) : null}
      </div>
      {unavailable !== undefined ? (
        // The height of the value and sub-label rows with the gap between them; long reasons are clipped.
        <p className="line-clamp-3 h-13 text-xs text-muted" title={unavailable}>
          {unavailable}
        </p>
      ) : loading ? (
        <>
          <span className="sr-only">Loading {label}</span>
          <div className="flex h-8 items-center">
            <Skeleton className="h-6 w-28" />
          </div>
          <div className="flex h-4 items-center">
            <Skeleton className="h-3 w-20" />
          </div>
        </>
      ) : (
        <>
          <p className="h-8 truncate text-2xl leading-8 font-semibold tabular-nums">{value}</p>
          <div className="flex h-4 min-w-0 items-center gap-2 overflow-hidden leading-4">
            {delta ? <DeltaLine delta={delta} /> : null}
            {subLabel ? <span className="truncate text-xs text-muted">{subLabel}</span> : null}
          </div>
        </>
      )}
    </div>
  );
}
