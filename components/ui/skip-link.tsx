import { cn, focusRing } from "./class-names";

/** Every page's <main> carries this id, so keyboard users can jump past the header's controls. */
export const MAIN_ID = "content";

/** The first focusable element of every page: hidden until focused, then shown at the top left. */
export function SkipLink() {
  return (
    <a
      href={`#${MAIN_ID}`}
      className={cn(
        "sr-only rounded-md bg-card px-3 py-2 text-sm font-medium text-foreground shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50",
        focusRing,
      )}
    >
      Skip to content
    </a>
  );
}
