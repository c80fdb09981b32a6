/** Joins class names, dropping falsy ones; the primitives need no more than this, so no clsx dependency. */
export function cn(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(" ");
}

/**
 * One focus ring for every interactive primitive. `focus-visible` keeps it off mouse clicks but always
 * on for keyboard users; an outline (not a ring shadow) survives forced-colours mode.
 */
export const focusRing =
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent";
