/** P3: cold load with 150 ms per fal call ÷ its critical path (model in roundTrips and idealCold below). */
import { timedLoad, type LoadTiming } from "./support/browser";
import { clearFalCache } from "./support/dashboard";
import type { DashboardContext, Figure } from "./support/figure";
import { callsSince, defaultQuery, type SimRecord } from "./support/servers";
import { fmt, median, ms } from "./support/stats";

const P3_LATENCY_MS = 150;

/**
 * Upstream round trips each part of the page needs on a cold cache, from the calls the load made.
 * Model (lib/ai/*.ts, lib/fal/client.ts, lib/prefetch.ts), for the current window only — the previous-
 * window deltas are not part of "all panels painted":
 * - usage pages follow each other (cursor): U round trips;
 * - the usage report then fetches prices and display names in parallel. Prices are asked in sorted
 *   chunks of 50 ids; fal answers 404 for a whole chunk when one id has no price, and the client
 *   splits it, each part after its parent: P = depth of that tree, rebuilt here from the id sets asked
 *   and the statuses fal gave them. Names follow cursors, M pages. Cost chart and model table: U + max(P, M);
 * - performance needs the usage list, then analytics chunks (counts per bucket, window percentiles) in
 *   parallel, pages in sequence: U + A —
 *   or max(U, A) when the server already knew the model list and asked both at once;
 * - cost per photo needs U (its store queries run alongside); balance one billing call.
 * `ids` are the endpoints of the window's usage report, i.e. the ids prices and names were asked for.
 */
function roundTrips(calls: SimRecord[], ids: string[], latency: number) {
  const params = (c: SimRecord) => new URLSearchParams(c.query);
  const idsOf = (c: SimRecord) => params(c).getAll("endpoint_id").sort().join(",");
  const usage = calls.filter((c) => c.endpoint === "usage");
  const windowStart = usage
    .map((c) => params(c).get("start") ?? "")
    .sort()
    .at(-1);
  const pages = (cs: SimRecord[]) => new Set(cs.map((c) => c.query)).size;
  const current = (cs: SimRecord[]) => cs.filter((c) => params(c).get("start") === windowStart);
  const U = pages(current(usage));

  const analytics = current(calls.filter((c) => c.endpoint === "analytics"));
  // One chain per chunk and ask: the counts per bucket and the window percentiles go out side by side.
  const chainOf = (c: SimRecord) => `${idsOf(c)}|${params(c).getAll("expand").sort().join(",")}`;
  const analyticsChunks = new Map<string, SimRecord[]>();
  for (const c of analytics) {
    analyticsChunks.set(chainOf(c), [...(analyticsChunks.get(chainOf(c)) ?? []), c]);
  }
  const A = Math.max(0, ...[...analyticsChunks.values()].map(pages));

  const roots: string[][] = [];
  for (let i = 0; i < ids.length; i += 50) roots.push(ids.slice(i, i + 50));
  const M = Math.max(
    0,
    ...roots.map((r) => pages(calls.filter((c) => c.endpoint === "models" && idsOf(c) === r.join(",")))),
  );
  const pricing = calls.filter((c) => c.endpoint === "pricing");
  const pricingStatus = new Map(pricing.map((c) => [idsOf(c), c.status]));
  const asked = [...pricingStatus.keys()].map((k) => k.split(","));
  const within = (inner: string[], outer: string[]) =>
    inner.length < outer.length && inner.every((id) => outer.includes(id));
  // The parts a 404ing set was split into: the sets asked inside it with no asked set in between.
  const depth = (set: string[]): number => {
    if (pricingStatus.get(set.join(",")) !== 404 || set.length === 1) return 1;
    const inside = asked.filter((a) => within(a, set));
    const parts = inside.filter((a) => !inside.some((b) => within(a, b)));
    return 1 + Math.max(0, ...parts.map(depth));
  };
  const P = Math.max(0, ...roots.map(depth));
  // Analytics asked before usage answered means the model list was already known (lib/ai/performance.ts):
  // the two chains then run side by side.
  const usageDone = Math.max(...current(usage).map((c) => Date.parse(c.at)));
  const analyticsSent = Math.min(...analytics.map((c) => Date.parse(c.at) - latency));
  const byPart: Record<string, number> = {
    "usage (cost chart, model table)": U + Math.max(P, M),
    "performance (requests, latency)": analyticsSent < usageDone ? Math.max(U, A) : U + A,
    "cost per photo": U,
    balance: calls.some((c) => c.endpoint === "billing") ? 1 : 0,
  };
  return { U, P, M, A, byPart, longest: Math.max(...Object.values(byPart)) };
}

/**
 * The cold load's critical path, from both loads of the same run:
 *   ideal = max(warm done, first fal call sent + longest chain × latency + warm tail)
 * The fal calls start while the server renders the document (lib/prefetch.ts); the longest chain of
 * dependent round trips then decides when the last panel's data can exist; after it the page still has
 * to render what it received — taken as the warm load's tail, from the last data it received (its last
 * API answer, else the document's last byte) to all panels painted. Whatever the cold load takes beyond
 * that is server work on the path, a round trip that need not be sequential, or a panel that waits for
 * something it does not need.
 */
function idealCold(cold: LoadTiming, warm: LoadTiming, calls: SimRecord[], longest: number, latency: number) {
  const firstCall = Math.min(...calls.map((c) => Date.parse(c.at) - latency)) - cold.startedAt;
  const answers = warm.api.map((a) => a.end).filter((end) => end <= warm.done);
  const lastData = answers.length > 0 ? Math.max(...answers) : warm.responseEnd;
  const tail = Math.max(0, warm.done - lastData);
  const dataReady = firstCall + longest * latency;
  return { ideal: Math.max(warm.done, dataReady + tail), firstCall, dataReady, tail };
}

export async function run(ctx: DashboardContext): Promise<Figure[]> {
  const { browser, app, ctl, runs: RUNS } = ctx;
  ctx.log(`P3: ${RUNS} × (warm load at 0 ms, cold load at ${P3_LATENCY_MS} ms per fal call)`);
  type Run = {
    warm: number;
    cold: number;
    ideal: number;
    firstCall: number;
    dataReady: number;
    tail: number;
    ratio: number;
    calls: number;
    trips: ReturnType<typeof roundTrips>;
  };
  const runs: Run[] = [];
  await ctl.latency(0);
  await timedLoad(browser, app.url, "panels");
  try {
    for (let i = 0; i < RUNS; i++) {
      await ctl.latency(0);
      const warm = await timedLoad(browser, app.url, "panels");
      await ctl.latency(P3_LATENCY_MS);
      await clearFalCache(app);
      const before = await ctl.stats();
      const cold = await timedLoad(browser, app.url, "panels");
      const calls = callsSince(before, await ctl.stats());
      await ctl.latency(0);
      // The window's model list, now cached: the ids its prices and names were asked for.
      const report = (await (
        await fetch(`${app.url}/api/ai/usage?${defaultQuery(cold.startedAt)}`)
      ).json()) as {
        models?: { endpoint_id: string }[];
      };
      const ids = [...new Set((report.models ?? []).map((m) => m.endpoint_id))].sort();
      const trips = roundTrips(calls, ids, P3_LATENCY_MS);
      const { ideal, firstCall, dataReady, tail } = idealCold(
        cold,
        warm,
        calls,
        trips.longest,
        P3_LATENCY_MS,
      );
      runs.push({
        warm: warm.done,
        cold: cold.done,
        ideal,
        firstCall,
        dataReady,
        tail,
        ratio: cold.done / ideal,
        calls: calls.length,
        trips,
      });
    }
  } finally {
    await ctl.latency(0);
  }
  const value = median(runs.map((r) => r.ratio));
  return [
    {
      id: "P3",
      label: `cold load, ${P3_LATENCY_MS} ms per fal call`,
      measured: `${ms(median(runs.map((r) => r.cold)))}`,
      baseline: `path ${ms(median(runs.map((r) => r.ideal)))} (${fmt(median(runs.map((r) => r.trips.longest)))} trips)`,
      value,
      unit: "×",
      goal: "≤ 1.15×",
      pass: value <= 1.15,
      details: {
        runs,
        model:
          "ideal = max(warm done, first fal call + longest chain of round trips × 150 ms + warm tail (last data received → panels painted)); chains per part from the observed calls — see roundTrips() and idealCold() in bench/p3-cold-load.ts",
      },
    },
  ];
}
