/**
 * P10: Lighthouse's performance category on every page, mobile preset (its default: a mid-range phone,
 * simulated slow 4G, 4× CPU slowdown), and the dashboard on the desktop preset too; medians of
 * `--lighthouse-runs` runs. Lighthouse has no side-by-side baseline and is noisy on a busy machine, so
 * every row carries the machine's 1-minute load average over its runs.
 */
import type { DashboardContext, Figure } from "./support/figure";
import {
  launchLighthouseChrome,
  lighthouseRun,
  type FormFactor,
  type LighthouseRun,
} from "./support/lighthouse";
import { PAGE_IDS, type PageId } from "./support/pages";
import { fmt, median, ms } from "./support/stats";

const GOALS: Record<FormFactor, number> = { mobile: 90, desktop: 99 };

export async function run(ctx: DashboardContext): Promise<Figure[]> {
  const N = ctx.lighthouseRuns;
  const { port } = await launchLighthouseChrome();
  const targets: [PageId, FormFactor][] = [
    ...PAGE_IDS.map((id) => [id, "mobile"] as [PageId, FormFactor]),
    ["dashboard", "desktop"],
  ];
  const specs = new Map(
    await Promise.all(PAGE_IDS.map(async (id) => [id, await ctx.pages.spec(id)] as const)),
  );
  ctx.log(`P10: Lighthouse, ${N} runs × ${targets.length} (every page on mobile, / on desktop)`);
  const runs = new Map<string, LighthouseRun[]>();
  // Round by round, so a burst of load from another job hits every page rather than one.
  for (let i = 0; i < N; i++) {
    for (const [id, form] of targets) {
      const key = `${id}:${form}`;
      const r = await lighthouseRun(port, `${ctx.app.url}${specs.get(id)!.path}`, form);
      ctx.log(`P10: ${specs.get(id)!.path} ${form} run ${i + 1}: ${r.score} (load ${fmt(r.load[0], 1)})`);
      runs.set(key, [...(runs.get(key) ?? []), r]);
    }
  }
  return targets.map(([id, form]) => {
    const rs = runs.get(`${id}:${form}`)!;
    const mid = (pick: (r: LighthouseRun) => number) => median(rs.map(pick));
    const loads = rs.flatMap((r) => r.load);
    const m: LighthouseRun = {
      score: mid((r) => r.score),
      tbt: mid((r) => r.tbt),
      lcp: mid((r) => r.lcp),
      cls: mid((r) => r.cls),
      bootup: mid((r) => r.bootup),
      dom: mid((r) => r.dom),
      load: [Math.min(...loads), Math.max(...loads)],
      seconds: mid((r) => r.seconds),
    };
    ctx.pages.lighthouse.set(`${id}:${form}`, m);
    const path = specs.get(id)!.path;
    return {
      id: "P10",
      label: `Lighthouse ${form} ${path}`,
      measured: `${m.score}: TBT ${ms(m.tbt)}, LCP ${ms(m.lcp)}, CLS ${fmt(m.cls, 3)}, boot-up ${ms(m.bootup)}, ${fmt(m.dom)} DOM elements`,
      baseline: `load average ${fmt(m.load[0], 1)}–${fmt(m.load[1], 1)}`,
      value: m.score,
      unit: "score",
      goal: `≥ ${GOALS[form]}`,
      pass: m.score >= GOALS[form],
      details: {
        runs: rs,
        preset:
          form === "mobile"
            ? "Lighthouse default (mobile, simulated throttling)"
            : "Lighthouse desktop config",
        medians:
          "each figure is the median of its own runs; load is the 1-minute load average before/after each run",
      },
    };
  });
}
