import type { CSSProperties } from "react";
import { cn } from "./class-names";

/** A grey placeholder block. Decorative: the surrounding {@link PanelSkeleton} or tile announces loading. */
export function Skeleton({ className, style }: { className?: string; style?: CSSProperties }) {
  return (
    <div
      aria-hidden="true"
      className={cn("animate-pulse rounded-md bg-border/70 motion-reduce:animate-none", className)}
      style={style}
    />
  );
}

export type PanelSkeletonProps = {
  /** Same height as the content it stands in for, so nothing moves when data arrives. */
  height: number;
  /** Read by screen readers, e.g. "Loading cost per model …". */
  label?: string;
  className?: string;
};

export function PanelSkeleton({ height, label = "Loading …", className }: PanelSkeletonProps) {
  return (
    <div
      role="status"
      aria-label={label}
      aria-busy="true"
      aria-live="polite"
      className={cn("w-full", className)}
      style={{ height }}
    >
      <span className="sr-only">{label}</span>
      <Skeleton className="h-full w-full" />
    </div>
  );
}

/** A small turning ring beside text that says what is being waited for (the text carries the meaning). */
export function Spinner({ className }: { className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        "inline-block size-3 shrink-0 animate-spin rounded-full border-2 border-current border-r-transparent motion-reduce:animate-none",
        className,
      )}
    />
  );
}
