import { describe, expect, it } from "vitest";
import { viewHref } from "@/components/dashboard/view-link";

describe("viewHref", () => {
  it("carries the range, dates, granularity and zone, and drops anything else", () => {
    const search = new URLSearchParams(
      "range=custom&from=2026-11-01&to=2026-11-30&granularity=week&tz=Asia%2FTokyo&event_id=x&utm=y",
    );
    expect(viewHref("/keys", search)).toBe(
      "/keys?range=custom&from=2026-11-01&to=2026-11-30&granularity=week&tz=Asia%2FTokyo",
    );
  });

  it("gives the bare path when the view is the default one", () => {
    expect(viewHref("/", new URLSearchParams("utm=y"))).toBe("/");
  });
});
