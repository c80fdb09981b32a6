import { NextResponse } from "next/server";
import { readJson } from "@/lib/alerts/body";
import { createChannel, listChannels } from "@/lib/alerts/store";
import { route } from "@/lib/api/route";
import { channelInput } from "@/lib/contracts/alerts";

export const dynamic = "force-dynamic";

export const GET = route(async () => ({ channels: await listChannels() }));

/** The answer carries the webhook's signing secret, the only time it is shown. */
export const POST = route(async (req) =>
  NextResponse.json(await createChannel(await readJson(req, channelInput)), {
    status: 201,
    headers: { "cache-control": "no-store" },
  }),
);
