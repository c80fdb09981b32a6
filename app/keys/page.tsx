import Link from "next/link";
import { Suspense } from "react";
import { KeysView } from "@/components/dashboard/keys-view";
import { PanelSkeleton } from "@/components/ui/skeleton";
import { env } from "@/lib/env";
import { keyInfo } from "@/lib/fal/key-info";

export const dynamic = "force-dynamic";

export const metadata = { title: "Keys · fal analytics" };

export default function KeysPage() {
  return (
    <main className="mx-auto flex max-w-5xl flex-col gap-6 px-4 py-6 sm:px-6">
      <header className="flex items-end justify-between border-b border-border pb-5">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Keys</h1>
          <p className="text-sm text-muted">
            Which fal key the dashboard uses, what it may do, and how to rotate it.
          </p>
        </div>
        <Link
          href="/"
          className="text-sm text-muted underline-offset-2 hover:text-foreground hover:underline"
        >
          ← Dashboard
        </Link>
      </header>
      <Suspense fallback={<PanelSkeleton height={600} label="Loading keys …" />}>
        <KeysView keyInfo={keyInfo()} defaultTimezone={env().DASHBOARD_TIMEZONE} />
      </Suspense>
    </main>
  );
}
