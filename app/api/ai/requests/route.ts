import { rangeFromRequest } from "@/lib/api/range";
import { parseQuery, route } from "@/lib/api/route";
import { requestsPage } from "@/lib/ai/requests";
import { requestsQuery } from "@/lib/contracts/model-detail";

export const dynamic = "force-dynamic";

export const GET = route((req) => requestsPage(rangeFromRequest(req), parseQuery(req, requestsQuery)));
