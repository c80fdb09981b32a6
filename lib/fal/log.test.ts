import { afterEach, describe, expect, it, vi } from "vitest";
import { FalError } from "@/lib/fal/errors";
import { fingerprint, maskKey } from "@/lib/fal/credentials";
import { logAuthFailure } from "@/lib/fal/log";

const KEY = "0123456789abcdef:sk_live_secretsecretsecret";
const credential = {
  key: KEY,
  source: "FAL_ADMIN_KEY" as const,
  fingerprint: fingerprint(KEY),
  masked: maskKey(KEY),
  formatProblem: null,
};

describe("logAuthFailure", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes one line with the masked key, the diagnosis and the fix — never the key", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    logAuthFailure(
      new FalError("scope_insufficient", "usage", { variable: "FAL_ADMIN_KEY", requestId: "req-9" }),
      credential,
    );
    expect(warn).toHaveBeenCalledTimes(1);
    const line = String(warn.mock.calls[0]?.[0]);
    expect(line).toContain("scope_insufficient on usage with FAL_ADMIN_KEY=01234567…cret");
    expect(line).toContain("fal.ai/dashboard/keys");
    expect(line).toContain("req-9");
    expect(line).not.toContain("sk_live_secret");
    expect(line).not.toContain(KEY);
  });

  it("stays quiet for the same key and cause, speaks again for another cause, ignores non-auth failures", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const other = { ...credential, fingerprint: "other-fingerprint" };
    logAuthFailure(new FalError("key_rejected", "billing"), other);
    logAuthFailure(new FalError("key_rejected", "usage"), other);
    logAuthFailure(new FalError("scope_insufficient", "keys"), other);
    logAuthFailure(new FalError("upstream_unavailable", "keys"), other);
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
