import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** Liveness only: the process answers. Provider checks live at /api/health/providers. */
export const GET = route(async () => ({ ok: true }));
