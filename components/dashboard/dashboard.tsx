"use client";
import { AiPanel } from "@/components/dashboard/ai-panel";
import { EventMetricsPanel } from "@/components/dashboard/event-metrics-panel";
import type { KeyInfo } from "@/lib/fal/key-info";
import { useView } from "@/lib/hooks/use-view";

/** Both halves share one query, so their buckets line up. */
export function Dashboard({ defaultTimezone, keyInfo }: { defaultTimezone: string; keyInfo: KeyInfo }) {
  const { query } = useView(defaultTimezone);
  return (
    <div className="flex flex-col gap-6">
      <EventMetricsPanel query={query} />
      <AiPanel query={query} keyInfo={keyInfo} />
    </div>
  );
}
