"use client";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { PanelSkeleton } from "@/components/ui/skeleton";
import { QuietLine } from "@/components/ui/quiet-line";
import type { KeyInventoryResponse } from "@/lib/contracts/ai";
import { KEYS_URL, diagnosisCopy } from "@/lib/contracts/diagnosis";
import { isDiagnosisCode } from "@/lib/contracts/codes";
import type { KeyInfo } from "@/lib/contracts/key-info";
import { formatMoney, lowerFirst } from "@/lib/format";
import { useKeyInventory } from "@/lib/hooks/use-keys";
import { useProviderHealth } from "@/lib/hooks/use-provider-health";
import { useView } from "@/lib/hooks/use-view";

type KeyRow = KeyInventoryResponse["keys"][number];

const SCOPE_TEXT = {
  admin: "ADMIN — every view works",
  api: "API — analytics and prices only; spend, balance and keys need ADMIN",
  rejected: "rejected — fal refuses this key",
  unknown: "unknown — fal did not answer the probe",
} as const;

/** The key page: what the dashboard uses, what fal says it can do, the inventory and how to rotate. */
export function KeysView({ keyInfo, defaultTimezone }: { keyInfo: KeyInfo; defaultTimezone: string }) {
  const health = useProviderHealth();
  const { query } = useView(defaultTimezone);
  const inventory = useKeyInventory(query);
  const [verifying, setVerifying] = useState(false);
  const fal = health.data?.details?.fal;

  const columns: DataTableColumn<KeyRow>[] = [
    {
      id: "alias",
      header: "Alias",
      rowHeader: true,
      cell: (r) => r.alias,
      sortValue: (r) => r.alias.toLowerCase(),
    },
    { id: "key_id", header: "Key id", cell: (r) => <code className="text-xs">{r.key_id}</code> },
    { id: "scope", header: "Scope", cell: (r) => r.scope },
    {
      id: "created",
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

  return (
    <div className="flex flex-col gap-6">
      <Card aria-labelledby="current-key">
        <CardHeader
          title="Key in use"
          titleId="current-key"
          description="The dashboard's server holds the key; browsers only ever see this masked form."
          actions={
            <Button
              size="sm"
              onClick={async () => {
                setVerifying(true);
                await health.verifyNow().finally(() => setVerifying(false));
              }}
              disabled={verifying}
            >
              {verifying ? "Verifying …" : "Verify now"}
            </Button>
          }
        />
        <CardBody>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="text-muted">Variable</dt>
            <dd>{keyInfo.source ?? "none set (FAL_ADMIN_KEY, FAL_ADMIN_KEY_FILE or FAL_KEY)"}</dd>
            <dt className="text-muted">Key</dt>
            <dd>
              <code>{fal?.masked ?? keyInfo.masked ?? "—"}</code>
            </dd>
            <dt className="text-muted">Format</dt>
            <dd>{keyInfo.formatProblem ?? (keyInfo.masked ? "key_id:key_secret ✓" : "—")}</dd>
            <dt className="text-muted">Scope</dt>
            <dd data-testid="key-scope">
              {fal?.scope ? SCOPE_TEXT[fal.scope] : health.isLoading ? "checking …" : "—"}
            </dd>
            <dt className="text-muted">Endpoints</dt>
            <dd className="flex flex-wrap gap-2">
              {fal?.matrix
                ? Object.entries(fal.matrix).map(([endpoint, code]) => (
                    <Badge
                      key={endpoint}
                      tone={code === "ok" ? "accent" : "warning"}
                      title={isDiagnosisCode(code) ? diagnosisCopy(code).title : "ok"}
                    >
                      {endpoint}: {code}
                    </Badge>
                  ))
                : "—"}
            </dd>
            {fal?.checked_at ? (
              <>
                <dt className="text-muted">Checked</dt>
                <dd>
                  {new Date(fal.checked_at).toLocaleString("en-US", {
                    dateStyle: "medium",
                    timeStyle: "medium",
                  })}
                </dd>
              </>
            ) : null}
          </dl>
          {health.data?.fal_error ? (
            <p className="mt-3 text-sm text-warning-fg">{health.data.fal_error}</p>
          ) : null}
        </CardBody>
      </Card>

      <Card aria-labelledby="inventory">
        <CardHeader
          title="API keys on this fal account"
          titleId="inventory"
          description={
            inventory.data
              ? `From fal's GET /keys, with spend per key from ${inventory.data.range.start.slice(0, 10)} to ${inventory.data.range.end.slice(0, 10)} (end exclusive).`
              : "From fal's GET /keys, with spend per key."
          }
        />
        <CardBody>
          {inventory.error && !inventory.data ? (
            <QuietLine
              label="Key inventory unavailable"
              reason={
                isDiagnosisCode(inventory.error.code)
                  ? lowerFirst(diagnosisCopy(inventory.error.code).title)
                  : inventory.error.message
              }
            />
          ) : !inventory.data ? (
            <PanelSkeleton height={220} label="Loading keys …" />
          ) : (
            <div className="flex flex-col gap-3">
              <DataTable
                caption="API keys"
                captionHidden
                columns={columns}
                rows={inventory.data.keys}
                rowKey={(r) => r.key_id}
                initialSort={{ columnId: "spend", direction: "desc" }}
              />
              {inventory.data.other_spend.length > 0 ? (
                <p className="text-xs text-muted">
                  Also billed to credentials not listed here (ADMIN keys, user logins, deleted keys):{" "}
                  {inventory.data.other_spend.map((o) => `${o.label} ${formatMoney(o.spend)}`).join(" · ")}
                </p>
              ) : null}
            </div>
          )}
        </CardBody>
      </Card>

      <Card aria-labelledby="rotation">
        <CardHeader
          title="Rotating the key"
          titleId="rotation"
          description="Never delete the old key first: the dashboard would go dark in between."
        />
        <CardBody>
          <ol className="list-decimal space-y-1 pl-5 text-sm">
            <li>
              Create a new key with ADMIN scope at{" "}
              <a className="underline underline-offset-2" href={KEYS_URL} target="_blank" rel="noreferrer">
                fal.ai/dashboard/keys
              </a>
              .
            </li>
            <li>
              Put it in place: write it to the FAL_ADMIN_KEY_FILE file (picked up on the next request, no
              restart) or set FAL_ADMIN_KEY and restart.
            </li>
            <li>Press “Verify now” above and check that every endpoint says ok.</li>
            <li>Only then delete the old key in fal&apos;s dashboard.</li>
          </ol>
        </CardBody>
      </Card>
    </div>
  );
}
