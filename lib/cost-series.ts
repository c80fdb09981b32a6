import { OTHER_KEY } from "@/components/ui/chart-size";
import type { UsageResponse } from "@/lib/contracts/ai";

/** Five named stacks plus a grey tail stay readable; the palette has six colours. */
const TOP_MODELS = 5;

export type CostSeries = {
  /** Stacking order, bottom first: costliest model first, "other" last. */
  series: { key: string; label: string }[];
  data: { bucket: string; values: Record<string, number> }[];
};

/**
 * The cost chart's stacks: the costliest models over the whole window (summed over every unit they bill
 * in) keep their own series, the rest fold into one "other" so a window with 60 models stays readable.
 * Folding a single model would only hide its name, so a sixth model keeps its own. Cost under an endpoint
 * the model list lacks also goes to "other": the stack must add up to what fal billed.
 */
export function costSeries(usage: Pick<UsageResponse, "models" | "series">): CostSeries {
  const totals = new Map<string, number>();
  const names = new Map<string, string>();
  for (const m of usage.models) {
    totals.set(m.endpoint_id, (totals.get(m.endpoint_id) ?? 0) + m.cost);
    // One endpoint has a row per unit, and not every row carries the display name.
    if (m.display_name && !names.has(m.endpoint_id)) names.set(m.endpoint_id, m.display_name);
  }
  // Array.prototype.sort is stable: equal costs keep fal's order.
  const ranked = [...totals].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  const keep = new Set(ranked.length > TOP_MODELS + 1 ? ranked.slice(0, TOP_MODELS) : ranked);

  const folded = new Set(ranked.filter((id) => !keep.has(id)));
  const data = usage.series.map((p) => {
    const values: Record<string, number> = {};
    for (const [id, cost] of Object.entries(p.by_model)) {
      const key = keep.has(id) ? id : OTHER_KEY;
      if (key === OTHER_KEY) folded.add(id);
      values[key] = (values[key] ?? 0) + cost;
    }
    return { bucket: p.bucket, values };
  });

  const series = [...keep].map((id) => ({ key: id, label: names.get(id) ?? id }));
  if (folded.size > 0) {
    const n = folded.size;
    series.push({ key: OTHER_KEY, label: `Other (${n} ${n === 1 ? "model" : "models"})` });
  }
  return { series, data };
}
