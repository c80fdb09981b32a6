import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";

type Handler<Ctx> = (req: NextRequest, ctx: Ctx) => Promise<Response | unknown>;

/**
 * The only try/catch of the route handlers: a handler returns data (sent as JSON) or a Response, or
 * throws. ApiError becomes its status and error body; anything else is logged and answered as a bare
 * 500 so no upstream body or stack ever reaches a client.
 */
export function route<Ctx = unknown>(handler: Handler<Ctx>) {
  return async (req: NextRequest, ctx: Ctx): Promise<Response> => {
    try {
      const result = await handler(req, ctx);
      return result instanceof Response ? result : json(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * A cached report is the same object on every hit (`cachedReport` in lib/ai/cache.ts), so it is
 * serialised and UTF-8 encoded once, not per request: for a 25 kB usage report that was most of what a
 * cached answer cost the server besides Next itself. Reports are never mutated once built.
 */
const encoded = new WeakMap<object, Uint8Array<ArrayBuffer>>();

function json(result: unknown): Response {
  if (typeof result !== "object" || result === null) return NextResponse.json(result);
  let body = encoded.get(result);
  if (!body) {
    body = new TextEncoder().encode(JSON.stringify(result));
    encoded.set(result, body);
  }
  return new Response(body, { headers: { "content-type": "application/json" } });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError) {
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds !== undefined) headers["Retry-After"] = String(error.retryAfterSeconds);
    return NextResponse.json(error.toBody(), { status: error.status, headers });
  }
  console.error("[api] unhandled error:", error instanceof Error ? error.message : "unknown");
  return NextResponse.json(
    { error: { code: "internal", message: "Something went wrong on the server." } },
    { status: 500 },
  );
}

/** Parses the query string with a zod contract; problems become one 400 naming every parameter. */
export function parseQuery<S extends z.ZodType>(req: NextRequest, schema: S): z.infer<S> {
  const params: Record<string, string> = {};
  for (const [k, v] of req.nextUrl.searchParams) params[k] = v;
  const result = schema.safeParse(params);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({
      field: i.path.join(".") || "query",
      message: i.message,
    }));
    const first = issues[0]!;
    throw new ApiError("invalid_request", `${first.field}: ${first.message}`, { field: first.field, issues });
  }
  return result.data;
}
