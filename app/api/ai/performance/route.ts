import { rangeFromRequest } from "@/lib/api/range";
import { route } from "@/lib/api/route";
import { performanceReport } from "@/lib/ai/performance";

export const dynamic = "force-dynamic";

export const GET = route((req) => performanceReport(rangeFromRequest(req)));
