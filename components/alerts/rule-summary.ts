import type { AlertRule } from "@/lib/contracts/alerts";
import { formatMoney } from "@/lib/format";

/** What a rule watches, in one line, for the page's table and the dashboard's firing line. */

export function ruleSummary(rule: AlertRule): string {
  const on = "endpoint_id" in rule && rule.endpoint_id ? ` on ${rule.endpoint_id}` : "";
  switch (rule.kind) {
    case "spend_budget":
      return `${rule.period === "day" ? "Daily" : rule.period === "week" ? "Weekly" : "Monthly"} budget ${formatMoney(rule.amount)}${on}, warn at ${rule.thresholds_percent.join(", ")} %${rule.forecast ? ", and on the forecast" : ""}`;
    case "runway":
      return `Credit runway under ${rule.min_days} days`;
    case "spend_anomaly":
      return `Spend anomaly${on} (${rule.factor ?? 3}× the usual day, at least ${formatMoney(rule.min_amount ?? 5)} more)`;
    case "error_rate":
      return `Error rate above ${rule.max_percent} % over ${rule.window_minutes} min${on} (≥ ${rule.min_requests} requests)`;
    case "latency":
      return `${rule.percentile} latency above ${rule.max_seconds} s over ${rule.window_minutes} min on ${rule.endpoint_id}`;
    case "key_health":
      return "The fal key (and the Replicate token) stop working or lose permissions";
    case "key_age":
      return `API keys older than ${rule.max_days} days`;
  }
}
