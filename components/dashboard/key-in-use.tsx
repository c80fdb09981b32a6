"use client";
import { useEffect, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { diagnosisCopy } from "@/lib/contracts/diagnosis";
import { isDiagnosisCode } from "@/lib/contracts/codes";
import type { HealthReport } from "@/lib/contracts/health";
import { PRESET_LABELS, permissionViews } from "@/lib/contracts/permissions";
import type { KeyInfo } from "@/lib/contracts/key-info";
import { useProviderHealth } from "@/lib/hooks/use-provider-health";
import { formatInstant, lowerFirst } from "@/lib/format";
import { useView } from "@/lib/hooks/use-view";

type Fal = NonNullable<NonNullable<HealthReport["details"]>["fal"]>;

/** The probe's verdict in words: what works, what is missing, and the smallest preset that fixes it. */
function verdictText(fal: Fal): string {
  const missing = Object.entries(fal.permissions ?? {})
    .filter(([, state]) => state === "missing")
    .map(([permission]) => permission);
  const fix = fal.recommended_preset
    ? ` The ${PRESET_LABELS[fal.recommended_preset]} preset makes every view work.`
    : "";
  switch (fal.verdict) {
    case "full":
      return "Every view works (a Billing or Full preset, or a legacy ADMIN key).";
    case "partial":
      return `Partial: ${missing.map((p) => `${permissionViews(p)} needs ${p}`).join("; ")}.${fix}`;
    case "none":
      return `Analytics and prices only: the key lacks ${missing.join(" and ")}.${fix}`;
    case "api":
      return `Legacy API scope: analytics and prices only.${fix}`;
    case "rejected":
      return "Rejected: fal refuses this key.";
    case "unknown":
      return "Unknown: fal did not answer the check well enough to tell.";
    case null:
      return "—";
  }
}

const ENDPOINT_LABELS: Record<string, string> = {
  usage: "Usage",
  billing: "Balance",
  keys: "Key list",
  analytics: "Analytics",
  pricing: "Prices",
};

/** fal's problem in words (the health report's `code: ` prefix is for machines), or after a check, the verdict. */
function resultLine(falError: string | null, checked: string | null): string {
  const problem = falError?.replace(/^[a-z_]+: /, "");
  if (checked) return `Checked just now: ${problem ?? checked}`;
  return problem ?? "";
}

const PERMISSION_TEXT = { ok: "granted", missing: "missing", unknown: "not known" } as const;

/** What the dashboard uses, and what fal says it can do; "Verify now" probes again. */
export function KeyInUse({ keyInfo, defaultTimezone }: { keyInfo: KeyInfo; defaultTimezone: string }) {
  const health = useProviderHealth();
  const { timezone } = useView(defaultTimezone);
  const [verifying, setVerifying] = useState(false);
  const [checks, setChecks] = useState(0);
  const resultRef = useRef<HTMLParagraphElement>(null);
  // After each check, focus moves to the line that tells its result (once that line is on screen).
  useEffect(() => {
    if (checks > 0) resultRef.current?.focus();
  }, [checks]);
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
              setChecks((n) => n + 1);
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
          <dt className="text-muted">Access</dt>
          <dd data-testid="key-verdict">
            {fal ? verdictText(fal) : health.error ? `unavailable — ${health.error.message}` : "checking …"}
          </dd>
          <dt className="text-muted">Permissions</dt>
          <dd className="flex flex-wrap gap-2" data-testid="key-permissions">
            {fal?.permissions
              ? Object.entries(fal.permissions).map(([permission, state]) => (
                  <Badge key={permission} tone={state === "ok" ? "accent" : "warning"}>
                    {permission}: {PERMISSION_TEXT[state]}
                  </Badge>
                ))
              : "—"}
          </dd>
          <dt className="text-muted">Endpoints</dt>
          <dd className="flex flex-wrap gap-2">
            {fal?.matrix
              ? Object.entries(fal.matrix).map(([endpoint, code]) => (
                  <Badge key={endpoint} tone={code === "ok" ? "accent" : "warning"}>
                    {ENDPOINT_LABELS[endpoint] ?? endpoint}:{" "}
                    {code === "ok"
                      ? "ok"
                      : code === "scope_insufficient"
                        ? "refused (see Permissions)"
                        : isDiagnosisCode(code)
                          ? lowerFirst(diagnosisCopy(code).title)
                          : code}
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
        {/* The result line "Verify now" moves focus to; fal_error without its machine code prefix. */}
        <p
          ref={resultRef}
          tabIndex={-1}
          className="mt-3 text-sm text-warning-fg empty:hidden"
          data-testid="verify-result"
        >
          {resultLine(health.data?.fal_error ?? null, checks > 0 && fal ? verdictText(fal) : null)}
        </p>
      </CardBody>
    </Card>
  );
}
