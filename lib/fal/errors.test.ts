import { describe, expect, it } from "vitest";
import { FalError, diagnoseHttp } from "@/lib/fal/errors";

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

describe("a refusal names the permission the key lacks", () => {
  it.each([
    [
      403,
      "Access denied: this key is missing the required permission 'billing:usage:read'",
      "billing:usage:read",
    ],
    [401, "Required permissions: auth:keys:read", "auth:keys:read"],
    [403, "missing `insights:evidence:read`", "insights:evidence:read"],
    [403, "Access denied", undefined],
    [401, "This endpoint requires an Admin API key", undefined],
  ])("%i %s → %s", (status, message, permission) => {
    const d = diagnoseHttp(status, envelope(message), false);
    expect(d.code).toBe("scope_insufficient");
    expect(d.permission).toBe(permission);
  });

  it("a 401 naming a permission is a missing permission, not a bad key", () => {
    expect(diagnoseHttp(401, envelope("key lacks billing:usage:read"), false).code).toBe(
      "scope_insufficient",
    );
  });

  it("only the old Admin wording marks a legacy scope", () => {
    expect(diagnoseHttp(403, envelope("This endpoint requires an Admin API key"), false).legacyScope).toBe(
      true,
    );
    expect(diagnoseHttp(403, envelope("Access denied"), false).legacyScope).toBe(false);
  });
});

describe("FalError body for scope_insufficient", () => {
  it("names the permission fal named, verbatim, even one the map does not know", () => {
    const body = new FalError("scope_insufficient", "usage", {
      permission: "insights:evidence:read",
    }).toBody();
    expect(body.error).toMatchObject({
      code: "scope_insufficient",
      required_permission: "insights:evidence:read",
      presets: [],
    });
    expect(body.error.hint).toContain("No fal preset is known to include insights:evidence:read");
    expect(body.error.hint).toContain("custom policy");
  });

  it.each([
    ["usage", "billing:usage:read", ["READONLY", "BILLING", "FULL"]],
    ["billing", "billing:usage:read", ["READONLY", "BILLING", "FULL"]],
    ["keys", "auth:keys:read", ["BILLING", "FULL"]],
  ] as const)("a bare refusal on %s falls back to the map: %s", (endpoint, permission, presets) => {
    const body = new FalError("scope_insufficient", endpoint).toBody();
    expect(body.error.required_permission).toBe(permission);
    expect(body.error.presets).toEqual(presets);
  });

  it("other diagnoses carry no permission", () => {
    const body = new FalError("key_rejected", "usage").toBody();
    expect(body.error).not.toHaveProperty("required_permission");
    expect(body.error).not.toHaveProperty("presets");
  });
});
