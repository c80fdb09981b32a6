/** P2: upstream fal calls for 50 concurrent identical loads ÷ distinct upstream queries of one load. */
import { clearFalCache, pathOf, replay } from "./support/dashboard";
import type { DashboardContext, Figure } from "./support/figure";
import { callsSince, type SimRecord } from "./support/servers";
import { fmt, median } from "./support/stats";

const P2_LOADS = 50;

export async function run(ctx: DashboardContext): Promise<Figure[]> {
  const { app, ctl, load: dashboardLoad, runs: RUNS } = ctx;
  ctx.log(`P2: ${RUNS} × (one cold load, then ${P2_LOADS} concurrent cold loads) over HTTP`);
  const runs: {
    single: number;
    distinct: number;
    concurrent: number;
    byEndpoint: Record<string, number>;
    non2xx: number;
  }[] = [];
  let example: SimRecord[] = [];
  for (let i = 0; i < RUNS; i++) {
    await clearFalCache(app);
    let before = await ctl.stats();
    let non2xx = await replay(dashboardLoad);
    let after = await ctl.stats();
    const single = callsSince(before, after);
    example = single;
    await clearFalCache(app);
    before = await ctl.stats();
    const bad = await Promise.all(Array.from({ length: P2_LOADS }, () => replay(dashboardLoad)));
    after = await ctl.stats();
    non2xx += bad.reduce((a, b) => a + b, 0);
    const byEndpoint = Object.fromEntries(
      Object.entries(after.by_endpoint)
        .map(([k, v]) => [k, v - (before.by_endpoint[k] ?? 0)])
        .filter(([, v]) => v !== 0),
    );
    runs.push({
      single: single.length,
      distinct: new Set(single.map((c) => `${c.path}?${c.query}`)).size,
      concurrent: after.total - before.total,
      byEndpoint,
      non2xx,
    });
  }
  const ratios = runs.map((r) => r.concurrent / r.distinct);
  const value = median(ratios);
  const distinctByEndpoint: Record<string, number> = {};
  for (const key of new Set(example.map((c) => `${c.path}?${c.query}`))) {
    const endpoint = example.find((c) => `${c.path}?${c.query}` === key)?.endpoint ?? "?";
    distinctByEndpoint[endpoint] = (distinctByEndpoint[endpoint] ?? 0) + 1;
  }
  const last = runs[runs.length - 1];
  return [
    {
      id: "P2",
      label: `upstream calls, ${P2_LOADS} concurrent loads`,
      measured: `${fmt(median(runs.map((r) => r.concurrent)))} calls`,
      baseline: `${fmt(median(runs.map((r) => r.distinct)))} distinct queries in 1 load`,
      value,
      unit: "×",
      goal: "= 1.0×",
      // Exactly one call per distinct query, in every run: a median could hide one bad run.
      pass: ratios.every((r) => r === 1),
      details: {
        runs,
        ratios,
        one_load: { calls: last?.single, distinct: last?.distinct, distinct_by_endpoint: distinctByEndpoint },
        concurrent_by_endpoint: last?.byEndpoint,
        load: {
          document: "/",
          first_wave: dashboardLoad.first.map(pathOf),
          second_wave: dashboardLoad.then.map(pathOf),
        },
      },
    },
  ];
}
