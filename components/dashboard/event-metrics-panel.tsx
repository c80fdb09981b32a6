"use client";
import { ActivityChart } from "@/components/dashboard/charts";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CHART_HEIGHT } from "@/components/ui/chart-size";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { KpiTile } from "@/components/ui/kpi-tile";
import { PanelSkeleton } from "@/components/ui/skeleton";
import { QuietLine } from "@/components/ui/quiet-line";
import type { EventMetricsResponse } from "@/lib/contracts/events";
import { formatBucketLabel, formatCompact, formatDelta, formatNumber } from "@/lib/format";
import { useEventMetrics } from "@/lib/hooks/use-event-metrics";
import { useView } from "@/lib/hooks/use-view";
import { previousQuery } from "@/lib/view-state";

type EventRow = EventMetricsResponse["events"][number];

const TYPES = [
  { key: "photo.generated", label: "Photos generated" },
  { key: "photo.viewed", label: "Views" },
  { key: "photo.shared", label: "Shares" },
];

const columns: DataTableColumn<EventRow>[] = [
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
    cell: (r) => formatNumber(r.shares),
    sortValue: (r) => r.shares,
  },
  {
    id: "vpp",
    header: "Views / photo",
    align: "right",
    cell: (r) => formatNumber(r.views_per_photo, 1),
    sortValue: (r) => r.views_per_photo,
  },
  {
    id: "last",
    header: "Last activity",
    cell: (r) =>
      r.last_at
        ? new Date(r.last_at).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" })
        : "—",
    sortValue: (r) => r.last_at,
  },
];

function ratio(a: number | undefined, b: number | undefined): number | null {
  return a !== undefined && b ? a / b : null;
}

/** The app's own numbers. They come from our database and render whatever happens to fal. */
export function EventMetricsPanel({
  defaultTimezone,
  initialNow,
}: {
  defaultTimezone: string;
  initialNow: number;
}) {
  const { query } = useView(defaultTimezone, initialNow);
  const { data, error, isLoading } = useEventMetrics(query);
  const prev = useEventMetrics(data ? previousQuery(data.range) : null).data;

  const t = data?.totals ?? {};
  const p = prev?.totals;
  const kpis = [
    { label: "Photos generated", value: t["photo.generated"], previous: p?.["photo.generated"] },
    { label: "Views", value: t["photo.viewed"], previous: p?.["photo.viewed"] },
    { label: "Shares", value: t["photo.shared"], previous: p?.["photo.shared"] },
  ];
  const vpp = ratio(t["photo.viewed"], t["photo.generated"]);
  const vppPrev = p ? ratio(p["photo.viewed"], p["photo.generated"]) : null;
  const empty = data !== undefined && data.series.every((s) => Object.values(s.counts).every((n) => n === 0));
  const tf = data?.range.timeframe ?? "day";

  const exportCsv = async () => {
    if (!data) return;
    // The CSV writer is loaded on first use; most visits never export.
    const { downloadCsv, toCsv } = await import("@/lib/csv");
    const csv = toCsv(
      [
        { key: "event_id", header: "event_id" },
        { key: "name", header: "name" },
        { key: "photos_generated", header: "photos_generated" },
        { key: "views", header: "views" },
        { key: "shares", header: "shares" },
        { key: "views_per_photo", header: "views_per_photo" },
        { key: "first_at", header: "first_at" },
        { key: "last_at", header: "last_at" },
      ],
      data.events,
    );
    downloadCsv(`events-${data.range.start.slice(0, 10)}-${data.range.end.slice(0, 10)}`, csv);
  };

  return (
    <Card aria-labelledby="event-metrics-title">
      <CardHeader
        title="Event metrics"
        titleId="event-metrics-title"
        description="From your app's own activity: renders whatever happens to fal."
        actions={
          <Button
            size="sm"
            variant="secondary"
            onClick={() => void exportCsv()}
            disabled={!data || data.events.length === 0}
          >
            Export CSV
          </Button>
        }
      />
      <CardBody className="flex flex-col gap-5">
        {error && !data ? (
          <QuietLine label="Event metrics unavailable" reason={error.message} />
        ) : (
          <>
            <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
              {kpis.map((k) => {
                const d = formatDelta(k.value ?? 0, k.previous);
                return (
                  <KpiTile
                    key={k.label}
                    label={k.label}
                    loading={isLoading && !data}
                    value={formatCompact(k.value ?? 0)}
                    subLabel={k.value !== undefined && k.value >= 1000 ? formatNumber(k.value) : undefined}
                    delta={d && { ...d, goodWhen: "up" }}
                  />
                );
              })}
              <KpiTile
                label="Views per photo"
                loading={isLoading && !data}
                value={formatNumber(vpp, 1)}
                delta={(() => {
                  const d = formatDelta(vpp, vppPrev);
                  return d && { ...d, goodWhen: "up" as const };
                })()}
              />
            </div>
            {!data ? (
              <PanelSkeleton height={CHART_HEIGHT} label="Loading activity …" />
            ) : empty ? (
              <EmptyState
                title="No activity in this range"
                reason="Nothing was reported for these dates. Pick a wider range, or send activities to POST /api/ingest."
                height={CHART_HEIGHT}
              />
            ) : (
              <ActivityChart
                data={data.series}
                types={TYPES}
                formatBucket={(b) => formatBucketLabel(b, tf)}
                formatBucketLong={(b) => formatBucketLabel(b, tf, "full")}
                ariaLabel={`Activity per ${tf} by type: ${formatNumber(t["photo.generated"] ?? 0)} photos, ${formatNumber(t["photo.viewed"] ?? 0)} views, ${formatNumber(t["photo.shared"] ?? 0)} shares`}
              />
            )}
            {data && !empty ? (
              <DataTable
                caption="Events in this range"
                columns={columns}
                rows={data.events}
                rowKey={(r) => r.event_id}
                initialSort={{ columnId: "photos", direction: "desc" }}
                maxHeight={320}
              />
            ) : null}
          </>
        )}
      </CardBody>
    </Card>
  );
}
