import { rangeFromRequest } from "@/lib/api/range";
import { route } from "@/lib/api/route";
import { costPerOutcome } from "@/lib/ai/outcomes";

export const dynamic = "force-dynamic";

export const GET = route((req) => costPerOutcome(rangeFromRequest(req)));
