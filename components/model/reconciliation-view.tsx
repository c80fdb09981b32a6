"use client";
import Link from "next/link";
import { DataState } from "@/components/dashboard/data-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { Segmented } from "@/components/ui/segmented";
import type { ReconciliationModel } from "@/lib/contracts/reconciliation";
import { formatInstant, formatMoney, formatNumber } from "@/lib/format";
import { useReconciliation } from "@/lib/hooks/use-model-detail";
import { useView } from "@/lib/hooks/use-view";
import { PRESETS, PRESET_LABELS, type Preset } from "@/lib/view-state";

const TABLE_HEIGHT = 560;

/**
 * Do fal's numbers add up? Per model: billed usage, the sum of its per-request billing events and list
 * price × quantity, with the rows whose first two disagree flagged; exported as a FOCUS CSV.
 */
export function ReconciliationView({
  defaultTimezone,
  initialNow,
}: {
  defaultTimezone: string;
  initialNow: number;
}) {
  const { view, setView, query, timezone } = useView(defaultTimezone, initialNow);
  const answer = useReconciliation(query);
  const search = new URLSearchParams(
    Object.entries(view).flatMap(([k, v]) => (v === null || v === undefined ? [] : [[k, String(v)]])),
  ).toString();

  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-3 border-b border-border pb-5 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <Link
            href={`/?${search}`}
            className="text-sm text-muted underline-offset-2 hover:text-foreground hover:underline"
          >
            ← Dashboard
          </Link>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight">Reconciliation</h1>
          <p className="text-sm text-muted">
            Billed usage against fal&apos;s per-request billing events and list prices, per model.
          </p>
        </div>
        <Segmented
          ariaLabel="Date range"
          options={PRESETS.filter((p) => p !== "custom").map((p) => ({ value: p, label: PRESET_LABELS[p] }))}
          value={view.range === "custom" ? null : view.range}
          onChange={(range: Preset) => void setView({ range, from: null, to: null })}
        />
      </header>
      <Card aria-label="Reconciliation">
        <CardHeader
          title="Billed vs per-request vs list price"
          description={
            answer.data
              ? `${formatInstant(answer.data.range.start, timezone, { dateStyle: "medium", timeStyle: "short" })} – ${formatInstant(answer.data.range.end, timezone, { dateStyle: "medium", timeStyle: "short" })}, ${timezone}. Flagged: off by more than one cent and 0.5 %.`
              : undefined
          }
          actions={
            answer.data ? (
              <Button
                size="sm"
                onClick={async () => {
                  const report = answer.data;
                  if (!report) return;
                  const [{ downloadCsv }, { focusCsv }] = await Promise.all([
                    import("@/lib/csv"),
                    import("@/components/model/focus-csv"),
                  ]);
                  downloadCsv(
                    `fal-focus-${report.range.start.slice(0, 10)}-${report.range.end.slice(0, 10)}`,
                    focusCsv(report),
                  );
                }}
              >
                Export FOCUS CSV
              </Button>
            ) : null
          }
        />
        <CardBody>
          <DataState
            answer={answer}
            label="Reconciliation"
            height={TABLE_HEIGHT}
            empty={{ when: (r) => r.models.length === 0, title: "Nothing billed in this range" }}
          >
            {(r) => {
              const money = (v: number | null) => (v === null ? "—" : formatMoney(v, r.currency));
              const columns: DataTableColumn<ReconciliationModel>[] = [
                {
                  id: "model",
                  header: "Model",
                  rowHeader: true,
                  cell: (m) => (
                    <Link
                      href={`/models/${m.endpoint_id}?${search}`}
                      className="underline-offset-2 hover:underline"
                    >
                      {m.endpoint_id}
                    </Link>
                  ),
                  sortValue: (m) => m.endpoint_id,
                },
                {
                  id: "units",
                  header: "Quantity",
                  align: "right",
                  cell: (m) => m.units.map((u) => `${formatNumber(u.quantity)} ${u.unit}`).join(", "),
                },
                {
                  id: "billed",
                  header: "Billed",
                  align: "right",
                  cell: (m) => money(m.billed),
                  sortValue: (m) => m.billed,
                },
                {
                  id: "events",
                  header: "Per-request total",
                  align: "right",
                  cell: (m) => money(m.billing_events_total),
                  sortValue: (m) => m.billing_events_total,
                },
                {
                  id: "difference",
                  header: "Difference",
                  align: "right",
                  cell: (m) => (
                    <span className="inline-flex items-center gap-2">
                      {m.flagged ? (
                        <Badge
                          tone="warning"
                          title="Billed and per-request totals disagree by more than one cent and 0.5 %"
                        >
                          flagged
                        </Badge>
                      ) : null}
                      {money(m.difference)}
                    </span>
                  ),
                  sortValue: (m) => Math.abs(m.difference),
                },
                {
                  id: "list",
                  header: "List price × quantity",
                  align: "right",
                  cell: (m) =>
                    m.list_estimate === null ? (
                      <Badge tone="warning" title="fal has no list price for this model in this unit">
                        unpriced
                      </Badge>
                    ) : (
                      money(m.list_estimate)
                    ),
                  sortValue: (m) => m.list_estimate,
                },
              ];
              return (
                <DataTable
                  caption="Reconciliation per model"
                  captionHidden
                  columns={columns}
                  rows={r.models}
                  rowKey={(m) => m.endpoint_id}
                  initialSort={{ columnId: "difference", direction: "desc" }}
                  maxHeight={TABLE_HEIGHT}
                  footer={
                    <tr className="font-medium">
                      <th scope="row" className="px-3 py-2 text-left">
                        Total{r.totals.flagged > 0 ? ` (${r.totals.flagged} flagged)` : ""}
                      </th>
                      <td />
                      <td className="px-3 py-2 text-right tabular-nums">{money(r.totals.billed)}</td>
                      <td className="px-3 py-2 text-right tabular-nums">
                        {money(r.totals.billing_events_total)}
                      </td>
                      <td className="px-3 py-2 text-right tabular-nums">{money(r.totals.difference)}</td>
                      <td className="px-3 py-2 text-right tabular-nums">
                        {money(r.totals.list_estimate)}
                        {r.totals.list_estimate_complete ? "" : " (priced models)"}
                      </td>
                    </tr>
                  }
                />
              );
            }}
          </DataState>
        </CardBody>
      </Card>
    </div>
  );
}
