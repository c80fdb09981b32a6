import { readJson } from "@/lib/alerts/body";
import { deleteRule, updateRule } from "@/lib/alerts/store";
import { route } from "@/lib/api/route";
import { rulePatch } from "@/lib/contracts/alerts";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** Merges the fields given over the stored rule, then validates the whole. */
export const PATCH = route<Ctx>(async (req, { params }) =>
  updateRule((await params).id, await readJson(req, rulePatch)),
);

export const DELETE = route<Ctx>(async (_req, { params }) => {
  await deleteRule((await params).id);
  return new Response(null, { status: 204 });
});
