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
  model: "/api/ai/model",
  requests: "/api/ai/requests",
  insights: "/api/ai/insights",
  reconciliation: "/api/ai/reconciliation",
  eventMetrics: "/api/events/metrics",
  providerHealth: "/api/health/providers",
  login: "/api/auth/login",
  logout: "/api/auth/logout",
} as const;
