import { sendTest } from "@/lib/alerts/evaluate";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** Queues an `alert.test` notification for the channel and delivers it now; the answer says how it went. */
export const POST = route<Ctx>(async (_req, { params }) => sendTest((await params).id));
