import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";

/** zod issues → one 400 naming the first field, with every issue listed. */
export function invalidBody(error: z.ZodError): ApiError {
  const issues = error.issues.map((i) => ({ field: i.path.join(".") || "body", message: i.message }));
  const first = issues[0]!;
  return new ApiError("invalid_request", `${first.field}: ${first.message}`, { field: first.field, issues });
}

/** A JSON body parsed with a contract; anything else is a 400 (the proxy already capped its size). */
export async function readJson<S extends z.ZodType>(req: NextRequest, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    throw new ApiError("invalid_request", "body: not valid JSON", { field: "body" });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidBody(parsed.error);
  return parsed.data;
}
