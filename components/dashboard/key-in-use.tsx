"use client";
import { useState } from "react";
import type { Answer } from "@/components/dashboard/data-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { diagnosisCopy } from "@/lib/contracts/diagnosis";
import { isDiagnosisCode } from "@/lib/contracts/codes";
import type { KeyInfo } from "@/lib/contracts/key-info";
import { useProviderHealth } from "@/lib/hooks/use-provider-health";
import { formatInstant } from "@/lib/format";
import { useView } from "@/lib/hooks/use-view";

const SCOPE_TEXT = {
  admin: "ADMIN — every view works",
  api: "API — analytics and prices only; spend, balance and keys need ADMIN",
  rejected: "rejected — fal refuses this key",
  unknown: "unknown — fal did not answer the probe",
} as const;

type Scope = keyof typeof SCOPE_TEXT;

/** The probe's verdict on the key's scope, or why there is none yet. */
function scopeText({ data, error }: Answer<{ scope: Scope | null }>): string {
  if (data) return data.scope ? SCOPE_TEXT[data.scope] : "—";
  return error ? `unavailable — ${error.message}` : "checking …";
}

/** What the dashboard uses, and what fal says it can do; "Verify now" probes again. */
export function KeyInUse({ keyInfo, defaultTimezone }: { keyInfo: KeyInfo; defaultTimezone: string }) {
  const health = useProviderHealth();
  const { timezone } = useView(defaultTimezone);
  const [verifying, setVerifying] = useState(false);
  const fal = health.data?.details?.fal;

  return (
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
          <dd data-testid="key-scope">{scopeText({ data: fal, error: health.error })}</dd>
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
              <dd>{formatInstant(fal.checked_at, timezone, { dateStyle: "medium", timeStyle: "medium" })}</dd>
            </>
          ) : null}
        </dl>
        {health.data?.fal_error ? (
          <p className="mt-3 text-sm text-warning-fg">{health.data.fal_error}</p>
        ) : null}
      </CardBody>
    </Card>
  );
}
