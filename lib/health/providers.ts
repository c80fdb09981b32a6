import "server-only";
import { exposedSecretVariables } from "@/lib/env";
import { diagnosisCopy } from "@/lib/contracts/diagnosis";
import type { DiagnosisCode } from "@/lib/contracts/codes";
import { clearFalCache } from "@/lib/fal/cache";
import { currentCredential } from "@/lib/fal/credentials";
import { probeCurrentKey, type MatrixEndpoint } from "@/lib/fal/probe";
import { processSingleton } from "@/lib/process-singleton";
import { PromiseCache } from "@/lib/promise-cache";
import { checkReplicate } from "@/lib/replicate/check";
import type { HealthDetails, HealthReport, ProviderStatus, ReplicateCheck } from "@/lib/contracts/health";

/**
 * The full report; the route strips `details` for strangers. fal is "ok" when every endpoint answers, or
 * every one but the key inventory, which a Read-only key may not read.
 */
export type FullHealthReport = HealthReport & { details: HealthDetails };

/** `code: message` in the banner's words; a missing permission adds its name (the title) and its fix. */
function falError(
  code: DiagnosisCode,
  source?: string,
  refusal?: { permission: string; presets: string[] },
): string {
  const copy = diagnosisCopy(code, { variable: source, ...refusal });
  return refusal ? `${code}: ${copy.title}. ${copy.message} ${copy.hint}` : `${code}: ${copy.message}`;
}

/**
 * Anyone may ask for the health report (monitors have no session), and each fresh one calls fal and
 * Replicate with our credentials. So verdicts are kept for CHECK_TTL_MS (the fal probe keeps its own, per
 * key), and a re-probe on request spends one of REFRESH_BURST tokens, which come back one per
 * REFRESH_EVERY_MS: "Verify now" stays instant for people, a loop asking for it does not reach upstream.
 */
const CHECK_TTL_MS = 60_000;
const REFRESH_BURST = 30;
const REFRESH_EVERY_MS = 2_000;

const checks = processSingleton("provider-checks", () => ({
  replicate: new PromiseCache({ max: 1, ttl: CHECK_TTL_MS }),
  refresh: { tokens: REFRESH_BURST, at: Date.now() },
}));

function takeRefreshToken(): boolean {
  const bucket = checks.refresh;
  const now = Date.now();
  bucket.tokens = Math.min(REFRESH_BURST, bucket.tokens + (now - bucket.at) / REFRESH_EVERY_MS);
  bucket.at = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

function replicateCheck(refresh: boolean): Promise<ReplicateCheck> {
  if (refresh) checks.replicate.clear();
  return checks.replicate.get(["replicate"], checkReplicate);
}

/** For tests: verdicts and the refresh budget are process-wide and would carry over between cases. */
export function forgetProviderChecks(): void {
  checks.replicate.clear();
  checks.refresh = { tokens: REFRESH_BURST, at: Date.now() };
}

/** `refresh`: the caller asks for a re-probe (only people may: the route decides who is one). */
export async function providerHealth(opts: { refresh?: boolean } = {}): Promise<FullHealthReport> {
  const refresh = opts.refresh === true && takeRefreshToken();
  if (refresh) clearFalCache();
  const credential = currentCredential();
  const [probe, replicate] = await Promise.all([probeCurrentKey({ refresh }), replicateCheck(refresh)]);

  let fal: ProviderStatus = "not_configured";
  let error: string | null = null;
  if (credential && probe) {
    // The key inventory is the one optional view: a Read-only key without it is a sound setup.
    const failures = Object.entries(probe.matrix).filter(
      ([endpoint, c]) => c !== "ok" && !(endpoint === "keys" && c === "scope_insufficient"),
    ) as [MatrixEndpoint, DiagnosisCode][];
    fal = failures.length === 0 ? "ok" : "error";
    const [endpoint, worst] = failures.find(([, c]) => c !== "scope_insufficient") ?? failures[0] ?? [];
    if (endpoint && worst) {
      const code = worst === "key_rejected" && credential.formatProblem ? "key_malformed" : worst;
      const permission = code === "scope_insufficient" ? probe.refusals[endpoint] : undefined;
      error = falError(code, credential.source, permission);
    }
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
        verdict: probe?.verdict ?? null,
        permissions: probe?.permissions ?? null,
        recommended_preset: probe?.recommended_preset ?? null,
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
