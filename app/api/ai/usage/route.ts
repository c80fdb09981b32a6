import { rangeFromRequest } from "@/lib/api/range";
import { route } from "@/lib/api/route";
import { usageReport } from "@/lib/ai/usage";

export const dynamic = "force-dynamic";

export const GET = route((req) => usageReport(rangeFromRequest(req)));
