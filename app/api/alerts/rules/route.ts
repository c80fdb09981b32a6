import { NextResponse } from "next/server";
import { readJson } from "@/lib/alerts/body";
import { createRule, listRules } from "@/lib/alerts/store";
import { route } from "@/lib/api/route";
import { ruleInput } from "@/lib/contracts/alerts";

export const dynamic = "force-dynamic";

export const GET = route(async () => ({ rules: await listRules() }));

export const POST = route(async (req) =>
  NextResponse.json(await createRule(await readJson(req, ruleInput)), { status: 201 }),
);
