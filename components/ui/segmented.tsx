"use client";

import { useRef, type KeyboardEvent, type ReactNode } from "react";
import { cn, focusRing } from "./class-names";

export type SegmentedOption<V extends string> = {
  value: V;
  label: ReactNode;
  /** Accessible name when `label` is terse ("7d" → "Last 7 days"). */
  ariaLabel?: string;
  disabled?: boolean;
};

export type SegmentedProps<V extends string> = {
  options: readonly SegmentedOption<V>[];
  /** May match no option (e.g. a custom range), then none is checked and the first takes focus. */
  value: V | null;
  onChange: (value: V) => void;
  /** Name of the group for screen readers, e.g. "Date range". */
  ariaLabel: string;
  size?: "sm" | "md";
  className?: string;
};

/**
 * Mutually exclusive presets following the WAI-ARIA radio group pattern: one tab stop, arrow keys move
 * and select (wrapping, skipping disabled options), Home/End jump to the ends.
 */
export function Segmented<V extends string>({
  options,
  value,
  onChange,
  ariaLabel,
  size = "md",
  className,
}: SegmentedProps<V>) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const checkedIndex = options.findIndex((o) => o.value === value);
  const tabStop = checkedIndex >= 0 ? checkedIndex : options.findIndex((o) => !o.disabled);

  function select(index: number) {
    const option = options[index];
    if (!option || option.disabled) return;
    refs.current[index]?.focus();
    if (option.value !== value) onChange(option.value);
  }

  function step(from: number, delta: 1 | -1): number {
    for (let i = 1; i <= options.length; i++) {
      const next = (from + delta * i + options.length) % options.length;
      if (!options[next]?.disabled) return next;
    }
    return from;
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    let target: number | null = null;
    switch (event.key) {
      case "ArrowRight":
      case "ArrowDown":
        target = step(index, 1);
        break;
      case "ArrowLeft":
      case "ArrowUp":
        target = step(index, -1);
        break;
      case "Home":
        target = step(-1, 1);
        break;
      case "End":
        target = step(options.length, -1);
        break;
    }
    if (target === null) return;
    event.preventDefault();
    select(target);
  }

  return (
    <div
      role="radiogroup"
      aria-label={ariaLabel}
      className={cn(
        "inline-flex max-w-full overflow-x-auto rounded-lg border border-border bg-card p-0.5",
        className,
      )}
    >
      {options.map((option, index) => {
        const checked = index === checkedIndex;
        return (
          <button
            key={option.value}
            ref={(el) => {
              refs.current[index] = el;
            }}
            type="button"
            role="radio"
            aria-checked={checked}
            aria-label={option.ariaLabel}
            disabled={option.disabled}
            tabIndex={index === tabStop ? 0 : -1}
            onClick={() => select(index)}
            onKeyDown={(e) => onKeyDown(e, index)}
            className={cn(
              "shrink-0 rounded-md font-medium whitespace-nowrap transition-colors disabled:opacity-40",
              size === "sm" ? "h-7 px-2 text-xs" : "h-8 px-3 text-sm",
              checked ? "bg-accent text-background" : "text-muted hover:text-foreground",
              focusRing,
            )}
          >
            {option.label}
          </button>
        );
      })}
    </div>
  );
}
