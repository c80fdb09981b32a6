import type { ComponentProps, ReactNode } from "react";
import { cn } from "./class-names";

/**
 * A panel. Rendered as a <section> so each panel is a landmark a screen-reader user can jump to; pass
 * `aria-labelledby` with the id given to {@link CardHeader}'s `titleId`.
 */
export function Card({ className, ...rest }: ComponentProps<"section">) {
  return (
    <section
      className={cn("min-w-0 rounded-xl border border-border bg-card text-foreground shadow-xs", className)}
      {...rest}
    />
  );
}

export type CardHeaderProps = {
  title: ReactNode;
  /** id of the heading, for the card's `aria-labelledby`. */
  titleId?: string;
  /** One muted line under the title (window, source). */
  description?: ReactNode;
  /** Right-aligned controls (export, selects); wraps under the title on narrow screens. */
  actions?: ReactNode;
  /** Heading level; panels on the dashboard page sit under the page's h1. */
  level?: 2 | 3;
  className?: string;
};

export function CardHeader({ title, titleId, description, actions, level = 2, className }: CardHeaderProps) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <header
      className={cn(
        "flex flex-wrap items-start justify-between gap-x-4 gap-y-2 px-4 pt-4 sm:px-5",
        className,
      )}
    >
      <div className="min-w-0">
        <Heading id={titleId} className="text-sm leading-6 font-semibold">
          {title}
        </Heading>
        {description ? <p className="text-xs text-muted">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
    </header>
  );
}

export function CardBody({ className, ...rest }: ComponentProps<"div">) {
  return <div className={cn("px-4 pt-3 pb-4 sm:px-5", className)} {...rest} />;
}
