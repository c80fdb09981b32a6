import { Suspense } from "react";
import { notFound } from "next/navigation";
import { createLoader } from "nuqs/server";
import { Prefetched } from "@/components/dashboard/prefetched";
import { ModelView } from "@/components/model/model-view";
import { PanelSkeleton } from "@/components/ui/skeleton";
import { ENDPOINT_ID_PATTERN } from "@/lib/contracts/model-detail";
import { env } from "@/lib/env";
import { prefetchModel } from "@/lib/prefetch";
import { planView, viewParsers } from "@/lib/view-state";
import { MAIN_ID } from "@/components/ui/skip-link";

const loadView = createLoader(viewParsers);

// The key can change under a running server (rotation), so the page is rendered per request.
export const dynamic = "force-dynamic";

/** Endpoint ids hold slashes (`fal-ai/flux/dev`): the catch-all segment gives their parts back. */
function endpointOf(parts: string[]): string | null {
  const id = parts.join("/");
  return ENDPOINT_ID_PATTERN.test(id) ? id : null;
}

export async function generateMetadata({ params }: { params: Promise<{ endpoint: string[] }> }) {
  const id = endpointOf((await params).endpoint);
  return { title: `${id ?? "Model"} · fal analytics` };
}

/** Renders the model's figures and latency chart with the page, as the dashboard does (lib/prefetch.ts). */
export default async function ModelPage({
  params,
  searchParams,
}: {
  params: Promise<{ endpoint: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const endpointId = endpointOf((await params).endpoint);
  if (!endpointId) notFound();
  // A server component renders once per request: its clock is that request's "now", shared with the
  // browser so both compute the same window.
  // eslint-disable-next-line react-hooks/purity
  const now = Date.now();
  const timezone = env().DASHBOARD_TIMEZONE;
  const { query } = planView(loadView(await searchParams), now, timezone);
  return (
    <main id={MAIN_ID} className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 sm:px-6">
      <Suspense fallback={<PanelSkeleton height={900} label="Loading model …" />}>
        <Prefetched load={prefetchModel(query, endpointId)}>
          <ModelView endpointId={endpointId} defaultTimezone={timezone} initialNow={now} />
        </Prefetched>
      </Suspense>
    </main>
  );
}
