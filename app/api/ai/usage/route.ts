import { rangeFromRequest } from "@/lib/api/range";
import { parseQuery, route } from "@/lib/api/route";
import { usageView } from "@/lib/ai/usage";
import { usageQuery } from "@/lib/contracts/ai";

export const dynamic = "force-dynamic";

export const GET = route((req) => usageView(rangeFromRequest(req), parseQuery(req, usageQuery).series));
