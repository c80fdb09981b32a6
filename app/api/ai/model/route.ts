import { rangeFromRequest } from "@/lib/api/range";
import { parseQuery, route } from "@/lib/api/route";
import { modelReport } from "@/lib/ai/model";
import { modelQuery } from "@/lib/contracts/model-detail";

export const dynamic = "force-dynamic";

export const GET = route((req) =>
  modelReport(rangeFromRequest(req), parseQuery(req, modelQuery).endpoint_id),
);
