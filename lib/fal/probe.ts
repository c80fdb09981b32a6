import "server-only";
import type { z } from "zod";
import type { DiagnosisCode } from "@/lib/contracts/codes";
import { currentCredential, type FalCredential } from "@/lib/fal/credentials";
import { FalError, type DrillEndpoint, type FalEndpoint } from "@/lib/fal/errors";
import { falGet, type Params } from "@/lib/fal/http";
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
 * What a key can do, found by asking fal: one cheap call per endpoint the dashboard uses. The answer is
 * cached per key fingerprint, so a rotated key is probed afresh and never inherits the old verdict.
 */
export type Scope = "admin" | "api" | "rejected" | "unknown";
export type MatrixEndpoint = Exclude<FalEndpoint, "models" | DrillEndpoint>;
export type ProbeResult = {
  scope: Scope;
  matrix: Record<MatrixEndpoint, "ok" | DiagnosisCode>;
  checked_at: string;
  /** The first failure's fal request id, for support tickets. */
  request_id: string | null;
};

const PROBE_ENDPOINT = "fal-ai/flux/dev";
const probes: Record<MatrixEndpoint, { path: string; params: () => Params; schema: z.ZodType }> = {
  pricing: {
    path: "/models/pricing",
    params: () => ({ endpoint_id: PROBE_ENDPOINT }),
    schema: pricingPageSchema,
  },
  analytics: {
    path: "/models/analytics",
    params: () => ({ ...lastHour(), endpoint_id: PROBE_ENDPOINT, expand: ["summary", "request_count"] }),
    schema: analyticsPageSchema,
  },
  usage: {
    path: "/models/usage",
    params: () => ({ ...lastHour(), expand: "summary", limit: 1 }),
    schema: usagePageSchema,
  },
  billing: { path: "/account/billing", params: () => ({}), schema: billingSchema },
  keys: { path: "/keys", params: () => ({ limit: 1 }), schema: keysPageSchema },
};

function lastHour(): Params {
  const end = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  return { start: toUtcIso(end - 3_600_000), end: toUtcIso(end), timeframe: "hour" };
}

const ADMIN_ONLY: MatrixEndpoint[] = ["usage", "billing", "keys"];
const API_SCOPE: MatrixEndpoint[] = ["pricing", "analytics"];

export function scopeFromMatrix(matrix: ProbeResult["matrix"]): Scope {
  const codes = Object.values(matrix);
  if (codes.some((c) => c === "key_rejected" || c === "key_malformed")) return "rejected";
  const adminOk = ADMIN_ONLY.some((e) => matrix[e] === "ok");
  if (adminOk) return "admin";
  const apiOk = API_SCOPE.some((e) => matrix[e] === "ok");
  if (apiOk && ADMIN_ONLY.every((e) => matrix[e] === "scope_insufficient")) return "api";
  return "unknown";
}

/** A failed probe run (not a failed key: that is a verdict) is not remembered. */
const verdicts = processSingleton("fal-probe", () => new PromiseCache({ max: 50, ttl: 60_000 }));

async function runProbe(credential: FalCredential): Promise<ProbeResult> {
  const entries = await Promise.all(
    (Object.keys(probes) as MatrixEndpoint[]).map(async (endpoint) => {
      const p = probes[endpoint];
      try {
        await falGet(endpoint, p.path, p.params(), p.schema, { credential });
        return [endpoint, "ok", null] as const;
      } catch (error) {
        if (error instanceof FalError) return [endpoint, error.diagnosis, error.requestId ?? null] as const;
        throw error;
      }
    }),
  );
  const matrix = Object.fromEntries(entries.map(([e, code]) => [e, code])) as ProbeResult["matrix"];
  return {
    scope: scopeFromMatrix(matrix),
    matrix,
    checked_at: new Date().toISOString(),
    request_id: entries.find(([, , id]) => id)?.[2] ?? null,
  };
}

/** Probes the current key (or returns the recent verdict for it); undefined when no key is set. */
export async function probeCurrentKey(opts: { refresh?: boolean } = {}): Promise<ProbeResult | undefined> {
  const credential = currentCredential();
  if (!credential) return undefined;
  if (opts.refresh) verdicts.delete([credential.fingerprint]);
  return verdicts.get([credential.fingerprint], () => runProbe(credential));
}
