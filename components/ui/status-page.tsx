import type { ReactNode } from "react";
import { MAIN_ID } from "./skip-link";

/**
 * The page shown instead of content — not found, a failed render — in the app's own style, with the
 * way out given as `actions`. Uses no hooks, so the error pages (client components) can render it too.
 */
export function StatusPage({
  title,
  children,
  actions,
}: {
  title: string;
  children?: ReactNode;
  actions: ReactNode;
}) {
  return (
    <main id={MAIN_ID} className="mx-auto flex min-h-screen max-w-xl flex-col justify-center gap-4 px-4">
      <p className="text-sm font-medium text-muted">fal analytics</p>
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      {children}
      <div className="flex flex-wrap items-center gap-4 text-sm">{actions}</div>
    </main>
  );
}
