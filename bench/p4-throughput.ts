/** P4: /api/ai/usage requests/s with a warm cache ÷ /api/health/live requests/s. */
import { load, perSecond, settle, type LoadResult } from "./support/autocannon";
import { pathOf } from "./support/dashboard";
import type { DashboardContext, Figure } from "./support/figure";
import { defaultQuery } from "./support/servers";
import { fmt, median, ms } from "./support/stats";

const P4_CONNECTIONS = 50;

export async function run(ctx: DashboardContext): Promise<Figure[]> {
  const { app, ctl, heavyRuns: HEAVY_RUNS, p4Seconds: P4_SECONDS } = ctx;
  const usageUrl = `${app.url}/api/ai/usage?${defaultQuery()}`;
  const liveUrl = `${app.url}/api/health/live`;
  ctx.log(
    `P4: ${HEAVY_RUNS} × (${P4_CONNECTIONS} connections × ${P4_SECONDS} s on /api/ai/usage and on /api/health/live)`,
  );
  await (await fetch(usageUrl)).arrayBuffer();
  const usage: (LoadResult & { upstream: number })[] = [];
  const live: LoadResult[] = [];
  for (let i = 0; i < HEAVY_RUNS; i++) {
    const order: string[] = i % 2 === 0 ? [usageUrl, liveUrl] : [liveUrl, usageUrl];
    for (const url of order) {
      await settle(app.url, async () => (await ctl.stats()).total);
      const before = await ctl.stats();
      const result = await load({ url, connections: P4_CONNECTIONS, duration: P4_SECONDS });
      const upstream = (await ctl.stats()).total - before.total;
      if (url === usageUrl) usage.push({ ...result, upstream });
      else live.push(result);
    }
  }
  const u = median(usage.map(perSecond));
  const l = median(live.map(perSecond));
  const summary = (r: LoadResult) => ({
    rps: perSecond(r),
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
  });
  return [
    {
      id: "P4",
      label: "cached /api/ai/usage throughput",
      measured: `${fmt(u)} req/s (p99 ${ms(median(usage.map((r) => r.latency.p99)))})`,
      baseline: `/api/health/live ${fmt(l)} req/s`,
      value: u / l,
      unit: "×",
      goal: "≥ 0.8×",
      pass: u / l >= 0.8 && usage.every((r) => r.errors === 0 && r.non2xx === 0),
      details: {
        runs: HEAVY_RUNS,
        connections: P4_CONNECTIONS,
        seconds: P4_SECONDS,
        url: pathOf(usageUrl),
        usage: usage.map((r) => ({
          ...summary(r),
          upstream_calls: r.upstream,
          upstream_per_request: r.upstream / Math.max(1, r.requests.total),
        })),
        live: live.map(summary),
      },
    },
  ];
}
