import type { ReactNode } from "react";
import { cn } from "./class-names";

export type BadgeTone = "neutral" | "warning" | "accent";

const TONES: Record<BadgeTone, string> = {
  neutral: "border-border text-muted",
  warning: "border-transparent bg-warning-bg text-warning-fg",
  accent: "border-accent/40 text-accent",
};

export type BadgeProps = {
  children: ReactNode;
  tone?: BadgeTone;
  /** Hover text explaining the badge (e.g. what "estimated" means). */
  title?: string;
  className?: string;
};

export function Badge({ children, tone = "neutral", title, className }: BadgeProps) {
  return (
    <span
      title={title}
      className={cn(
        "inline-flex items-center rounded-full border px-2 py-px text-[11px] leading-4 font-medium whitespace-nowrap",
        TONES[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}
