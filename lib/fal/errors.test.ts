import { describe, expect, it } from "vitest";
import { diagnoseHttp } from "@/lib/fal/errors";

const envelope = (message: string, request_id = "req-1") =>
  JSON.stringify({ error: { type: "authorization_error", message, request_id } });

describe("diagnoseHttp: status and body decide", () => {
  it.each([
    [401, envelope("Invalid API key or malformed Authorization header"), false, "key_rejected"],
    [401, envelope("Invalid API key or malformed Authorization header"), true, "key_malformed"],
    [401, envelope("This endpoint requires an Admin API key"), false, "scope_insufficient"],
    [401, envelope("missing permission for this resource"), false, "scope_insufficient"],
    [403, envelope("Access denied"), false, "scope_insufficient"],
    [401, envelope('Admin API key must be prefixed with "Key "'), false, "key_rejected"],
    [429, envelope("Rate limit exceeded"), false, "rate_limited"],
    [500, envelope("An unexpected error occurred"), false, "upstream_unavailable"],
    [502, "<html>bad gateway</html>", false, "upstream_unavailable"],
    [
      404,
      JSON.stringify({ error: { type: "not_found", message: "Resource not found" } }),
      false,
      "upstream_request",
    ],
    [400, "not json", false, "upstream_request"],
  ])("%i %s (malformed key: %s) → %s", (status, body, malformed, code) => {
    expect(diagnoseHttp(status, body, malformed).code).toBe(code);
  });

  it("carries fal's request id when there is one", () => {
    expect(diagnoseHttp(401, envelope("nope", "abc-123"), false).requestId).toBe("abc-123");
    expect(diagnoseHttp(500, "oops", false).requestId).toBeUndefined();
  });
});
