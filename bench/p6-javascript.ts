/**
 * P6: the dashboard's JavaScript from the real browser load, gzip: (a) needed before the first paint
 * that shows every panel, (b) needed before the page is interactive (definitions: bench/support/pages.ts).
 */
import type { DashboardContext, Figure } from "./support/figure";
import { JS_DEFINITIONS, paintedDefinition, type PageMeasure } from "./support/pages";
import { fmt } from "./support/stats";

/** Whether the server's HTML alone paints the page, in words. */
export function blockedVerdict(m: PageMeasure): string {
  return m.blocked.done >= 0
    ? `paints with every chunk blocked (${fmt(m.blocked.done)} ms)`
    : `not painted with chunks blocked (missing: ${m.blocked.missing})`;
}

export async function run(ctx: DashboardContext): Promise<Figure[]> {
  ctx.log("P6: JavaScript of the dashboard, from its loads (with P1's, if it ran)");
  const m = await ctx.pages.measure("dashboard");
  const { js } = m;
  const files = js.files.map((f) => ({ ...f, gzip_kB: f.gzip / 1000, raw_kB: f.raw / 1000 }));
  const details = {
    kB: "1000 bytes",
    definitions: { ...JS_DEFINITIONS, painted_definition: paintedDefinition(m.page) },
    blocked_chunks_load: { painted_ms: m.blocked.done, missing: m.blocked.missing },
    fetched_before_paint_kB: js.fetchedBeforePaint,
    before_hydration_kB: js.beforeHydration,
    lazy_kB: js.lazy,
    files,
  };
  return [
    {
      id: "P6",
      label: "JavaScript on / before first paint, gzip",
      measured: `${fmt(js.neededBeforePaint, 1)} kB needed; ${fmt(js.fetchedBeforePaint, 1)} kB fetched before it`,
      baseline: blockedVerdict(m),
      value: js.neededBeforePaint,
      unit: "kB",
      goal: "≤ 180 kB",
      pass: js.neededBeforePaint <= 180,
      details,
    },
    {
      id: "P6",
      label: "JavaScript on / before interactive, gzip",
      measured: `${fmt(js.interactive, 1)} kB in ${js.files.length} files`,
      baseline: `${fmt(js.beforeHydration, 1)} kB before hydration, ${fmt(js.lazy, 1)} kB lazily after`,
      value: js.interactive,
      unit: "kB",
      goal: "≤ 250 kB",
      pass: js.interactive <= 250,
      details: { definition: JS_DEFINITIONS.interactive, weighing: JS_DEFINITIONS.weighing },
    },
  ];
}
