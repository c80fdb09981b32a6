import type { ReactNode } from "react";
import { cn } from "./class-names";

export type PanelSectionProps = {
  /** Names the section for screen readers (and for the specs that find it). */
  label: string;
  /** A visible heading over the content; omit when the content brings its own. */
  heading?: ReactNode;
  children: ReactNode;
  className?: string;
};

/** One part of a panel: a named landmark with an optional small heading. */
export function PanelSection({ label, heading, children, className }: PanelSectionProps) {
  return (
    <section aria-label={label} className={cn("min-w-0", className)}>
      {heading ? <h3 className="mb-2 text-sm font-medium">{heading}</h3> : null}
      {children}
    </section>
  );
}
