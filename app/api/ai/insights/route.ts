import { invalid } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { insightsReport } from "@/lib/ai/insights";
import { insightsQuery } from "@/lib/contracts/model-detail";

export const dynamic = "force-dynamic";

/** `endpoint_id` repeats (1–20), so it is read with getAll rather than the one-value query parser. */
export const GET = route((req) => {
  const ids = req.nextUrl.searchParams.getAll("endpoint_id");
  const parsed = insightsQuery.safeParse(ids);
  if (!parsed.success) throw invalid("endpoint_id", "expected 1-20 endpoint ids such as fal-ai/flux/dev");
  return insightsReport(parsed.data);
});
