import { rangeFromRequest } from "@/lib/api/range";
import { route } from "@/lib/api/route";
import { reconciliationReport } from "@/lib/ai/reconciliation";

export const dynamic = "force-dynamic";

export const GET = route((req) => reconciliationReport(rangeFromRequest(req)));
