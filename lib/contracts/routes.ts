/**
 * Every API path the app calls, named once for the SWR hooks, the server prefetch (which fills SWR's
 * cache under the same keys) and the login form. Next maps each to a file, app/<path>/route.ts; a unit
 * test holds the two together.
 */
export const API_ROUTES = {
  usage: "/api/ai/usage",
  performance: "/api/ai/performance",
  balance: "/api/ai/balance",
  costPerOutcome: "/api/ai/cost-per-outcome",
  keys: "/api/ai/keys",
  forecast: "/api/ai/forecast",
  anomalies: "/api/ai/anomalies",
  model: "/api/ai/model",
  requests: "/api/ai/requests",
  insights: "/api/ai/insights",
  reconciliation: "/api/ai/reconciliation",
  eventMetrics: "/api/events/metrics",
  providerHealth: "/api/health/providers",
  alertRules: "/api/alerts/rules",
  alertRule: "/api/alerts/rules/[id]",
  alertChannels: "/api/alerts/channels",
  alertChannel: "/api/alerts/channels/[id]",
  alertChannelTest: "/api/alerts/channels/[id]/test",
  alertEvents: "/api/alerts/events",
  alertsEvaluate: "/api/alerts/evaluate",
  login: "/api/auth/login",
  logout: "/api/auth/logout",
} as const;

/** A route with an `[id]` segment, for one rule or channel. */
/**
 * Parameters a KPI's delta adds to its route: the two windows it compares are asked by the hour, and
 * only their totals are read, so the per-bucket series is left out of the answer and of the page.
 */
export const TOTALS_ONLY: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  [API_ROUTES.usage]: { series: "none" },
  [API_ROUTES.eventMetrics]: { series: "none" },
};

export function routeFor(path: string, id: string): string {
  return path.replace("[id]", encodeURIComponent(id));
}
