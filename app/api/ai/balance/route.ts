import { route } from "@/lib/api/route";
import { balanceReport } from "@/lib/ai/balance";

export const dynamic = "force-dynamic";

export const GET = route(() => balanceReport());
