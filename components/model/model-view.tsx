"use client";
import Link from "next/link";
import { DataKpi, DataState } from "@/components/dashboard/data-state";
import { LatencyChart } from "@/components/model/latency-chart";
import { LATENCY_CHART_HEIGHT } from "@/components/ui/chart-size";
import { RequestsTable } from "@/components/model/requests-table";
import { UsOrFal } from "@/components/model/us-or-fal";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PanelSection } from "@/components/ui/panel-section";
import { Segmented } from "@/components/ui/segmented";
import { diagnosisCopy } from "@/lib/contracts/diagnosis";
import {
  formatBucketLabel,
  formatCompact,
  formatDuration,
  formatMoney,
  formatPercent,
  lowerFirst,
} from "@/lib/format";
import { useInsights, useModel } from "@/lib/hooks/use-model-detail";
import { useView } from "@/lib/hooks/use-view";
import { PRESETS, PRESET_LABELS, type Preset, toSearch } from "@/lib/view-state";

/**
 * One model, drilled into: its figures for the dashboard's window (range and zone from the same URL
 * parameters), its latency over time, how it compares with fal-wide figures, and its requests.
 */
export function ModelView({
  endpointId,
  defaultTimezone,
  initialNow,
}: {
  endpointId: string;
  defaultTimezone: string;
  initialNow: number;
}) {
  const { view, setView, query, timezone } = useView(defaultTimezone, initialNow);
  const model = useModel(query, endpointId);
  const insights = useInsights(endpointId);
  // Back to the dashboard with the same view: the URL parameters are shared.
  const search = new URLSearchParams(
    Object.entries(view).flatMap(([k, v]) => (v === null || v === undefined ? [] : [[k, String(v)]])),
  ).toString();

  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-3 border-b border-border pb-5 sm:flex-row sm:items-end sm:justify-between">
        <div className="min-w-0">
          <Link
            href={search ? `/?${search}` : "/"}
            className="text-sm text-muted underline-offset-2 hover:text-foreground hover:underline"
          >
            ← Dashboard
          </Link>
          <h1 className="mt-1 truncate text-2xl font-semibold tracking-tight">
            {model.data?.display_name ?? endpointId}
          </h1>
          <p className="font-mono text-xs text-muted">{endpointId}</p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Segmented
            ariaLabel="Date range"
            options={PRESETS.filter((p) => p !== "custom").map((p) => ({
              value: p,
              label: PRESET_LABELS[p],
            }))}
            value={view.range === "custom" ? null : view.range}
            onChange={(range: Preset) => void setView({ range, from: null, to: null })}
          />
          <Link
            href={`/reconciliation?${search}`}
            className="text-sm text-muted underline-offset-2 hover:text-foreground hover:underline"
          >
            Reconciliation
          </Link>
        </div>
      </header>

      <div className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <DataKpi answer={model} label="Requests" show={(m) => ({ value: formatCompact(m.requests) })} />
        <DataKpi
          answer={model}
          label="Error rate"
          show={(m) => ({
            value: formatPercent(m.error_rate),
            subLabel: `${formatCompact(m.user_errors)} 4xx · ${formatCompact(m.server_errors)} 5xx`,
          })}
        />
        <DataKpi
          answer={model}
          label="Run time p50 / p90"
          show={(m) => ({ value: `${formatDuration(m.p50_duration)} / ${formatDuration(m.p90_duration)}` })}
        />
        <DataKpi
          answer={model}
          label="Queue p50 / p90"
          show={(m) => ({ value: `${formatDuration(m.p50_queue)} / ${formatDuration(m.p90_queue)}` })}
        />
        <DataKpi
          answer={model}
          label="Spend"
          provenance="billed"
          show={(m) => ({
            value: m.cost === null ? "—" : formatMoney(m.cost, m.currency),
            subLabel:
              m.cost_unavailable === "scope_insufficient"
                ? "needs billing:usage:read"
                : m.cost_unavailable
                  ? lowerFirst(diagnosisCopy(m.cost_unavailable).title)
                  : undefined,
          })}
        />
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader
            title="Run time and queue time"
            description={`Per ${query.timeframe ?? "bucket"}, in ${timezone}`}
          />
          <CardBody>
            <PanelSection label="Latency over time">
              <DataState
                answer={model}
                label="Latency"
                height={LATENCY_CHART_HEIGHT}
                empty={{ when: (m) => m.series.length === 0, title: "No requests in this range" }}
              >
                {(m) => (
                  <LatencyChart
                    data={m.series}
                    height={LATENCY_CHART_HEIGHT}
                    formatBucket={(b) => formatBucketLabel(b, m.range.timeframe)}
                    formatBucketLong={(b) => formatBucketLabel(b, m.range.timeframe, "full")}
                    ariaLabel={`Run-time and queue-time p50 and p90 per ${m.range.timeframe}, in seconds`}
                  />
                )}
              </DataState>
            </PanelSection>
          </CardBody>
        </Card>
        <Card aria-label="Compared with fal">
          <CardBody>
            <UsOrFal insights={insights} endpointId={endpointId} timezone={timezone} />
          </CardBody>
        </Card>
      </div>

      <Card>
        <CardBody>
          <RequestsTable key={toSearch(query)} query={query} endpointId={endpointId} timezone={timezone} />
        </CardBody>
      </Card>
    </div>
  );
}
