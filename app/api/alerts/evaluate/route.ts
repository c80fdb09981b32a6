import { evaluateAndDeliver } from "@/lib/alerts/evaluate";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** One evaluation now (the scheduler and `npm run alerts` run the same), then the due deliveries. */
export const POST = route(() => evaluateAndDeliver());
