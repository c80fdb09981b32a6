import "server-only";
import { exposedSecretVariables } from "@/lib/env";
import { diagnosisCopy } from "@/lib/contracts/diagnosis";
import type { DiagnosisCode } from "@/lib/contracts/codes";
import { clearFalCache } from "@/lib/fal/cache";
import { currentCredential } from "@/lib/fal/credentials";
import { probeCurrentKey } from "@/lib/fal/probe";
import { checkReplicate } from "@/lib/replicate/check";
import type { HealthDetails, HealthReport, ProviderStatus } from "@/lib/contracts/health";

/** The full report; the route strips `details` for strangers. fal is "ok" only when every endpoint answers. */
export type FullHealthReport = HealthReport & { details: HealthDetails };

function falError(code: DiagnosisCode, source?: string): string {
  return `${code}: ${diagnosisCopy(code, { variable: source }).message}`;
}

export async function providerHealth(opts: { refresh?: boolean } = {}): Promise<FullHealthReport> {
  if (opts.refresh) clearFalCache();
  const credential = currentCredential();
  const [probe, replicate] = await Promise.all([probeCurrentKey(opts), checkReplicate()]);

  let fal: ProviderStatus = "not_configured";
  let error: string | null = null;
  if (credential && probe) {
    const failures = Object.values(probe.matrix).filter((c): c is DiagnosisCode => c !== "ok");
    fal = failures.length === 0 ? "ok" : "error";
    const worst = failures.find((c) => c !== "scope_insufficient") ?? failures[0];
    if (worst)
      error = falError(
        worst === "key_rejected" && credential.formatProblem ? "key_malformed" : worst,
        credential.source,
      );
  } else {
    error = falError("key_missing");
  }

  return {
    fal,
    replicate: replicate.status,
    fal_error: error,
    replicate_error: replicate.status === "error" ? replicate.error : null,
    details: {
      fal: {
        source: credential?.source ?? null,
        masked: credential?.masked ?? null,
        format_problem: credential?.formatProblem ?? null,
        scope: probe?.scope ?? null,
        matrix: probe?.matrix ?? null,
        request_id: probe?.request_id ?? null,
        checked_at: probe?.checked_at ?? new Date().toISOString(),
      },
      replicate,
      exposed_variables: exposedSecretVariables(),
    },
  };
}

/** 200 when every configured provider is ok, 503 otherwise, so an uptime monitor can alert on it. */
export function healthStatus(report: HealthReport): number {
  const configured = [report.fal, report.replicate].filter((s) => s !== "not_configured");
  return report.fal !== "not_configured" && configured.every((s) => s === "ok") ? 200 : 503;
}
