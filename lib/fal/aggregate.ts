import "server-only";
import type { PerformanceModel, PerformanceResponse, UsageReport } from "@/lib/contracts/ai";
import type { AnalyticsResult, UsageBucket } from "@/lib/fal/client";
import type { FalAnalyticsItem, FalUsageItem } from "@/lib/fal/schemas";

/**
 * Pure reshaping of fal's answers. Money and quantities are summed as integer nano-units (BigInt) and
 * converted once at the end, so thousands of rows like 0.1 + 0.2 never drift at the cent.
 */

const NANO = 1_000_000_000;

export function toNano(value: number): bigint {
  return BigInt(Math.round(value * NANO));
}

export function fromNano(value: bigint): number {
  const whole = value / BigInt(NANO);
  const frac = value % BigInt(NANO);
  return Number(whole) + Number(frac) / NANO;
}

/** `cost_total`, falling back to the deprecated `cost` that rows from before 2026-07-21 carry alone. */
export function rowCost(row: FalUsageItem): number {
  return row.cost_total ?? row.cost ?? 0;
}

export type ModelUsage = {
  endpoint_id: string;
  unit: string;
  quantity: number;
  cost: number;
  unit_price: number | null;
};
export type KeyUsage = { api_key_id: string | null; detail: string; cost: number; quantity: number };
type UsageSeriesPoint = UsageReport["series"][number];

export type UsageTotals = {
  total_cost: number;
  currency: string;
  /** One row per (endpoint_id, unit), every usage row and page summed, by cost descending. */
  models: ModelUsage[];
  /** Chronological; buckets are fal's strings, never re-cut here. */
  series: UsageSeriesPoint[];
  by_key: KeyUsage[];
};

export function aggregateUsage(buckets: UsageBucket[]): UsageTotals {
  const models = new Map<string, { endpoint_id: string; unit: string; quantity: bigint; cost: bigint }>();
  const keys = new Map<
    string,
    { api_key_id: string | null; detail: string; quantity: bigint; cost: bigint }
  >();
  const series = new Map<string, { cost: bigint; byModel: Map<string, bigint> }>();
  const currencies = new Set<string>();
  let total = BigInt(0);

  for (const { bucket, results } of buckets) {
    let point = series.get(bucket);
    if (!point) {
      point = { cost: BigInt(0), byModel: new Map() };
      series.set(bucket, point);
    }
    for (const row of results) {
      const cost = toNano(rowCost(row));
      const quantity = toNano(row.quantity);
      total += cost;
      if (row.currency) currencies.add(row.currency);

      const mk = `${row.endpoint_id}\u0000${row.unit}`;
      const m = models.get(mk) ?? {
        endpoint_id: row.endpoint_id,
        unit: row.unit,
        quantity: BigInt(0),
        cost: BigInt(0),
      };
      m.quantity += quantity;
      m.cost += cost;
      models.set(mk, m);

      point.cost += cost;
      point.byModel.set(row.endpoint_id, (point.byModel.get(row.endpoint_id) ?? BigInt(0)) + cost);

      const auth = row.auth_method_structured;
      if (auth || row.auth_method) {
        const id = auth?.api_key_id ?? null;
        const detail = auth?.detail ?? row.auth_method ?? "unknown";
        const kk = id ?? `detail:${detail}`;
        const k = keys.get(kk) ?? { api_key_id: id, detail, quantity: BigInt(0), cost: BigInt(0) };
        k.cost += cost;
        k.quantity += quantity;
        keys.set(kk, k);
      }
    }
  }

  return {
    total_cost: fromNano(total),
    // fal bills one account in one currency; a mixed answer would be drift and is reported as the first.
    currency: [...currencies][0] ?? "USD",
    models: [...models.values()]
      .map((m) => {
        const quantity = fromNano(m.quantity);
        const cost = fromNano(m.cost);
        return {
          endpoint_id: m.endpoint_id,
          unit: m.unit,
          quantity,
          cost,
          unit_price: m.quantity > BigInt(0) ? cost / quantity : null,
        };
      })
      .sort((a, b) => b.cost - a.cost || a.endpoint_id.localeCompare(b.endpoint_id)),
    series: [...series.entries()]
      .sort(([a], [b]) => Date.parse(a) - Date.parse(b))
      .map(([bucket, p]) => ({
        bucket,
        cost: fromNano(p.cost),
        by_model: Object.fromEntries([...p.byModel].map(([id, c]) => [id, fromNano(c)])),
      })),
    by_key: [...keys.values()]
      .map((k) => ({
        api_key_id: k.api_key_id,
        detail: k.detail,
        cost: fromNano(k.cost),
        quantity: fromNano(k.quantity),
      }))
      .sort((a, b) => b.cost - a.cost),
  };
}

type PerformanceSeriesPoint = PerformanceResponse["series"][number];

function counts(items: FalAnalyticsItem[]) {
  let requests = 0;
  let successes = 0;
  let userErrors = 0;
  let serverErrors = 0;
  for (const i of items) {
    requests += i.request_count ?? 0;
    successes += i.success_count ?? 0;
    userErrors += i.user_error_count ?? 0;
    serverErrors += i.error_count ?? 0;
  }
  return { requests, successes, user_errors: userErrors, server_errors: serverErrors };
}

/**
 * Per-model window figures. Percentiles come only from fal's `summary`: a window percentile cannot be
 * derived from bucket percentiles, so without a summary they are null and counts are summed from buckets.
 */
export function summarizeAnalytics(result: AnalyticsResult): {
  models: PerformanceModel[];
  series: PerformanceSeriesPoint[];
} {
  const byEndpoint = new Map<string, FalAnalyticsItem[]>();
  for (const { results } of result.buckets) {
    for (const item of results)
      byEndpoint.set(item.endpoint_id, [...(byEndpoint.get(item.endpoint_id) ?? []), item]);
  }
  const summary = new Map((result.summary ?? []).map((s) => [s.endpoint_id, s]));
  const ids = new Set([...byEndpoint.keys(), ...summary.keys()]);

  const models = [...ids].map((id): PerformanceModel => {
    const s = summary.get(id);
    const c = s ? counts([s]) : counts(byEndpoint.get(id) ?? []);
    return {
      endpoint_id: id,
      ...c,
      error_rate: c.requests > 0 ? (c.user_errors + c.server_errors) / c.requests : null,
      p50_duration: s?.p50_duration ?? null,
      p90_duration: s?.p90_duration ?? null,
      p95_duration: s?.p95_duration ?? null,
      p50_queue: s?.p50_prepare_duration ?? null,
      p90_queue: s?.p90_prepare_duration ?? null,
    };
  });
  models.sort((a, b) => b.requests - a.requests || a.endpoint_id.localeCompare(b.endpoint_id));

  const series = new Map<string, PerformanceSeriesPoint>();
  for (const { bucket, results } of result.buckets) {
    const p = series.get(bucket) ?? { bucket, requests: 0, user_errors: 0, server_errors: 0 };
    const c = counts(results);
    p.requests += c.requests;
    p.user_errors += c.user_errors;
    p.server_errors += c.server_errors;
    series.set(bucket, p);
  }
  return { models, series: [...series.values()].sort((a, b) => Date.parse(a.bucket) - Date.parse(b.bucket)) };
}
