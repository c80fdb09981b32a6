import type { ComponentProps, ReactNode } from "react";
import { cn, focusRing } from "@/components/ui/class-names";

/** A labelled input for the alert forms. */
export function Field({
  label,
  hint,
  className,
  ...input
}: ComponentProps<"input"> & { label: ReactNode; hint?: string }) {
  return (
    <label className={cn("flex min-w-0 flex-col gap-1 text-xs text-muted", className)}>
      {label}
      <input
        className={cn(
          "h-9 rounded-md border border-border bg-card px-2.5 text-sm text-foreground",
          focusRing,
        )}
        {...input}
      />
      {hint ? <span className="text-[11px]">{hint}</span> : null}
    </label>
  );
}
