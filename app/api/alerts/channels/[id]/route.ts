import { deleteChannel } from "@/lib/alerts/store";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export const DELETE = route<Ctx>(async (_req, { params }) => {
  await deleteChannel((await params).id);
  return new Response(null, { status: 204 });
});
