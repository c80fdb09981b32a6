import type { ReactNode } from "react";
import { cn } from "./class-names";

export type EmptyStateProps = {
  /** What is missing: "No activity in this range". */
  title: string;
  /** Why, or what would fill it: "Events appear here once your app reports photo.generated." */
  reason?: ReactNode;
  /** An optional next step (a link or button). */
  action?: ReactNode;
  /** Give the panel's content height so the card does not shrink when a range turns up empty. */
  height?: number;
  className?: string;
};

export function EmptyState({ title, reason, action, height, className }: EmptyStateProps) {
  return (
    <div
      className={cn("flex flex-col items-center justify-center gap-1 px-4 py-8 text-center", className)}
      style={height ? { minHeight: height } : undefined}
    >
      <p className="text-sm font-medium">{title}</p>
      {reason ? <p className="max-w-prose text-xs text-muted">{reason}</p> : null}
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  );
}
