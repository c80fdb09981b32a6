/**
 * P7: warm model page, its first page of requests painted ÷ warm dashboard, its AI panel painted. Both
 * pages show the same 7-day window; the model is the busiest one in it, which must have at least
 * 1,000 requests (fal's analytics count, as `/api/ai/model` answers it) for the figure to say anything.
 */
import { timedLoad, type LoadTiming } from "./support/browser";
import type { DashboardContext, Figure } from "./support/figure";
import { busiestModel } from "./support/pages";
import { PAINTED } from "./support/painted";
import { fmt, median, ms } from "./support/stats";

const VIEW = "range=7d&tz=UTC";
const MIN_REQUESTS = 1_000;

export async function run(ctx: DashboardContext): Promise<Figure[]> {
  const { browser, app, runs: RUNS } = ctx;
  const busiest = await busiestModel(app);
  if (busiest.requests < MIN_REQUESTS) {
    throw new Error(`P7: ${busiest.endpointId} has ${busiest.requests} requests, fewer than ${MIN_REQUESTS}`);
  }
  const modelUrl = `${app.url}/models/${busiest.endpointId}?${VIEW}`;
  const dashboardUrl = `${app.url}/?${VIEW}`;
  ctx.log(
    `P7: ${busiest.endpointId}, ${fmt(busiest.requests)} requests in the window; warming up, then ${RUNS} model-page and ${RUNS} dashboard loads, interleaved`,
  );
  // Warm: the model's routes (requests, model, insights) and the dashboard's fill their caches once.
  await timedLoad(browser, modelUrl, "model-requests");
  await timedLoad(browser, dashboardUrl, "ai-panel");

  const page: LoadTiming[] = [];
  const dash: LoadTiming[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternating who goes first cancels a drift (a background job starting) out of the ratio.
    const order = i % 2 === 0 ? (["page", "dash"] as const) : (["dash", "page"] as const);
    for (const which of order) {
      if (which === "page") page.push(await timedLoad(browser, modelUrl, "model-requests"));
      else dash.push(await timedLoad(browser, dashboardUrl, "ai-panel"));
    }
  }
  const m = median(page.map((t) => t.done));
  const d = median(dash.map((t) => t.done));
  return [
    {
      id: "P7",
      label: "warm model page: first requests painted",
      measured: `model page ${ms(m)} (${fmt(busiest.requests)} requests)`,
      baseline: `dashboard AI panel ${ms(d)}`,
      value: m / d,
      unit: "×",
      goal: "≤ 1.0×",
      pass: m / d <= 1,
      details: {
        runs: RUNS,
        endpoint_id: busiest.endpointId,
        window: VIEW,
        requests_in_window: busiest.requests,
        model_page_ms: page.map((t) => t.done),
        dashboard_ai_panel_ms: dash.map((t) => t.done),
        definitions: {
          model_page: `${PAINTED["model-requests"].describe}; time taken one frame later`,
          dashboard: `${PAINTED["ai-panel"].describe}; time taken one frame later`,
        },
      },
    },
  ];
}
