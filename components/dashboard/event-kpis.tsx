"use client";
import { type Answer, DataKpi } from "@/components/dashboard/data-state";
import type { EventMetricsResponse } from "@/lib/contracts/events";
import { formatCompact, formatDelta, formatNumber } from "@/lib/format";
import { useEventMetrics } from "@/lib/hooks/use-event-metrics";
import { previousQuery } from "@/lib/view-state";

type Totals = EventMetricsResponse["totals"];

const COUNTS = [
  { type: "photo.generated", label: "Photos generated" },
  { type: "photo.viewed", label: "Views" },
  { type: "photo.shared", label: "Shares" },
] as const;

function viewsPerPhoto(t: Totals): number | null {
  const photos = t["photo.generated"];
  const views = t["photo.viewed"];
  return views !== undefined && photos ? views / photos : null;
}

/** Photos, views, shares and views per photo, each against the window before. */
export function EventKpis({ metrics }: { metrics: Answer<EventMetricsResponse> }) {
  const previous = useEventMetrics(metrics.data ? previousQuery(metrics.data.range) : null).data?.totals;

  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {COUNTS.map((k) => (
        <DataKpi
          key={k.type}
          answer={metrics}
          label={k.label}
          show={({ totals }) => {
            const value = totals[k.type] ?? 0;
            const delta = formatDelta(value, previous?.[k.type]);
            return {
              value: formatCompact(value),
              subLabel: value >= 1000 ? formatNumber(value) : undefined,
              delta: delta && { ...delta, goodWhen: "up" },
            };
          }}
        />
      ))}
      <DataKpi
        answer={metrics}
        label="Views per photo"
        show={({ totals }) => {
          const vpp = viewsPerPhoto(totals);
          const delta = formatDelta(vpp, previous ? viewsPerPhoto(previous) : null);
          return { value: formatNumber(vpp, 1), delta: delta && { ...delta, goodWhen: "up" } };
        }}
      />
    </div>
  );
}
