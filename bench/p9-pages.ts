/**
 * P9: every page besides the dashboard (P1 has it) — keys, alerts, the busiest model's page — warm, until
 * painted as bench/support/painted.ts defines it for that page ÷ a static page of the same size. The
 * JavaScript each needed (P6's two figures) and Lighthouse's mobile score (P10, when it ran) go into the
 * per-page table printed under the results.
 */
import { blockedVerdict } from "./p6-javascript";
import type { DashboardContext, Figure } from "./support/figure";
import { JS_DEFINITIONS, PAGE_IDS, paintedDefinition } from "./support/pages";
import { fmt, ms } from "./support/stats";

export async function run(ctx: DashboardContext): Promise<Figure[]> {
  const figures: Figure[] = [];
  ctx.log(`P9: every page, ${ctx.runs} warm loads each against its static twin`);
  // The dashboard too: the per-page table has a row for every page, and P1 may not have run.
  for (const id of PAGE_IDS) {
    const m = await ctx.pages.measure(id);
    if (id === "dashboard") continue;
    const ratio = m.done / m.staticDone;
    figures.push({
      id: "P9",
      label: `warm ${m.page.path}: painted`,
      measured: `${ms(m.done)}; JS ${fmt(m.js.neededBeforePaint, 1)} kB before paint, ${fmt(m.js.interactive, 1)} kB before interactive`,
      baseline: `static ${fmt(m.staticBytes)} B page ${ms(m.staticDone)}`,
      value: ratio,
      unit: "×",
      goal: "≤ 1.5×",
      pass: ratio <= 1.5,
      details: {
        runs: ctx.runs,
        path: m.page.path,
        painted_definition: `${paintedDefinition(m.page)}; time taken one frame later`,
        page_ms: m.loads.map((t) => ({ lcp: t.lcp, painted: t.done, hydrated: t.hydrated })),
        static_ms: m.statics.map((t) => ({ lcp: t.lcp, complete: t.done })),
        document_bytes: { page: m.loads[0]?.documentBytes, static: m.staticBytes },
        javascript_kB: {
          needed_before_paint: m.js.neededBeforePaint,
          fetched_before_paint: m.js.fetchedBeforePaint,
          before_hydration: m.js.beforeHydration,
          lazy: m.js.lazy,
          interactive: m.js.interactive,
          blocked_chunks_load: blockedVerdict(m),
          definitions: JS_DEFINITIONS,
        },
      },
    });
  }
  return figures;
}
