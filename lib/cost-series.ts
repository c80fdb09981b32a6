import { OTHER_KEY } from "@/components/ui/chart-size";
import type { UsageReport, UsageResponse } from "@/lib/contracts/ai";
import { fromNano, toNano } from "@/lib/fal/aggregate";

/** Five named stacks plus a grey tail stay readable; the palette has six colours. */
const TOP_MODELS = 5;

type CostStacks = Pick<UsageResponse, "stacks" | "series">;

/**
 * The cost chart's stacks, reduced on the server so a page never carries a value per model per bucket:
 * the costliest models over the whole window (summed over every unit they bill in) keep their own
 * series, the rest fold into one "other" so a window with 400 models stays readable and small. Folding a
 * single model would only hide its name, so a sixth model keeps its own. Cost under an endpoint the
 * model list lacks also goes to "other": the stack must add up to what fal billed.
 *
 * Exact like the report it reduces: rankings and "other" are summed in nano-units (lib/fal/aggregate.ts),
 * so a bucket's "other" is its cost minus its named stacks to the nano-dollar. A kept model's value is
 * the report's own figure. Equal totals keep the report's order (cost, then endpoint id).
 */
export function topCostSeries(report: Pick<UsageReport, "models" | "series">): CostStacks {
  const totals = new Map<string, bigint>();
  const names = new Map<string, string>();
  for (const m of report.models) {
    totals.set(m.endpoint_id, (totals.get(m.endpoint_id) ?? BigInt(0)) + toNano(m.cost));
    // One endpoint has a row per unit, and not every row carries the display name.
    if (m.display_name && !names.has(m.endpoint_id)) names.set(m.endpoint_id, m.display_name);
  }
  // Array.prototype.sort is stable: equal totals keep the report's order.
  const ranked = [...totals].sort(([, a], [, b]) => (a === b ? 0 : a > b ? -1 : 1)).map(([id]) => id);
  const keep = new Set(ranked.length > TOP_MODELS + 1 ? ranked.slice(0, TOP_MODELS) : ranked);

  const folded = new Set(ranked.filter((id) => !keep.has(id)));
  const series = report.series.map((p) => {
    const byModel: Record<string, number> = {};
    let other: bigint | null = null;
    for (const [id, cost] of Object.entries(p.by_model)) {
      if (keep.has(id)) {
        byModel[id] = cost;
      } else {
        folded.add(id);
        other = (other ?? BigInt(0)) + toNano(cost);
      }
    }
    if (other !== null) byModel[OTHER_KEY] = fromNano(other);
    return { bucket: p.bucket, cost: p.cost, by_model: byModel };
  });

  const stacks = [...keep].map((id) => ({ key: id, label: names.get(id) ?? id, models: 1 }));
  if (folded.size > 0) {
    const n = folded.size;
    stacks.push({ key: OTHER_KEY, label: `Other (${n} ${n === 1 ? "model" : "models"})`, models: n });
  }
  return { stacks, series };
}
