import type { HourTraffic, Traffic } from "./data";
import { validationError } from "./errors";
import { expandParam, pageParams, paginate, requiredListParam, windowParams, type Window } from "./params";
import { minuteOf, type ResultCache } from "./result-cache";
import { createBucketer } from "./buckets";
import { Histogram } from "./sketch";
import { ENDPOINT_BY_ID, endpointAt } from "./world";

/** GET /v1/models/analytics (docs/fal-api-notes.md, "Analytics and percentiles"). */

type Source = "duration" | "prepare" | "coldBoot";

/** Every metric fal documents, in the order results list them. */
const COUNT_METRICS = {
  request_count: (h: HourTraffic) => h.requests,
  success_count: (h: HourTraffic) => h.success,
  user_error_count: (h: HourTraffic) => h.userErrors,
  error_count: (h: HourTraffic) => h.errors,
  startup_error_count: (h: HourTraffic) => h.errorKinds.startup,
  connection_error_count: (h: HourTraffic) => h.errorKinds.connection,
  timeout_error_count: (h: HourTraffic) => h.errorKinds.timeout,
  runtime_error_count: (h: HourTraffic) => h.errorKinds.runtime,
  cold_boot_count: (h: HourTraffic) => h.coldBoots,
} as const;

const PERCENTILE_METRICS: Record<string, { source: Source; q: number }> = {
  p25_duration: { source: "duration", q: 0.25 },
  p50_duration: { source: "duration", q: 0.5 },
  p75_duration: { source: "duration", q: 0.75 },
  p90_duration: { source: "duration", q: 0.9 },
  p95_duration: { source: "duration", q: 0.95 },
  p99_duration: { source: "duration", q: 0.99 },
  p50_prepare_duration: { source: "prepare", q: 0.5 },
  p75_prepare_duration: { source: "prepare", q: 0.75 },
  p90_prepare_duration: { source: "prepare", q: 0.9 },
  p95_prepare_duration: { source: "prepare", q: 0.95 },
  p99_prepare_duration: { source: "prepare", q: 0.99 },
  p50_cold_boot_duration: { source: "coldBoot", q: 0.5 },
  p75_cold_boot_duration: { source: "coldBoot", q: 0.75 },
  p90_cold_boot_duration: { source: "coldBoot", q: 0.9 },
};

const TOTAL_BILLABLE = "total_billable_duration";
export const ANALYTICS_METRICS: readonly string[] = [
  ...Object.keys(COUNT_METRICS),
  ...Object.keys(PERCENTILE_METRICS),
  TOTAL_BILLABLE,
];
const ANALYTICS_EXPAND = ["time_series", "summary", ...ANALYTICS_METRICS];
export const ANALYTICS_PAGE = { limit: 25, max: 100 };

export type AnalyticsItem = { endpoint_id: string } & Record<string, number | string>;
export type AnalyticsResponse = {
  time_series?: { bucket: string; results: AnalyticsItem[] }[];
  summary?: AnalyticsItem[];
  next_cursor: string | null;
  has_more: boolean;
};

/** Aggregate of one endpoint over a set of hours: summed counts and merged latency histograms. */
class Aggregate {
  readonly hours: HourTraffic[] = [];
  add(h: HourTraffic): void {
    this.hours.push(h);
  }

  toItem(endpointId: string, metrics: readonly string[]): AnalyticsItem {
    const item: AnalyticsItem = { endpoint_id: endpointId };
    const histograms = new Map<Source, Histogram>();
    const histogram = (source: Source): Histogram => {
      let hist = histograms.get(source);
      if (!hist) {
        hist = new Histogram();
        for (const h of this.hours) {
          hist.addBins(
            source === "duration" ? h.durationBins : source === "prepare" ? h.prepareBins : h.coldBootBins,
          );
        }
        histograms.set(source, hist);
      }
      return hist;
    };
    for (const metric of metrics) {
      if (metric in COUNT_METRICS) {
        const count = COUNT_METRICS[metric as keyof typeof COUNT_METRICS];
        item[metric] = this.hours.reduce((s, h) => s + count(h), 0);
      } else if (metric === TOTAL_BILLABLE) {
        item[metric] = Math.round(this.hours.reduce((s, h) => s + h.billableDuration, 0) * 1000) / 1000;
      } else {
        const p = PERCENTILE_METRICS[metric];
        // Quantile of the merged distribution (0 when nothing was measured, e.g. no cold boots).
        if (p) item[metric] = histogram(p.source).quantile(p.q);
      }
    }
    return item;
  }
}

type Grouped = Map<number, Aggregate>; // endpointIndex → aggregate

function itemsOf(grouped: Grouped, metrics: readonly string[]): AnalyticsItem[] {
  return [...grouped.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, agg]) => agg.toItem(endpointAt(index).endpoint_id, metrics));
}

function addTo(grouped: Grouped, h: HourTraffic): void {
  let agg = grouped.get(h.endpointIndex);
  if (!agg) {
    agg = new Aggregate();
    grouped.set(h.endpointIndex, agg);
  }
  agg.add(h);
}

type AnalyticsAggregate = { series: { label: string; results: AnalyticsItem[] }[]; summary: AnalyticsItem[] };

export function handleAnalytics(
  query: URLSearchParams,
  ctx: { nowMs: number; traffic: Traffic; cache?: ResultCache },
): AnalyticsResponse {
  const endpointIds = requiredListParam(query, "endpoint_id");
  const window = windowParams(query, ctx.nowMs);
  const expand = expandParam(query, ANALYTICS_EXPAND, ["time_series", "request_count"]);
  if (!expand.has("time_series") && !expand.has("summary")) {
    throw validationError("expand", "must include at least one of time_series, summary");
  }
  const metrics = ANALYTICS_METRICS.filter((m) => expand.has(m));
  if (metrics.length === 0)
    throw validationError("expand", "must include at least one metric, e.g. request_count");
  const page = pageParams(query, ANALYTICS_PAGE);

  const compute = () =>
    aggregateAnalytics({
      window,
      endpointIds,
      metrics,
      series: expand.has("time_series"),
      summary: expand.has("summary"),
      ...ctx,
    });
  const key = JSON.stringify(["analytics", window, [...expand].sort(), endpointIds, minuteOf(ctx.nowMs)]);
  const aggregate = ctx.cache ? ctx.cache.getOrCompute(key, compute) : compute();

  const result: Pick<AnalyticsResponse, "time_series" | "summary"> = {};
  const out: AnalyticsResponse = { next_cursor: null, has_more: false };
  if (expand.has("time_series")) {
    const paged = paginate(aggregate.series, page);
    result.time_series = paged.items.map(({ label, results }) => ({ bucket: label, results }));
    out.next_cursor = paged.next_cursor;
    out.has_more = paged.has_more;
  }
  // As for usage: the window summary is sent on the first page only (fal does not say which page has it).
  if (expand.has("summary") && page.isFirst) result.summary = aggregate.summary;
  return { ...result, ...out };
}

function aggregateAnalytics(args: {
  window: Window;
  endpointIds: string[];
  metrics: string[];
  series: boolean;
  summary: boolean;
  nowMs: number;
  traffic: Traffic;
}): AnalyticsAggregate {
  const { window, metrics } = args;
  // Endpoints without traffic in the window (or unknown ones) are simply absent from the results.
  const indexes = args.endpointIds.flatMap((id) => {
    const e = ENDPOINT_BY_ID.get(id);
    return e ? [e.index] : [];
  });
  const bucketOf = args.series ? createBucketer(window) : null;
  const perBucket = new Map<number, { label: string; grouped: Grouped }>();
  const summary: Grouped = new Map();
  for (const h of args.traffic.eventsInRange(window.startMs, window.endMs, args.nowMs, indexes)) {
    if (bucketOf) {
      const bucket = bucketOf(h.at);
      let entry = perBucket.get(bucket.startMs);
      if (!entry) {
        entry = { label: bucket.label, grouped: new Map() };
        perBucket.set(bucket.startMs, entry);
      }
      addTo(entry.grouped, h);
    }
    if (args.summary) addTo(summary, h);
  }
  const series = [...perBucket.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, { label, grouped }]) => ({ label, results: itemsOf(grouped, metrics) }));
  return { series, summary: itemsOf(summary, metrics) };
}
