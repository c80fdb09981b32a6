"use client";
import { EventActivity } from "@/components/dashboard/event-activity";
import { EventKpis } from "@/components/dashboard/event-kpis";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { EventMetricsResponse } from "@/lib/contracts/events";
import { useEventMetrics } from "@/lib/hooks/use-event-metrics";
import { useView } from "@/lib/hooks/use-view";

async function exportCsv(data: EventMetricsResponse) {
  // The CSV writer is loaded on first use; most visits never export.
  const { csvFileName, downloadCsv, toCsv } = await import("@/lib/csv");
  const csv = toCsv(
    [
      { key: "event_id", header: "event_id" },
      { key: "name", header: "name" },
      { key: "photos_generated", header: "photos_generated" },
      { key: "views", header: "views" },
      { key: "shares", header: "shares" },
      { key: "downloads", header: "downloads" },
      { key: "views_per_photo", header: "views_per_photo" },
      { key: "first_at", header: "first_at" },
      { key: "last_at", header: "last_at" },
    ],
    data.events,
  );
  downloadCsv(csvFileName("events", data.range), csv);
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
  const metrics = useEventMetrics(query);
  const { data } = metrics;

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
            onClick={() => void (data && exportCsv(data))}
            disabled={!data || data.events.length === 0}
          >
            Export CSV
          </Button>
        }
      />
      <CardBody className="flex flex-col gap-5">
        <EventKpis metrics={metrics} />
        <EventActivity metrics={metrics} />
      </CardBody>
    </Card>
  );
}
