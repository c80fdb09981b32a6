import { useId, type ComponentProps, type ReactNode } from "react";
import { cn, focusRing } from "./class-names";

/** `title` says why a disabled option cannot be picked. */
export type SelectOption = { value: string; label: string; disabled?: boolean; title?: string };

export type SelectProps = Omit<ComponentProps<"select">, "children" | "size"> & {
  /** Visible (or, with `hideLabel`, screen-reader-only) label; a select without one is unnamed. */
  label: ReactNode;
  hideLabel?: boolean;
  options: readonly SelectOption[];
  size?: "sm" | "md";
  /** Class for the wrapping label element. */
  wrapperClassName?: string;
};

/**
 * A styled native <select>: the platform's own picker is the most usable one on phones and with screen
 * readers, so only the closed box is restyled.
 */
export function Select({
  label,
  hideLabel = false,
  options,
  size = "md",
  className,
  wrapperClassName,
  id,
  ...rest
}: SelectProps) {
  const autoId = useId();
  const selectId = id ?? autoId;
  return (
    <div className={cn("inline-flex min-w-0 items-center gap-2", wrapperClassName)}>
      <label htmlFor={selectId} className={hideLabel ? "sr-only" : "text-xs font-medium text-muted"}>
        {label}
      </label>
      <div className="relative min-w-0">
        <select
          id={selectId}
          className={cn(
            "w-full min-w-0 appearance-none truncate rounded-md border border-border bg-card pr-8 pl-2.5 text-foreground",
            "disabled:opacity-50",
            size === "sm" ? "h-8 text-xs" : "h-9 text-sm",
            focusRing,
            className,
          )}
          {...rest}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled} title={o.title}>
              {o.label}
            </option>
          ))}
        </select>
        <svg
          aria-hidden="true"
          viewBox="0 0 16 16"
          className="pointer-events-none absolute top-1/2 right-2.5 size-3.5 -translate-y-1/2 text-muted"
        >
          <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
      </div>
    </div>
  );
}
