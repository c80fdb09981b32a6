"use client";
import { useState } from "react";
import { DataState } from "@/components/dashboard/data-state";
import { costNote } from "@/components/model/permission-note";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { PanelSection } from "@/components/ui/panel-section";
import { Segmented } from "@/components/ui/segmented";
import type { RequestRow, RequestsQuery } from "@/lib/contracts/model-detail";
import type { RangeQuery } from "@/lib/contracts/range";
import { formatDuration, formatInstant } from "@/lib/format";
import { useRequests } from "@/lib/hooks/use-model-detail";

const PAGE_SIZE = 25;
const TABLE_HEIGHT = 520;
const STATUSES = [
  { value: "all", label: "All" },
  { value: "success", label: "Succeeded" },
  { value: "user_error", label: "4xx" },
  { value: "error", label: "5xx" },
] as const;
const SORTS = [
  { value: "ended_at", label: "Latest" },
  { value: "duration", label: "Slowest" },
] as const;
type Status = (typeof STATUSES)[number]["value"];

/** One request's charge as fal's ledger keeps it (up to 6 decimals): $0.025, not a rounded $0.03. */
function formatCharge(value: number, currency: string): string {
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 6,
  }).format(value);
}
type Sort = (typeof SORTS)[number]["value"];

function CopyId({ id }: { id: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="flex items-center gap-1.5">
      <code className="font-mono text-xs" title={id}>
        {id.slice(0, 8)}…
      </code>
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Copy request id ${id}`}
        onClick={() => {
          void navigator.clipboard?.writeText(id).then(() => setCopied(true));
        }}
      >
        {copied ? "Copied" : "Copy"}
      </Button>
    </span>
  );
}

/**
 * fal's requests for one model in the window, filtered and sorted by fal, paged with fal's cursor (the
 * cursors already seen are kept, so Previous needs no cursor fal does not give), each with its cost.
 */
export function RequestsTable({
  query,
  endpointId,
  timezone,
}: {
  query: RangeQuery;
  endpointId: string;
  timezone: string;
}) {
  const [status, setStatus] = useState<Status>("all");
  const [sort, setSort] = useState<Sort>("ended_at");
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const params: RequestsQuery = {
    endpoint_id: endpointId,
    status: status === "all" ? undefined : status,
    sort_by: sort,
    cursor: cursors.at(-1),
    limit: PAGE_SIZE,
  };
  const answer = useRequests(query, params);
  const restart = () => setCursors([undefined]);

  return (
    <PanelSection label="Requests" heading="Requests">
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <Segmented
          ariaLabel="Status"
          size="sm"
          options={STATUSES}
          value={status}
          onChange={(v) => {
            setStatus(v);
            restart();
          }}
        />
        <Segmented
          ariaLabel="Sort by"
          size="sm"
          options={SORTS}
          value={sort}
          onChange={(v) => {
            setSort(v);
            restart();
          }}
        />
      </div>
      <DataState
        answer={answer}
        label="Requests"
        height={TABLE_HEIGHT}
        empty={{
          when: (d) => d.items.length === 0 && cursors.length === 1,
          title: "No requests",
          reason: "fal lists no requests of this model for this window and filter.",
        }}
      >
        {(d) => {
          const columns: DataTableColumn<RequestRow>[] = [
            { id: "id", header: "Request", rowHeader: true, cell: (r) => <CopyId id={r.request_id} /> },
            {
              id: "sent",
              header: "Sent",
              cell: (r) => formatInstant(r.sent_at, timezone, { dateStyle: "medium", timeStyle: "medium" }),
              className: "whitespace-nowrap",
            },
            { id: "queue", header: "Queue", align: "right", cell: (r) => formatDuration(r.queue_seconds) },
            { id: "run", header: "Run", align: "right", cell: (r) => formatDuration(r.run_seconds) },
            { id: "status", header: "Status", align: "right", cell: (r) => r.status_code ?? "—" },
            {
              id: "cost",
              header: "Cost",
              align: "right",
              cell: (r) => (r.cost === null ? "—" : formatCharge(r.cost, d.currency)),
            },
          ];
          return (
            <div className="flex flex-col gap-2">
              {d.cost_unavailable ? (
                <p className="text-xs text-muted" role="note">
                  {costNote(d.cost_unavailable)}
                </p>
              ) : null}
              <DataTable
                caption={`Requests of ${endpointId}`}
                captionHidden
                columns={columns}
                rows={d.items}
                rowKey={(r) => r.request_id}
                maxHeight={TABLE_HEIGHT - 80}
              />
              <div className="flex items-center justify-end gap-2">
                <span className="text-xs text-muted">Page {cursors.length}</span>
                <Button
                  size="sm"
                  disabled={cursors.length === 1}
                  onClick={() => setCursors((c) => c.slice(0, -1))}
                >
                  Previous
                </Button>
                <Button
                  size="sm"
                  disabled={d.next_cursor === null}
                  onClick={() => setCursors((c) => (d.next_cursor ? [...c, d.next_cursor] : c))}
                >
                  Next
                </Button>
              </div>
            </div>
          );
        }}
      </DataState>
    </PanelSection>
  );
}
