/** P1: warm dashboard load in Chromium (LCP; all panels painted) ÷ a static page of the same size. */
import { timedLoad, type LoadTiming } from "./support/browser";
import type { DashboardContext, Figure } from "./support/figure";
import { fmt, median, ms } from "./support/stats";

export async function run(ctx: DashboardContext): Promise<Figure[]> {
  const { browser, app, staticUrl, scripts, runs: RUNS } = ctx;
  ctx.log(`P1: ${RUNS} warm dashboard loads and ${RUNS} static-page loads, interleaved`);
  const dash: LoadTiming[] = [];
  const stat: LoadTiming[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternating who goes first cancels a drift (a background job starting) out of the ratio.
    const order = i % 2 === 0 ? (["dash", "static"] as const) : (["static", "dash"] as const);
    for (const which of order) {
      if (which === "dash") {
        const t = await timedLoad(browser, app.url, "panels");
        t.scripts.forEach((s) => scripts.add(s));
        dash.push(t);
      } else {
        stat.push(await timedLoad(browser, staticUrl, "complete"));
      }
    }
  }
  const d = { lcp: median(dash.map((t) => t.lcp)), done: median(dash.map((t) => t.done)) };
  const s = { lcp: median(stat.map((t) => t.lcp)), done: median(stat.map((t) => t.done)) };
  const bytes = { dashboard: dash[0]?.documentBytes, static: stat[0]?.documentBytes };
  const details = {
    runs: RUNS,
    document_bytes: bytes,
    dashboard_ms: dash.map((t) => ({ lcp: t.lcp, panels: t.done })),
    static_ms: stat.map((t) => ({ lcp: t.lcp, complete: t.done })),
    panels_definition:
      "activity, cost, requests and latency charts each a figure[role=figure] with a drawn svg[data-chart-plot], no [aria-busy=true] left; time taken one frame later",
  };
  return [
    {
      id: "P1",
      label: "warm load: LCP",
      measured: `dashboard ${ms(d.lcp)}`,
      baseline: `static ${fmt(bytes.static ?? 0)} B page ${ms(s.lcp)}`,
      value: d.lcp / s.lcp,
      unit: "×",
      goal: "≤ 1.5×",
      pass: d.lcp / s.lcp <= 1.5,
      details,
    },
    {
      id: "P1",
      label: "warm load: all panels painted",
      measured: `dashboard ${ms(d.done)}`,
      baseline: `static page complete ${ms(s.done)}`,
      value: d.done / s.done,
      unit: "×",
      goal: "≤ 1.5×",
      pass: d.done / s.done <= 1.5,
      details: { runs: RUNS },
    },
  ];
}
