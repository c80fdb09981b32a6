import { rangeFromRequest } from "@/lib/api/range";
import { route } from "@/lib/api/route";
import { keyInventory } from "@/lib/ai/keys";

export const dynamic = "force-dynamic";

export const GET = route((req) => keyInventory(rangeFromRequest(req)));
