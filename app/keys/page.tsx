import { Suspense } from "react";
import { KeysView } from "@/components/dashboard/keys-view";
import { SignOut } from "@/components/dashboard/sign-out";
import { ThemeToggle } from "@/components/dashboard/theme-toggle";
import { ViewLink } from "@/components/dashboard/view-link";
import { PanelSkeleton } from "@/components/ui/skeleton";
import { MAIN_ID } from "@/components/ui/skip-link";
import { authMode } from "@/lib/auth/config";
import { env } from "@/lib/env";
import { keyInfo } from "@/lib/fal/key-info";

export const dynamic = "force-dynamic";

export const metadata = { title: "Keys · fal analytics" };

export default function KeysPage() {
  return (
    <main id={MAIN_ID} className="mx-auto flex max-w-5xl flex-col gap-6 px-4 py-6 sm:px-6">
      <header className="flex flex-wrap items-end justify-between gap-3 border-b border-border pb-5">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Keys</h1>
          <p className="text-sm text-muted">
            Which fal key the dashboard uses, what it may do, and how to rotate it.
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {/* Back to the same window the reader came from (range, granularity and zone ride along). */}
          <ViewLink
            href="/"
            className="text-sm text-muted underline-offset-2 hover:text-foreground hover:underline"
          >
            ← Dashboard
          </ViewLink>
          <ThemeToggle />
          {authMode() === "password" ? <SignOut /> : null}
        </div>
      </header>
      <Suspense fallback={<PanelSkeleton height={600} label="Loading keys …" />}>
        <KeysView keyInfo={keyInfo()} defaultTimezone={env().DASHBOARD_TIMEZONE} />
      </Suspense>
    </main>
  );
}
