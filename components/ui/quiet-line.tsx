import { cn, focusRing } from "./class-names";

export type QuietLineProps = {
  /** What stepped back: "AI performance unavailable". */
  label: string;
  /** Short, in our own words, never an upstream body: "the fal key lacks billing:usage:read". */
  reason?: string;
  href?: string;
  linkText?: string;
  className?: string;
};

/**
 * The one line a panel shrinks to when its data cannot be had. Deliberately muted and small: the inline
 * key-scope banner carries the explanation, and the rest of the page must keep the reader's attention.
 */
export function QuietLine({ label, reason, href, linkText = "Details", className }: QuietLineProps) {
  return (
    <p className={cn("text-xs text-muted", className)}>
      <span className="font-medium">{label}</span>
      {reason ? <span> — {reason}</span> : null}
      {href ? (
        <>
          {" "}
          <a
            href={href}
            className={cn("rounded-sm underline underline-offset-2 hover:text-foreground", focusRing)}
          >
            {linkText}
          </a>
        </>
      ) : null}
    </p>
  );
}
