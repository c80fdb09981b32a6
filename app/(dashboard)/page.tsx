import { Suspense } from "react";
import { createLoader } from "nuqs/server";
import { AiPanel } from "@/components/dashboard/ai-panel";
import { DashboardHeader } from "@/components/dashboard/dashboard-header";
import { EventMetricsPanel } from "@/components/dashboard/event-metrics-panel";
import { Prefetched } from "@/components/dashboard/prefetched";
import { PanelSkeleton } from "@/components/ui/skeleton";
import { MAIN_ID } from "@/components/ui/skip-link";
import { authMode } from "@/lib/auth/config";
import { env } from "@/lib/env";
import { keyInfo } from "@/lib/fal/key-info";
import { prefetchAi, prefetchEvents } from "@/lib/prefetch";
import { planView, viewParsers } from "@/lib/view-state";

// The key can change under a running server (rotation), so the page is rendered per request.
export const dynamic = "force-dynamic";

const loadView = createLoader(viewParsers);

/**
 * Thin: reads the view from the URL, starts both prefetches at once, and streams each half in its own
 * Suspense boundary, so event metrics never wait for fal.
 */
export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const timezone = env().DASHBOARD_TIMEZONE;
  const view = loadView(await searchParams);
  // A server component renders once per request: its clock reading is that request's "now", shared
  // with the browser so both compute the same window and the same SWR keys.
  // eslint-disable-next-line react-hooks/purity
  const now = Date.now();
  // A link asking for something impossible is corrected here (and says so in the header), never an error.
  const { query } = planView(view, now, timezone);
  return (
    <main id={MAIN_ID} className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 sm:px-6">
      <Suspense fallback={<div className="h-[84px]" />}>
        <DashboardHeader defaultTimezone={timezone} initialNow={now} signOut={authMode() === "password"} />
      </Suspense>
      <Suspense fallback={<PanelSkeleton height={720} label="Loading event metrics …" />}>
        <Prefetched load={prefetchEvents(query)}>
          <EventMetricsPanel defaultTimezone={timezone} initialNow={now} />
        </Prefetched>
      </Suspense>
      <Suspense fallback={<PanelSkeleton height={1100} label="Loading AI performance …" />}>
        <Prefetched load={prefetchAi(query)}>
          <AiPanel defaultTimezone={timezone} initialNow={now} keyInfo={keyInfo()} />
        </Prefetched>
      </Suspense>
    </main>
  );
}
