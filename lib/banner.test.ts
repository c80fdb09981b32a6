import { describe, expect, it } from "vitest";
import { bannerState } from "@/lib/banner";

describe("bannerState", () => {
  it("is quiet when every view loaded", () => {
    expect(bannerState([{ view: "spend" }, { view: "performance", errorCode: null }])).toBeNull();
  });

  it("names the views an API-scope key takes away, and not the ones that still work", () => {
    expect(
      bannerState([
        { view: "spend", errorCode: "scope_insufficient" },
        { view: "balance", errorCode: "scope_insufficient" },
        { view: "cost_per_photo", errorCode: "scope_insufficient" },
        { view: "performance" },
      ]),
    ).toEqual({
      code: "scope_insufficient",
      affected: ["spend", "balance", "cost_per_photo"],
      showingStale: false,
    });
  });

  it("carries the permission the refused views named, and its presets", () => {
    const refused = {
      errorCode: "scope_insufficient",
      requiredPermission: "billing:usage:read",
      presets: ["READONLY", "BILLING"],
    };
    expect(
      bannerState([{ view: "spend", ...refused }, { view: "balance", ...refused }, { view: "performance" }]),
    ).toEqual({
      code: "scope_insufficient",
      affected: ["spend", "balance"],
      showingStale: false,
      permission: "billing:usage:read",
      presets: ["READONLY", "BILLING"],
    });
  });

  it("prefers the most fundamental cause", () => {
    expect(
      bannerState([
        { view: "spend", errorCode: "scope_insufficient" },
        { view: "performance", errorCode: "key_rejected" },
      ])?.code,
    ).toBe("key_rejected");
    expect(
      bannerState([
        { view: "spend", errorCode: "upstream_unavailable" },
        { view: "balance", errorCode: "key_missing" },
      ])?.code,
    ).toBe("key_missing");
  });

  it("reports last-good data served while fal rate-limits", () => {
    expect(bannerState([{ view: "spend", staleReason: "rate_limited" }])).toEqual({
      code: "rate_limited",
      affected: [],
      showingStale: true,
    });
  });

  it("ignores codes that are not fal diagnoses", () => {
    expect(bannerState([{ view: "spend", errorCode: "invalid_request" }])).toBeNull();
  });
});
