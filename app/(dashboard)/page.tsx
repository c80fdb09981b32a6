import { Suspense } from "react";
import { Dashboard } from "@/components/dashboard/dashboard";
import { DashboardHeader } from "@/components/dashboard/dashboard-header";
import { PanelSkeleton } from "@/components/ui/skeleton";
import { env } from "@/lib/env";
import { keyInfo } from "@/lib/fal/key-info";

// The key can change under a running server (rotation), so the page is rendered per request.
export const dynamic = "force-dynamic";

export default function DashboardPage() {
  const timezone = env().DASHBOARD_TIMEZONE;
  return (
    <main className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 sm:px-6">
      <Suspense fallback={<div className="h-[84px]" />}>
        <DashboardHeader defaultTimezone={timezone} />
      </Suspense>
      <Suspense fallback={<PanelSkeleton height={900} label="Loading dashboard …" />}>
        <Dashboard defaultTimezone={timezone} keyInfo={keyInfo()} />
      </Suspense>
    </main>
  );
}
