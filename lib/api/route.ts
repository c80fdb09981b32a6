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
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
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
    const issues = result.error.issues.map((i) => ({ field: i.path.join(".") || "query", message: i.message }));
    const first = issues[0]!;
    throw new ApiError("invalid_request", `${first.field}: ${first.message}`, { field: first.field, issues });
  }
  return result.data;
}
