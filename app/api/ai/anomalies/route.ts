import { parseQuery, route } from "@/lib/api/route";
import { anomaliesQuery } from "@/lib/contracts/watch";
import { anomaliesReport } from "@/lib/watch/report";

export const dynamic = "force-dynamic";

export const GET = route((req) => {
  const q = parseQuery(req, anomaliesQuery);
  return anomaliesReport({ factor: q.factor, minAmount: q.min_amount });
});
