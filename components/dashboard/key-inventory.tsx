"use client";
import { DataState } from "@/components/dashboard/data-state";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import type { KeyInventoryResponse } from "@/lib/contracts/ai";
import { presetList } from "@/lib/contracts/permissions";
import { formatMoney } from "@/lib/format";
import { useKeyInventory } from "@/lib/hooks/use-keys";
import { useView } from "@/lib/hooks/use-view";

type KeyRow = KeyInventoryResponse["keys"][number];

/** Table and the two-line note under it (gap-3 + 2 × 16 px): what the placeholders measure. */
const INVENTORY_HEIGHT = 300;
const TABLE_MAX_HEIGHT = INVENTORY_HEIGHT - 12 - 32;

const columns: DataTableColumn<KeyRow>[] = [
  {
    id: "alias",
    header: "Alias",
    rowHeader: true,
    cell: (r) => r.alias,
    sortValue: (r) => r.alias.toLowerCase(),
  },
  {
    id: "key_id",
    header: "Key id",
    secondary: true,
    cell: (r) => <code className="text-xs">{r.key_id}</code>,
  },
  { id: "scope", header: "Scope", secondary: true, cell: (r) => r.scope },
  {
    id: "created",
    secondary: true,
    header: "Created",
    cell: (r) => r.created_at.slice(0, 10),
    sortValue: (r) => r.created_at,
  },
  {
    id: "age",
    header: "Age",
    align: "right",
    cell: (r) => (
      <span className="inline-flex items-center gap-2">
        {r.age_days} d
        {r.rotate ? (
          <Badge tone="warning" title="Older than 90 days">
            rotate
          </Badge>
        ) : null}
      </span>
    ),
    sortValue: (r) => r.age_days,
  },
  {
    id: "spend",
    header: "Spend in range",
    align: "right",
    cell: (r) => formatMoney(r.spend),
    sortValue: (r) => r.spend,
  },
];

/** fal's list of API keys on the account, with each key's spend in the dashboard's current range. */
export function KeyInventory({ defaultTimezone }: { defaultTimezone: string }) {
  const { query } = useView(defaultTimezone);
  const inventory = useKeyInventory(query);
  const range = inventory.data?.range;
  // A key without the inventory permission (a Read-only key) is a sound setup: one note, not a warning.
  const error = inventory.data ? undefined : inventory.error;
  const refused =
    error?.code === "scope_insufficient" && error.requiredPermission
      ? { permission: error.requiredPermission, presets: error.presets ?? [] }
      : null;

  return (
    <Card aria-labelledby="inventory">
      <CardHeader
        title="API keys on this fal account"
        titleId="inventory"
        description={
          <>
            {range
              ? `From fal's GET /keys, with spend per key from ${range.start.slice(0, 10)} to ${range.end.slice(0, 10)} (end exclusive).`
              : "From fal's GET /keys, with spend per key."}{" "}
            <span data-testid="inventory-scope-note">
              fal lists only API-preset and legacy API keys, so the key this dashboard uses (Read-only,
              Billing, Full or legacy ADMIN) is never among them
              {refused ? "." : "; its spend, if any, is under the table."}
            </span>
          </>
        }
      />
      <CardBody>
        {refused ? (
          <p className="text-xs text-muted" data-testid="inventory-permission-note">
            The key inventory needs <code>{refused.permission}</code>
            {refused.presets.length ? `: ${presetList(refused.presets)} preset` : ""}, or a legacy ADMIN key.
            Spend, balance and analytics do not depend on it.
          </p>
        ) : (
          <DataState answer={inventory} label="Key inventory" height={INVENTORY_HEIGHT}>
            {(inv) => (
              <div className="flex flex-col gap-3">
                <DataTable
                  caption="API keys"
                  captionHidden
                  columns={columns}
                  rows={inv.keys}
                  rowKey={(r) => r.key_id}
                  initialSort={{ columnId: "spend", direction: "desc" }}
                  maxHeight={TABLE_MAX_HEIGHT}
                />
                {inv.other_spend.length > 0 ? (
                  <p className="line-clamp-2 text-xs text-muted">
                    Also billed to credentials not listed here (keys on other presets, legacy ADMIN keys, user
                    logins, deleted keys):{" "}
                    {inv.other_spend.map((o) => `${o.label} ${formatMoney(o.spend)}`).join(" · ")}
                  </p>
                ) : null}
              </div>
            )}
          </DataState>
        )}
      </CardBody>
    </Card>
  );
}
