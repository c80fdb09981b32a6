"use client";
import { AnomalyBadge } from "@/components/dashboard/anomaly-badge";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, TABLE_COUNT_HEIGHT, type DataTableColumn } from "@/components/ui/data-table";
import type { UsageModel, UsageResponse } from "@/lib/contracts/ai";
import { formatMoney, formatNumber, formatPercent, formatUnitPrice } from "@/lib/format";

type Row = UsageModel & { share: number | null; cost_per_photo: number | null };

const TABLE_MAX_HEIGHT = 360;
/** Rows shown before "Show all": as many as fit the box (a two-line row is 53 px, the header 33 px). */
const TABLE_LIMIT = 6;
/**
 * Heading row (h-8), gap (gap-2), the table's box and the count line under it: what a placeholder must
 * measure. An account with more models than TABLE_LIMIT is the usual case; a shorter table is shorter.
 */
export const MODEL_TABLE_HEIGHT = 32 + 8 + TABLE_MAX_HEIGHT + TABLE_COUNT_HEIGHT;

/** Per-model billed usage: one row per (endpoint, unit), with the flags that keep the numbers honest. */
export function ModelTable({
  usage,
  costPerPhoto,
  costPending = false,
}: {
  usage: UsageResponse;
  costPerPhoto: Record<string, number | null> | null;
  /** Cost per photo for this window is still loading: its cells wait instead of reading "—". */
  costPending?: boolean;
}) {
  const currency = usage.currency;
  // The model page keeps the dashboard's view: same range and zone parameters.
  const search = useSearchParams().toString();
  const rows: Row[] = usage.models.map((m) => ({
    ...m,
    share: usage.total_cost > 0 ? m.cost / usage.total_cost : null,
    cost_per_photo: costPerPhoto?.[m.endpoint_id] ?? null,
  }));

  const columns: DataTableColumn<Row>[] = [
    {
      id: "model",
      header: "Model",
      rowHeader: true,
      cell: (r) => (
        <span className="flex flex-col">
          <Link
            href={`/models/${r.endpoint_id}${search ? `?${search}` : ""}`}
            className="font-medium underline-offset-2 hover:underline"
          >
            {r.display_name ?? r.endpoint_id}
          </Link>
          {r.display_name ? <span className="text-xs break-all text-muted">{r.endpoint_id}</span> : null}
          <AnomalyBadge endpointId={r.endpoint_id} />
        </span>
      ),
      sortValue: (r) => (r.display_name ?? r.endpoint_id).toLowerCase(),
    },
    { id: "unit", header: "Unit", secondary: true, cell: (r) => r.unit, sortValue: (r) => r.unit },
    {
      id: "quantity",
      secondary: true,
      header: "Quantity",
      align: "right",
      cell: (r) => formatNumber(r.quantity),
      sortValue: (r) => r.quantity,
    },
    {
      id: "cost",
      header: "Cost (billed)",
      align: "right",
      // Unpriced with nothing billed must read "unpriced", never "$0.00".
      cell: (r) => (!r.priced && r.cost === 0 ? "unpriced" : formatMoney(r.cost, currency)),
      sortValue: (r) => r.cost,
    },
    {
      id: "unit_price",
      secondary: true,
      header: "Effective price",
      align: "right",
      cell: (r) => (r.unit_price === null ? "—" : `${formatUnitPrice(r.unit_price, currency)} / ${r.unit}`),
      sortValue: (r) => r.unit_price,
    },
    {
      id: "list_price",
      secondary: true,
      header: "List price",
      align: "right",
      cell: (r) =>
        r.priced && r.list_price !== null ? (
          `${formatUnitPrice(r.list_price, currency)} / ${r.unit}`
        ) : (
          <Badge
            tone="warning"
            title="fal has no price for this model in this unit: cost cannot be estimated"
          >
            unpriced
          </Badge>
        ),
      sortValue: (r) => r.list_price,
    },
    {
      id: "share",
      header: "Share",
      align: "right",
      cell: (r) => formatPercent(r.share),
      sortValue: (r) => r.share,
    },
    {
      id: "cpp",
      secondary: true,
      header: "Cost / photo",
      align: "right",
      cell: (r) =>
        costPending ? (
          <span className="text-muted" title="Loading cost per photo for this window">
            …
          </span>
        ) : r.cost_per_photo === null ? (
          "—"
        ) : (
          formatMoney(r.cost_per_photo, currency)
        ),
      sortValue: (r) => r.cost_per_photo,
    },
  ];

  const exportCsv = async () => {
    // The CSV writer is loaded on first use; most visits never export.
    const { csvFileName, downloadCsv, toCsv } = await import("@/lib/csv");
    downloadCsv(
      csvFileName("fal-usage", usage.range),
      toCsv(
        [
          { key: "endpoint_id", header: "endpoint_id" },
          { key: "display_name", header: "display_name" },
          { key: "unit", header: "unit" },
          { key: "quantity", header: "quantity" },
          { key: "cost", header: `cost_${currency.toLowerCase()}_billed` },
          { key: "unit_price", header: "effective_unit_price" },
          { key: "list_price", header: "list_price" },
          { key: "priced", header: "priced" },
          { key: "share", header: "share" },
          { key: "cost_per_photo", header: "cost_per_photo" },
        ],
        rows,
      ),
    );
  };

  return (
    <div className="flex flex-col gap-2">
      <div className="flex h-8 items-center justify-between gap-2">
        <h3 className="text-sm font-medium">Cost per model</h3>
        <Button size="sm" variant="secondary" onClick={() => void exportCsv()} disabled={rows.length === 0}>
          Export CSV
        </Button>
      </div>
      <DataTable
        caption={`Billed usage per model and unit, ${rows.length} rows`}
        captionHidden
        columns={columns}
        rows={rows}
        rowKey={(r) => `${r.endpoint_id}|${r.unit}`}
        initialSort={{ columnId: "cost", direction: "desc" }}
        maxHeight={TABLE_MAX_HEIGHT}
        limit={TABLE_LIMIT}
        // A model billed in two units has two rows; then the count must not call them models.
        noun={new Set(rows.map((r) => r.endpoint_id)).size === rows.length ? "models" : "rows"}
        empty="fal billed nothing in this range."
      />
    </div>
  );
}
