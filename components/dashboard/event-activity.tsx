"use client";
import { ActivityChart } from "@/components/charts/dashboard-charts";
import { type Answer, DataState } from "@/components/dashboard/data-state";
import { CHART_HEIGHT } from "@/components/ui/chart-size";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { PanelSection } from "@/components/ui/panel-section";
import type { EventMetricsResponse } from "@/lib/contracts/events";
import { formatBucketLabel, formatInstant, formatNumber } from "@/lib/format";
import { clipToNow } from "@/lib/time/partial";

type EventRow = EventMetricsResponse["events"][number];

const TYPES = [
  { key: "photo.generated", label: "Photos generated" },
  { key: "photo.viewed", label: "Views" },
  { key: "photo.shared", label: "Shares" },
  { key: "photo.downloaded", label: "Downloads" },
];

const TABLE_MAX_HEIGHT = 320;
/** Chart, gap (gap-5) and the scrolling table: what the placeholders measure. */
const ACTIVITY_HEIGHT = CHART_HEIGHT + 20 + TABLE_MAX_HEIGHT;

/** The table's columns; times read in the range's zone, like the chart beside them. */
const columnsIn = (timezone: string): DataTableColumn<EventRow>[] => [
  {
    id: "name",
    header: "Event",
    rowHeader: true,
    cell: (r) => r.name ?? r.event_id,
    sortValue: (r) => (r.name ?? r.event_id).toLowerCase(),
  },
  {
    id: "photos",
    header: "Photos",
    align: "right",
    cell: (r) => formatNumber(r.photos_generated),
    sortValue: (r) => r.photos_generated,
  },
  {
    id: "views",
    header: "Views",
    align: "right",
    cell: (r) => formatNumber(r.views),
    sortValue: (r) => r.views,
  },
  {
    id: "shares",
    header: "Shares",
    align: "right",
    secondary: true,
    cell: (r) => formatNumber(r.shares),
    sortValue: (r) => r.shares,
  },
  {
    id: "downloads",
    header: "Downloads",
    align: "right",
    secondary: true,
    cell: (r) => formatNumber(r.downloads),
    sortValue: (r) => r.downloads,
  },
  {
    id: "vpp",
    secondary: true,
    header: "Views / photo",
    align: "right",
    cell: (r) => formatNumber(r.views_per_photo, 1),
    sortValue: (r) => r.views_per_photo,
  },
  {
    id: "last",
    header: "Last activity",
    secondary: true,
    cell: (r) =>
      r.last_at ? formatInstant(r.last_at, timezone, { dateStyle: "medium", timeStyle: "short" }) : "—",
    sortValue: (r) => r.last_at,
  },
];

function isQuiet(m: EventMetricsResponse): boolean {
  return m.series.every((s) => Object.values(s.counts).every((n) => n === 0));
}

/** Activity per bucket by type, and the events behind it. */
export function EventActivity({ metrics }: { metrics: Answer<EventMetricsResponse> }) {
  return (
    <PanelSection label="Activity">
      <DataState
        answer={metrics}
        label="Activity"
        height={ACTIVITY_HEIGHT}
        empty={{
          when: isQuiet,
          title: "No activity in this range",
          reason:
            "Nothing was reported for these dates. Pick a wider range, or send activities to POST /api/ingest.",
          height: CHART_HEIGHT,
        }}
      >
        {(m) => {
          const tf = m.range.timeframe;
          const t = m.totals;
          const clipped = clipToNow(m.series, m.range);
          return (
            <div className="flex flex-col gap-5">
              <ActivityChart
                data={clipped.points}
                partialFrom={clipped.partialFrom}
                types={TYPES}
                formatBucket={(b) => formatBucketLabel(b, tf)}
                formatBucketLong={(b) => formatBucketLabel(b, tf, "full")}
                ariaLabel={`Activity per ${tf} by type: ${formatNumber(t["photo.generated"] ?? 0)} photos, ${formatNumber(t["photo.viewed"] ?? 0)} views, ${formatNumber(t["photo.shared"] ?? 0)} shares, ${formatNumber(t["photo.downloaded"] ?? 0)} downloads`}
              />
              <DataTable
                caption="Events in this range"
                columns={columnsIn(m.range.timezone)}
                rows={m.events}
                rowKey={(r) => r.event_id}
                initialSort={{ columnId: "photos", direction: "desc" }}
                maxHeight={TABLE_MAX_HEIGHT}
              />
            </div>
          );
        }}
      </DataState>
    </PanelSection>
  );
}
