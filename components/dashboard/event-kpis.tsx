"use client";
import { type Answer, DataKpi } from "@/components/dashboard/data-state";
import type { EventMetricsResponse } from "@/lib/contracts/events";
import { formatCompact, formatDelta, formatNumber } from "@/lib/format";
import { API_ROUTES } from "@/lib/contracts/routes";
import { useDelta } from "@/lib/hooks/use-delta";

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

/** Photos, views, shares and views per photo, each against the window before (same elapsed time). */
export function EventKpis({ metrics }: { metrics: Answer<EventMetricsResponse> }) {
  const pair = useDelta(API_ROUTES.eventMetrics, metrics.data);
  const title = pair?.title;

  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {COUNTS.map((k) => (
        <DataKpi
          key={k.type}
          answer={metrics}
          label={k.label}
          show={({ totals }) => {
            const value = totals[k.type] ?? 0;
            const delta = pair && formatDelta(pair.current.totals[k.type] ?? 0, pair.previous.totals[k.type]);
            return {
              value: formatCompact(value),
              subLabel: value >= 1000 ? formatNumber(value) : undefined,
              delta: delta && { ...delta, goodWhen: "up", title },
            };
          }}
        />
      ))}
      <DataKpi
        answer={metrics}
        label="Views per photo"
        show={({ totals }) => {
          const vpp = viewsPerPhoto(totals);
          const delta =
            pair && formatDelta(viewsPerPhoto(pair.current.totals), viewsPerPhoto(pair.previous.totals));
          return { value: formatNumber(vpp, 1), delta: delta && { ...delta, goodWhen: "up", title } };
        }}
      />
    </div>
  );
}
