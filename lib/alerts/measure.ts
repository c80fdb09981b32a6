import "server-only";
import { DateTime } from "luxon";
import { keyInventory } from "@/lib/ai/keys";
import { performanceReport } from "@/lib/ai/performance";
import { usageReport } from "@/lib/ai/usage";
import type { RuleInput } from "@/lib/contracts/alerts";
import type { DiagnosisCode } from "@/lib/contracts/codes";
import { diagnosisCopy } from "@/lib/contracts/diagnosis";
import { env } from "@/lib/env";
import { currentCredential } from "@/lib/fal/credentials";
import { probeCurrentKey } from "@/lib/fal/probe";
import { formatMoney } from "@/lib/format";
import { checkReplicate } from "@/lib/replicate/check";
import { resolveRange, type Range } from "@/lib/time/range";
import type { Timeframe } from "@/lib/time/timeframes";
import { bucketBoundaries, bucketStart, formatBucket, toUtcIso } from "@/lib/time/zone";
import { anomaliesReport, forecastReport } from "@/lib/watch/report";

/**
 * What each kind of rule measures now, as observations: one per subject (a period, a model, a key), with
 * the level it stands at — 0 clear, higher = firing at that level (a budget's highest threshold percent
 * crossed) — or null when it cannot be told this time (a transient failure must not read as "resolved").
 */
export type Observation = {
  subject: string;
  level: number | null;
  value: number | null;
  threshold: number | null;
  title: string;
  message: string;
  endpoint_id?: string;
  period?: { start: string; end: string };
};

const local = (ms: number, tz: string) => formatBucket(DateTime.fromMillis(ms, { zone: tz }));
const PERIOD_WORD = { day: "Daily", week: "Weekly", month: "Monthly" } as const;
const num = (x: number, digits = 1) => x.toLocaleString("en-US", { maximumFractionDigits: digits });

function range(startMs: number, endMs: number, timeframe: Timeframe, tz: string, nowMs: number): Range {
  return resolveRange(
    { start: toUtcIso(startMs), end: toUtcIso(endMs), timeframe, timezone: tz },
    { defaultTimezone: tz, now: nowMs },
  );
}

type Kind<K extends RuleInput["kind"]> = Extract<RuleInput, { kind: K }>;

async function budget(rule: Kind<"spend_budget">, nowMs: number): Promise<Observation[]> {
  const tz = env().DASHBOARD_TIMEZONE;
  const startMs = bucketStart(nowMs, rule.period, tz).toMillis();
  const endMs = bucketBoundaries(startMs, startMs + 1, rule.period, tz)[1]!;
  const usage = await usageReport(range(startMs, endMs, "day", tz, nowMs));
  const spent = rule.endpoint_id
    ? usage.models.filter((m) => m.endpoint_id === rule.endpoint_id).reduce((s, m) => s + m.cost, 0)
    : usage.total_cost;
  const period = { start: local(startMs, tz), end: local(endMs, tz) };
  const key = `${rule.period} ${period.start.slice(0, 10)}${rule.endpoint_id ? `|${rule.endpoint_id}` : ""}`;
  const crossed = rule.thresholds_percent.filter((p) => spent >= (rule.amount * p) / 100);
  const level = crossed.at(-1) ?? 0;
  const threshold = (rule.amount * (level || rule.thresholds_percent[0]!)) / 100;
  const scope = rule.endpoint_id ? ` on ${rule.endpoint_id}` : "";
  const out: Observation[] = [
    {
      subject: key,
      level,
      value: spent,
      threshold,
      title: `${PERIOD_WORD[rule.period]} budget ${level ? `${level}% reached` : "back under its thresholds"}${scope}`,
      message: `${formatMoney(spent, usage.currency)} spent of ${formatMoney(rule.amount, usage.currency)} this ${rule.period}${scope}.`,
      ...(rule.endpoint_id ? { endpoint_id: rule.endpoint_id } : {}),
      period,
    },
  ];
  if (rule.forecast && rule.period === "month" && !rule.endpoint_id) {
    const f = await forecastReport(nowMs);
    const over = f.month.forecast > rule.amount;
    out.push({
      subject: `forecast|${key}`,
      level: over ? 1 : 0,
      value: f.month.forecast,
      threshold: rule.amount,
      title: over ? "Month-end forecast above budget" : "Month-end forecast back within budget",
      message: `Forecast ${formatMoney(f.month.forecast, f.currency)} for the month against a budget of ${formatMoney(rule.amount, f.currency)} (${formatMoney(f.month.spent, f.currency)} spent, ${formatMoney(f.daily_burn, f.currency)}/day).`,
      period,
    });
  }
  return out;
}

async function runway(rule: Kind<"runway">, nowMs: number): Promise<Observation[]> {
  const f = await forecastReport(nowMs);
  if (f.balance === null) throw new Error("the key cannot read the credit balance");
  const days = f.runway_days;
  const low = days !== null && days < rule.min_days;
  return [
    {
      subject: "balance",
      level: low ? 1 : 0,
      value: days,
      threshold: rule.min_days,
      title: low ? `Credit runs out in ${num(days!)} days` : "Credit runway back above the minimum",
      message:
        days === null
          ? `Balance ${formatMoney(f.balance, f.currency)}; nothing billed in the last 7 days.`
          : `Balance ${formatMoney(f.balance, f.currency)} at ${formatMoney(f.daily_burn, f.currency)}/day lasts ${num(days)} days (minimum ${rule.min_days}).`,
    },
  ];
}

async function anomaly(rule: Kind<"spend_anomaly">, nowMs: number): Promise<Observation[]> {
  const r = await anomaliesReport({ factor: rule.factor, minAmount: rule.min_amount, nowMs });
  return r.models
    .filter((m) => !rule.endpoint_id || m.endpoint_id === rule.endpoint_id)
    .map((m) => ({
      subject: m.endpoint_id,
      level: m.flagged ? 1 : 0,
      value: m.recent,
      threshold: m.baseline === 0 ? r.min_amount : r.factor * m.baseline,
      title: m.flagged
        ? `Spend anomaly on ${m.endpoint_id}${m.ratio === null ? "" : `: ${num(m.ratio)}× its usual day`}`
        : `Spend on ${m.endpoint_id} back to usual`,
      message: `${formatMoney(m.recent, r.currency)} in the 24 hours to ${r.window.end}; usual day ${formatMoney(m.baseline, r.currency)}.`,
      endpoint_id: m.endpoint_id,
      period: r.window,
    }));
}

/** The last `minutes` up to now: minute buckets up to 2 hours, hours beyond (fal's own limits). */
function recentRange(minutes: number, nowMs: number): Range {
  const tz = env().DASHBOARD_TIMEZONE;
  return range(nowMs - minutes * 60_000, nowMs, minutes <= 120 ? "minute" : "hour", tz, nowMs);
}

async function errorRate(rule: Kind<"error_rate">, nowMs: number): Promise<Observation[]> {
  const perf = await performanceReport(recentRange(rule.window_minutes, nowMs));
  return perf.models
    .filter((m) => !rule.endpoint_id || m.endpoint_id === rule.endpoint_id)
    .map((m) => {
      const percent = m.requests > 0 ? ((m.user_errors + m.server_errors) / m.requests) * 100 : 0;
      const high = m.requests >= rule.min_requests && percent > rule.max_percent;
      return {
        subject: m.endpoint_id,
        level: high ? 1 : 0,
        value: percent,
        threshold: rule.max_percent,
        title: high
          ? `Error rate ${num(percent)}% on ${m.endpoint_id}`
          : `Error rate on ${m.endpoint_id} back under ${rule.max_percent}%`,
        message: `${m.user_errors + m.server_errors} of ${m.requests} requests failed (4xx + 5xx) in the last ${rule.window_minutes} minutes.`,
        endpoint_id: m.endpoint_id,
      };
    });
}

async function latency(rule: Kind<"latency">, nowMs: number): Promise<Observation[]> {
  const perf = await performanceReport(recentRange(rule.window_minutes, nowMs));
  const m = perf.models.find((x) => x.endpoint_id === rule.endpoint_id);
  const seconds = m ? (rule.percentile === "p50" ? m.p50_duration : m.p90_duration) : null;
  // No requests, or no window percentile from fal: nothing to judge (never an average of buckets).
  if (seconds === null) return [{ ...latencyBase(rule), level: null, value: null }];
  const slow = seconds > rule.max_seconds;
  return [
    {
      ...latencyBase(rule),
      level: slow ? 1 : 0,
      value: seconds,
      title: slow
        ? `${rule.percentile} latency ${num(seconds, 2)} s on ${rule.endpoint_id}`
        : `${rule.percentile} latency on ${rule.endpoint_id} back under ${rule.max_seconds} s`,
      message: `${rule.percentile} over the last ${rule.window_minutes} minutes: ${num(seconds, 2)} s (limit ${rule.max_seconds} s).`,
    },
  ];
}

function latencyBase(rule: Kind<"latency">) {
  return {
    subject: rule.endpoint_id,
    threshold: rule.max_seconds,
    title: `${rule.percentile} latency on ${rule.endpoint_id}`,
    message: "",
    endpoint_id: rule.endpoint_id,
  };
}

/** Diagnoses that say the key itself is wrong; outages and rate limits say nothing about the key. */
const KEY_PROBLEMS = new Set(["key_missing", "key_malformed", "key_rejected", "scope_insufficient"]);

async function keyHealth(): Promise<Observation[]> {
  const out: Observation[] = [];
  const fal = currentCredential();
  if (!fal) {
    const copy = diagnosisCopy("key_missing");
    out.push({
      subject: "fal",
      level: 1,
      value: null,
      threshold: null,
      title: copy.title,
      message: copy.message,
    });
  } else {
    const probe = await probeCurrentKey({ refresh: true });
    const problems = Object.entries(probe?.matrix ?? {}).filter(([, v]) => KEY_PROBLEMS.has(v));
    const unknown = Object.values(probe?.matrix ?? {}).every((v) => v !== "ok" && !KEY_PROBLEMS.has(v));
    const code = problems[0]?.[1] as DiagnosisCode | undefined;
    const copy = code ? diagnosisCopy(code, { variable: fal.source }) : null;
    out.push({
      subject: "fal",
      level: unknown ? null : problems.length > 0 ? 1 : 0,
      value: null,
      threshold: null,
      title: copy ? `fal key: ${copy.title}` : "fal key healthy again",
      message: copy
        ? `${copy.message} (${problems.map(([e]) => e).join(", ")}; key ${fal.masked}) ${copy.hint}`
        : `The key ${fal.masked} answers every endpoint the dashboard uses.`,
    });
  }
  const replicate = await checkReplicate();
  if (replicate.status !== "not_configured") {
    const bad = replicate.status === "error";
    out.push({
      subject: "replicate",
      level: bad ? 1 : 0,
      value: null,
      threshold: null,
      title: bad ? "Replicate token rejected" : "Replicate token healthy again",
      message: bad
        ? `${replicate.error ?? "Replicate refused the token"} (${replicate.masked})`
        : `Token ${replicate.masked} works.`,
    });
  }
  return out;
}

async function keyAge(rule: Kind<"key_age">, nowMs: number): Promise<Observation[]> {
  const tz = env().DASHBOARD_TIMEZONE;
  const inventory = await keyInventory(range(nowMs - 7 * 86_400_000, nowMs, "day", tz, nowMs), nowMs);
  return inventory.keys.map((k) => {
    const old = k.age_days > rule.max_days;
    return {
      subject: k.key_id,
      level: old ? 1 : 0,
      value: k.age_days,
      threshold: rule.max_days,
      title: old ? `Key "${k.alias}" is ${Math.floor(k.age_days)} days old` : `Key "${k.alias}" rotated`,
      message: `Created ${k.created_at}; the rule asks for rotation after ${rule.max_days} days.`,
    };
  });
}

export function measure(rule: RuleInput, nowMs: number): Promise<Observation[]> {
  switch (rule.kind) {
    case "spend_budget":
      return budget(rule, nowMs);
    case "runway":
      return runway(rule, nowMs);
    case "spend_anomaly":
      return anomaly(rule, nowMs);
    case "error_rate":
      return errorRate(rule, nowMs);
    case "latency":
      return latency(rule, nowMs);
    case "key_health":
      return keyHealth();
    case "key_age":
      return keyAge(rule, nowMs);
  }
}
