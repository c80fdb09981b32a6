import "server-only";
import type { z } from "zod";
import type { DiagnosisCode } from "@/lib/contracts/codes";
import type { PermissionState } from "@/lib/contracts/health";
import type { Preset } from "@/lib/contracts/permissions";
import { currentCredential, type FalCredential } from "@/lib/fal/credentials";
import { FalError, type DrillEndpoint, type FalEndpoint } from "@/lib/fal/errors";
import { falGet, type Params } from "@/lib/fal/http";
import { DASHBOARD_PERMISSIONS, ENDPOINT_NEEDS, smallestPresetFor } from "@/lib/fal/permissions";
import {
  analyticsPageSchema,
  billingSchema,
  keysPageSchema,
  pricingPageSchema,
  usagePageSchema,
} from "@/lib/fal/schemas";
import { toUtcIso } from "@/lib/time/zone";
import { processSingleton } from "@/lib/process-singleton";
import { PromiseCache } from "@/lib/promise-cache";

/**
 * What a key can do, found by asking fal: one cheap call per endpoint the dashboard uses, read as
 * permissions (docs/fal-api-notes.md, "Keys and permissions"). The answer is cached per key fingerprint,
 * so a rotated key is probed afresh and never inherits the old verdict.
 *
 * Verdicts: `full` every view works (a Billing or Full preset, or a legacy ADMIN key: fal's answers do
 * not tell them apart); `partial` some permission is missing and another works (a Read-only key lacks
 * only the key inventory); `none` no spend permission at all (the API preset, or a custom policy
 * without them); `api` the same, when fal's refusal speaks of the legacy Admin scope; `rejected` fal
 * refuses the key itself; `unknown` fal did not answer well enough to tell.
 */
export type Verdict = "full" | "partial" | "none" | "api" | "rejected" | "unknown";
export type MatrixEndpoint = Exclude<FalEndpoint, "models" | DrillEndpoint>;
export type ProbeResult = {
  verdict: Verdict;
  matrix: Record<MatrixEndpoint, "ok" | DiagnosisCode>;
  /** The dashboard's permissions, plus any other one fal named in a refusal. */
  permissions: Record<string, PermissionState>;
  /** Per refused endpoint: the permission it lacks and the presets carrying it, for the copy. */
  refusals: Partial<Record<MatrixEndpoint, { permission: string; presets: Preset[] }>>;
  /** The smallest preset with which every view would work; null when every view already does. */
  recommended_preset: Preset | null;
  checked_at: string;
  /** The first failure's fal request id, for support tickets. */
  request_id: string | null;
};

const PROBE_ENDPOINT = "fal-ai/flux/dev";
/**
 * The cheapest call each endpoint answers. Usage is asked for one hour, one row and no `summary`: a
 * summary has been seen refused with a 401 for a key that reads usage fine.
 */
const probes: Record<MatrixEndpoint, { params: () => Params; schema: z.ZodType }> = {
  pricing: { params: () => ({ endpoint_id: PROBE_ENDPOINT }), schema: pricingPageSchema },
  analytics: {
    params: () => ({ ...lastHour(), endpoint_id: PROBE_ENDPOINT, expand: ["summary", "request_count"] }),
    schema: analyticsPageSchema,
  },
  usage: { params: () => ({ ...lastHour(), limit: 1 }), schema: usagePageSchema },
  billing: { params: () => ({}), schema: billingSchema },
  keys: { params: () => ({ limit: 1 }), schema: keysPageSchema },
};

function lastHour(): Params {
  const end = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  return { start: toUtcIso(end - 3_600_000), end: toUtcIso(end), timeframe: "hour" };
}

type Outcome = { endpoint: MatrixEndpoint; code: "ok" | DiagnosisCode; error?: FalError };

const KEY_REFUSED = new Set<string>(["key_rejected", "key_malformed"]);
/** Endpoints any key reads: a 401 there is about the key, not about one call (or one `expand`). */
const ANY_KEY: MatrixEndpoint[] = ["pricing", "analytics"];

/** Reads the per-endpoint outcomes as permissions and a verdict; pure, so each case is testable. */
export function readProbe(outcomes: Outcome[]): Omit<ProbeResult, "checked_at" | "request_id"> {
  const matrix = Object.fromEntries(outcomes.map((o) => [o.endpoint, o.code])) as ProbeResult["matrix"];
  const permissions: Record<string, PermissionState> = {};
  for (const permission of DASHBOARD_PERMISSIONS) {
    const users = outcomes.filter((o) => ENDPOINT_NEEDS[o.endpoint].permission === permission);
    permissions[permission] = users.some((o) => o.code === "ok")
      ? "ok"
      : users.some((o) => o.error?.requiredPermission === permission)
        ? "missing"
        : "unknown";
  }
  // A permission fal named that the dashboard did not expect: it is missing all the same.
  for (const o of outcomes) {
    const named = o.error?.requiredPermission;
    if (named && !(named in permissions)) permissions[named] = "missing";
  }

  const missing = Object.keys(permissions).filter((p) => permissions[p] === "missing");
  const everyOk = outcomes.every((o) => o.code === "ok");
  const rejected =
    outcomes.every((o) => KEY_REFUSED.has(o.code)) ||
    outcomes.some((o) => ANY_KEY.includes(o.endpoint) && KEY_REFUSED.has(o.code));
  const spendPermissions = DASHBOARD_PERMISSIONS.filter((p) => permissions[p] !== "unknown");

  let verdict: Verdict;
  if (rejected) verdict = "rejected";
  else if (everyOk) verdict = "full";
  else if (missing.length === 0) verdict = "unknown";
  else if (DASHBOARD_PERMISSIONS.some((p) => permissions[p] === "ok")) verdict = "partial";
  else if (spendPermissions.length === DASHBOARD_PERMISSIONS.length)
    verdict = outcomes.some((o) => o.error?.legacyScope) ? "api" : "none";
  else verdict = "partial";

  const refusals: ProbeResult["refusals"] = {};
  for (const o of outcomes)
    if (o.error?.requiredPermission && o.error.presets)
      refusals[o.endpoint] = { permission: o.error.requiredPermission, presets: o.error.presets };

  return {
    verdict,
    matrix,
    permissions,
    refusals,
    recommended_preset:
      verdict === "full" ? null : smallestPresetFor([...new Set([...DASHBOARD_PERMISSIONS, ...missing])]),
  };
}

/** A failed probe run (not a failed key: that is a verdict) is not remembered. */
const verdicts = processSingleton("fal-probe", () => new PromiseCache({ max: 50, ttl: 60_000 }));

async function runProbe(credential: FalCredential): Promise<ProbeResult> {
  const outcomes = await Promise.all(
    (Object.keys(probes) as MatrixEndpoint[]).map(async (endpoint): Promise<Outcome> => {
      const p = probes[endpoint];
      try {
        await falGet(endpoint, ENDPOINT_NEEDS[endpoint].path, p.params(), p.schema, { credential });
        return { endpoint, code: "ok" };
      } catch (error) {
        if (error instanceof FalError) return { endpoint, code: error.diagnosis, error };
        throw error;
      }
    }),
  );
  return {
    ...readProbe(outcomes),
    checked_at: new Date().toISOString(),
    request_id: outcomes.find((o) => o.error?.requestId)?.error?.requestId ?? null,
  };
}

/** Probes the current key (or returns the recent verdict for it); undefined when no key is set. */
export async function probeCurrentKey(opts: { refresh?: boolean } = {}): Promise<ProbeResult | undefined> {
  const credential = currentCredential();
  if (!credential) return undefined;
  if (opts.refresh) verdicts.delete([credential.fingerprint]);
  return verdicts.get([credential.fingerprint], () => runProbe(credential));
}
