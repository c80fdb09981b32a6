import { describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { FalError } from "@/lib/fal/errors";

describe("errors seen from another module graph", () => {
  it("stay ApiError / FalError for instanceof, as Next's page and route bundles need", async () => {
    vi.resetModules();
    const other = await import("@/lib/fal/errors");
    expect(other.FalError).not.toBe(FalError);
    const error = new other.FalError("scope_insufficient", "usage");
    expect(error).toBeInstanceOf(FalError);
    expect(error).toBeInstanceOf(ApiError);
    expect(new ApiError("invalid_request", "x")).not.toBeInstanceOf(FalError);
    expect(new Error("plain")).not.toBeInstanceOf(ApiError);
  });
});
