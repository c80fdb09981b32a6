import { Suspense } from "react";
import { notFound } from "next/navigation";
import { ModelView } from "@/components/model/model-view";
import { PanelSkeleton } from "@/components/ui/skeleton";
import { ENDPOINT_ID_PATTERN } from "@/lib/contracts/model-detail";
import { env } from "@/lib/env";
import { MAIN_ID } from "@/components/ui/skip-link";

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

export default async function ModelPage({ params }: { params: Promise<{ endpoint: string[] }> }) {
  const endpointId = endpointOf((await params).endpoint);
  if (!endpointId) notFound();
  // A server component renders once per request: its clock is that request's "now", shared with the
  // browser so both compute the same window.
  // eslint-disable-next-line react-hooks/purity
  const now = Date.now();
  return (
    <main id={MAIN_ID} className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 sm:px-6">
      <Suspense fallback={<PanelSkeleton height={900} label="Loading model …" />}>
        <ModelView endpointId={endpointId} defaultTimezone={env().DASHBOARD_TIMEZONE} initialNow={now} />
      </Suspense>
    </main>
  );
}
