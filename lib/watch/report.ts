import "server-only";
import { DateTime } from "luxon";
import { balanceReport } from "@/lib/ai/balance";
import { usageReport } from "@/lib/ai/usage";
import type { AnomaliesResponse, ForecastResponse } from "@/lib/contracts/watch";
import { env } from "@/lib/env";
import { FalError } from "@/lib/fal/errors";
import { resolveRange, type Range } from "@/lib/time/range";
import { formatBucket, toUtcIso } from "@/lib/time/zone";
import type { Timeframe } from "@/lib/time/timeframes";
import { anomalyWindows, DEFAULT_FACTOR, DEFAULT_MIN_AMOUNT, detectAnomalies } from "@/lib/watch/anomalies";
import { computeForecast, forecastWindows } from "@/lib/watch/forecast";

/**
 * The forecast and anomaly answers, from fal's billed usage through the same cached usage report the
 * dashboard reads (so the figures agree with its charts, and an evaluation asks fal nothing new within
 * the cache TTL). Windows are whole days or hours, so a report stays cached while "now" moves on.
 */

function windowRange(
  startMs: number,
  endMs: number,
  timeframe: Timeframe,
  timezone: string,
  nowMs: number,
): Range {
  return resolveRange(
    { start: toUtcIso(startMs), end: toUtcIso(endMs), timeframe, timezone },
    { defaultTimezone: timezone, now: nowMs },
  );
}

const local = (ms: number, timezone: string) => formatBucket(DateTime.fromMillis(ms, { zone: timezone }));

/** The balance only feeds the runway: a key that cannot read it still gets the month forecast. */
async function balanceOrNull(): Promise<number | null> {
  try {
    return (await balanceReport()).current_balance;
  } catch (error) {
    if (error instanceof FalError) return null;
    throw error;
  }
}

export async function forecastReport(nowMs = Date.now()): Promise<ForecastResponse> {
  const { DASHBOARD_TIMEZONE: tz, FAL_LOCK_THRESHOLD_USD: lockThreshold } = env();
  const w = forecastWindows(nowMs, tz);
  const range = windowRange(Math.min(w.burnStartMs, w.monthStartMs), w.todayEndMs, "day", tz, nowMs);
  const [usage, balance] = await Promise.all([usageReport(range), balanceOrNull()]);
  const days = usage.series.map((p) => ({ startMs: Date.parse(p.bucket), cost: p.cost }));
  const f = computeForecast({ nowMs, windows: w, days, balance, lockThreshold });
  return {
    currency: usage.currency,
    timezone: tz,
    balance,
    daily_burn: f.daily_burn,
    burn_window: { start: local(w.burnStartMs, tz), end: local(w.todayStartMs, tz) },
    runway_days: f.runway_days,
    runs_out_at: f.runs_out_at_ms === null ? null : local(f.runs_out_at_ms, tz),
    lock_threshold: lockThreshold,
    month: {
      start: local(w.monthStartMs, tz),
      end: local(w.monthEndMs, tz),
      spent: f.month_spent,
      forecast: f.month_forecast,
    },
    fetched_at: usage.fetched_at,
    stale: usage.stale,
    stale_reason: usage.stale_reason,
  };
}

export async function anomaliesReport(
  opts: { factor?: number; minAmount?: number; nowMs?: number } = {},
): Promise<AnomaliesResponse> {
  const nowMs = opts.nowMs ?? Date.now();
  const factor = opts.factor ?? DEFAULT_FACTOR;
  const minAmount = opts.minAmount ?? DEFAULT_MIN_AMOUNT;
  const tz = env().DASHBOARD_TIMEZONE;
  const w = anomalyWindows(nowMs, tz);
  const usage = await usageReport(windowRange(w.baselineStartMs, w.recentEndMs, "hour", tz, nowMs));
  const hours = usage.series.map((p) => ({ startMs: Date.parse(p.bucket), byModel: p.by_model }));
  return {
    currency: usage.currency,
    window: { start: local(w.recentStartMs, tz), end: local(w.recentEndMs, tz) },
    baseline_window: { start: local(w.baselineStartMs, tz), end: local(w.recentStartMs, tz) },
    factor,
    min_amount: minAmount,
    models: detectAnomalies(hours, w, { factor, minAmount }),
    fetched_at: usage.fetched_at,
    stale: usage.stale,
    stale_reason: usage.stale_reason,
  };
}
