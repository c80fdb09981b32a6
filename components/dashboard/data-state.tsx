import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { KpiTile, type KpiTileProps } from "@/components/ui/kpi-tile";
import { QuietLine } from "@/components/ui/quiet-line";
import { PanelSkeleton, Spinner } from "@/components/ui/skeleton";
import type { ResolvedRange } from "@/lib/contracts/range";
import { type DiagnosisCode, isDiagnosisCode } from "@/lib/contracts/codes";
import { diagnosisCopy } from "@/lib/contracts/diagnosis";
import { lowerFirst } from "@/lib/format";
import { windowId, windowLabel } from "@/lib/view-state";

/** What a failed request hands the UI (see lib/hooks/fetcher.ts): our code and message, never fal's body. */
export type DataError = {
  code?: string;
  message: string;
  hint?: string;
  /** `scope_insufficient`: the permission the key lacks and the presets that carry it. */
  requiredPermission?: string;
  presets?: string[];
};

/** One request's outcome as SWR reports it; `updating` when `data` is the previous window's (useApi). */
export type Answer<T> = { data?: T; error?: DataError; updating?: boolean };

/** The window an answer covers, for the answers that have one. */
function rangeOf(data: unknown): ResolvedRange | undefined {
  return (data as { range?: ResolvedRange } | undefined)?.range;
}

/** "Updating — showing Nov 24 – Nov 30": what a figure still shows while the chosen window loads. */
export function updatingText(range: ResolvedRange | undefined): string {
  return range ? `Updating — showing ${windowLabel(range)}` : "Updating";
}

/**
 * Puts a figure's window on it (`data-window`, one value per window whichever route answered) and, while
 * it still shows the previous window, dims it and says so: no number from the old window passes for the
 * new one. `compact` keeps the words in a tooltip, for tiles too narrow for them.
 */
export function WindowFrame({
  range,
  updating,
  compact = false,
  className,
  children,
}: {
  range: ResolvedRange | undefined;
  updating: boolean;
  compact?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const text = updatingText(range);
  return (
    <div
      className={`relative flex min-w-0 flex-col ${className ?? ""}`}
      data-window={range ? windowId(range) : undefined}
      data-updating={updating || undefined}
      aria-busy={updating || undefined}
    >
      {/*
        A column that fills the frame, so a tile still stretches to its row's height in a grid. The old
        window's figures lose their colour rather than their contrast: they stay readable (WCAG 4.5:1) while
        the spinner and the words say which window they still show.
      */}
      <div className={`flex flex-1 flex-col ${updating ? "grayscale transition-[filter] duration-150" : ""}`}>
        {children}
      </div>
      {updating ? (
        <span
          role="status"
          title={text}
          className={
            // Tiles: a spinner in the corner the value row leaves free. Sections: the words in the middle of
            // the dimmed figure, clear of its legend and axes.
            compact
              ? "absolute right-3 bottom-3 flex items-center text-muted"
              : "absolute top-1/2 left-1/2 flex max-w-[90%] -translate-x-1/2 -translate-y-1/2 items-center gap-1.5 rounded-full border border-border bg-card px-3 py-1.5 text-xs font-medium text-foreground shadow-md"
          }
        >
          <Spinner />
          {compact ? <span className="sr-only">{text}</span> : text}
        </span>
      ) : null}
    </div>
  );
}

function isDiagnosed(error: DataError): error is DataError & { code: DiagnosisCode } {
  return error.code !== undefined && isDiagnosisCode(error.code);
}

/**
 * Why a view stepped back, in a few words. A diagnosis gets its title only: the key banner at the top of
 * the panel carries the explanation and the fix. Anything else shows the API's own message.
 */
export function stepBackReason(error: DataError): string {
  return isDiagnosed(error)
    ? lowerFirst(diagnosisCopy(error.code, { permission: error.requiredPermission }).title)
    : error.message;
}

/** A muted, dashed box of a section's height, for whatever stands in for its content. */
export function QuietBox({ height, children }: { height: number; children: ReactNode }) {
  return (
    <div
      className="flex flex-col items-center justify-center gap-1 rounded-lg border border-dashed border-border px-4 py-3 text-center"
      style={{ minHeight: height }}
    >
      {children}
    </div>
  );
}

export type DataStateProps<T> = {
  answer: Answer<T>;
  /** Names the section in the loading announcement and the failure line ("Cost over time"). */
  label: string;
  /** The loaded content's height. Skeleton and failure take it too, and content never ends shorter. */
  height: number;
  /** When an answer has nothing to show, and what to say instead; `height` defaults to the section's. */
  empty?: { when: (data: T) => boolean; title: string; reason?: string; height?: number };
  children: (data: T) => ReactNode;
};

/**
 * The one switch between a section's four states: loading (a skeleton), failed (a quiet line with the
 * reason), empty (what is missing and why) and data. Data wins over an error, so a failed refresh keeps
 * the last good answer on screen. Every state has the content's height, so nothing moves between them.
 */
export function DataState<T>({
  answer: { data, error, updating = false },
  label,
  height,
  empty,
  children,
}: DataStateProps<T>) {
  if (data !== undefined) {
    return (
      <WindowFrame range={rangeOf(data)} updating={updating}>
        {empty?.when(data) ? (
          <EmptyState title={empty.title} reason={empty.reason} height={empty.height ?? height} />
        ) : (
          <div style={{ minHeight: height }}>{children(data)}</div>
        )}
      </WindowFrame>
    );
  }
  if (error) {
    return (
      <QuietBox height={height}>
        <QuietLine label={label} reason={stepBackReason(error)} />
        {/* A diagnosis's fix is in the key banner; other errors bring their own hint. */}
        {!isDiagnosed(error) && error.hint ? <p className="text-xs text-muted">{error.hint}</p> : null}
      </QuietBox>
    );
  }
  return <PanelSkeleton height={height} label={`Loading ${lowerFirst(label)} …`} />;
}

export type DataKpiProps<T> = Omit<
  KpiTileProps,
  "value" | "subLabel" | "delta" | "loading" | "unavailable"
> & {
  answer: Answer<T>;
  show: (data: T) => Pick<KpiTileProps, "value" | "subLabel" | "delta">;
};

/** The same switch for a headline number: the tile keeps its size loading, failed or loaded. */
export function DataKpi<T>({ answer: { data, error, updating = false }, show, ...tile }: DataKpiProps<T>) {
  if (data !== undefined) {
    return (
      <WindowFrame range={rangeOf(data)} updating={updating} compact>
        <KpiTile {...tile} {...show(data)} className="flex-1" />
      </WindowFrame>
    );
  }
  if (error) return <KpiTile {...tile} unavailable={stepBackReason(error)} />;
  return <KpiTile {...tile} loading />;
}
