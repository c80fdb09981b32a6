import { API_ROUTES } from "@/lib/contracts/routes";

/**
 * The app's GET route handlers, for tests that drive them in-process. Imported when called, not at load:
 * those tests set the environment and reset modules first, and each handler must see that state.
 */
export async function getHandlers() {
  return {
    [API_ROUTES.usage]: (await import("@/app/api/ai/usage/route")).GET,
    [API_ROUTES.performance]: (await import("@/app/api/ai/performance/route")).GET,
    [API_ROUTES.balance]: (await import("@/app/api/ai/balance/route")).GET,
    [API_ROUTES.costPerOutcome]: (await import("@/app/api/ai/cost-per-outcome/route")).GET,
    [API_ROUTES.keys]: (await import("@/app/api/ai/keys/route")).GET,
    [API_ROUTES.forecast]: (await import("@/app/api/ai/forecast/route")).GET,
    [API_ROUTES.anomalies]: (await import("@/app/api/ai/anomalies/route")).GET,
    [API_ROUTES.eventMetrics]: (await import("@/app/api/events/metrics/route")).GET,
    [API_ROUTES.providerHealth]: (await import("@/app/api/health/providers/route")).GET,
  };
}
