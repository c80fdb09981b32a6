import { validationError } from "./errors";
import { ENDPOINTS, ENDPOINT_BY_ID, type SimEndpoint } from "./world";

/**
 * GET /v1/models/insights (beta; not in fal's OpenAPI document, so its tests validate against the shape in
 * openapi.ts): fal-wide evidence per public model. Latency is weekly, successful executions only, without
 * queue and start-up, in milliseconds. Here the fal-wide distribution is the model's latency profile (the
 * account's own traffic scatters around it hour by hour). Private models (owner `acme`) and unknown ids
 * have no evidence; the long tail has too few samples.
 */

const DAY_MS = 86_400_000;
const Z90 = 1.2815515655446004;
const PRIVATE_OWNER = "acme/";
const ENDPOINT_ID = /^[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

type Latency = {
  p50_ms: number | null;
  p90_ms: number | null;
  sufficient_evidence: boolean;
  latest_request_at: string | null;
};
type Evidence = {
  endpoint_id: string;
  title: string;
  category: string;
  usage_tier: "high" | "medium" | "low" | null;
  latency: Latency;
  trending: null;
  published_at: string | null;
  is_new: boolean | null;
};

export type InsightsResponse = {
  evidence: {
    version: 3;
    compiled_at: string | null;
    window_start: string | null;
    window_end: string | null;
    evaluated_at: string;
    latency_definition: string;
    instructions: string;
    models: { endpoint_id: string; evidence: Evidence | null }[];
  };
  models: {
    endpoint_id: string;
    display_name: string;
    category: string;
    relevance: number | null;
    insights: { kind: string; body: string; source: string; rank: number | null; task: null }[];
  }[];
  unavailable_endpoint_ids: string[];
  stats_available: boolean;
  note: string;
};

/** The evidence window: the 7 whole UTC days before today (end exclusive). */
function insightsWindow(nowMs: number): { startMs: number; endMs: number } {
  const endMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
  return { startMs: endMs - 7 * DAY_MS, endMs };
}

const isPublic = (e: SimEndpoint) => !e.endpoint_id.startsWith(PRIVATE_OWNER);
const isTail = (e: SimEndpoint) => e.profile.peakRate < 1;

/** fal-wide weekly p50/p90 of a public model, from its log-normal profile (whole milliseconds). */
export function falLatency(e: SimEndpoint): { p50_ms: number; p90_ms: number } {
  const { medianDuration, durationSigma } = e.profile;
  return {
    p50_ms: Math.round(medianDuration * 1000),
    p90_ms: Math.round(medianDuration * Math.exp(Z90 * durationSigma) * 1000),
  };
}

function evidenceOf(e: SimEndpoint, windowEndMs: number): Evidence {
  const sufficient = !isTail(e);
  return {
    endpoint_id: e.endpoint_id,
    title: e.model.display_name,
    category: e.model.category,
    usage_tier: sufficient ? (e.model.photo_weight > 0.1 ? "high" : "medium") : "low",
    latency: sufficient
      ? {
          ...falLatency(e),
          sufficient_evidence: true,
          latest_request_at: new Date(windowEndMs - 60_000).toISOString(),
        }
      : { p50_ms: null, p90_ms: null, sufficient_evidence: false, latest_request_at: null },
    trending: null,
    published_at: null,
    is_new: false,
  };
}

export function handleInsights(query: URLSearchParams, ctx: { nowMs: number }): InsightsResponse {
  const ids = [
    ...new Set(
      query
        .getAll("endpoint_id")
        .flatMap((v) => v.split(","))
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
  const q = query.get("q");
  if (ids.length === 0 && q === null) throw validationError("endpoint_id", "give endpoint_id (1-20) or q");
  if (ids.length > 0 && q !== null) throw validationError("q", "give either endpoint_id or q, not both");
  if (ids.length > 20) throw validationError("endpoint_id", `expected 1-20 values, got ${ids.length}`);
  const bad = ids.find((id) => !ENDPOINT_ID.test(id));
  if (bad !== undefined) throw validationError("endpoint_id", `'${bad}' is not an owner/name endpoint id`);
  if (q !== null && (q.length < 1 || q.length > 1000))
    throw validationError("q", "expected 1-1000 characters");
  const rawLimit = query.get("limit") ?? "5";
  if (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > 20)
    throw validationError("limit", "expected an integer from 1 to 20");

  const window = insightsWindow(ctx.nowMs);
  const asked: string[] =
    q !== null
      ? ENDPOINTS.filter((e) => isPublic(e) && !isTail(e))
          .filter((e) =>
            `${e.model.display_name} ${e.model.category}`.toLowerCase().includes(q.toLowerCase()),
          )
          .slice(0, Number(rawLimit))
          .map((e) => e.endpoint_id)
      : ids;
  const found = asked.flatMap((id) => {
    const e = ENDPOINT_BY_ID.get(id);
    return e && isPublic(e) ? [e] : [];
  });
  return {
    evidence: {
      version: 3,
      compiled_at: new Date(window.endMs).toISOString(),
      window_start: new Date(window.startMs).toISOString(),
      window_end: new Date(window.endMs).toISOString(),
      evaluated_at: new Date(ctx.nowMs).toISOString(),
      latency_definition:
        "Weekly p50/p90 run time of successful executions, excluding queue and start-up time, in milliseconds.",
      instructions:
        "Latency is only meaningful when sufficient_evidence is true (>= 30 samples, >= 10 callers).",
      models: asked.map((id) => {
        const e = found.find((f) => f.endpoint_id === id);
        return { endpoint_id: id, evidence: e ? evidenceOf(e, window.endMs) : null };
      }),
    },
    models: found.map((e) => ({
      endpoint_id: e.endpoint_id,
      display_name: e.model.display_name,
      category: e.model.category,
      relevance: q !== null ? 1 : null,
      insights: [],
    })),
    unavailable_endpoint_ids: asked.filter((id) => !found.some((f) => f.endpoint_id === id)),
    stats_available: true,
    note: "Beta: fal-wide evidence for public models; private models have none.",
  };
}
