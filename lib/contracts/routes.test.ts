import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_ROUTES } from "@/lib/contracts/routes";

describe("API_ROUTES", () => {
  it.each(Object.entries(API_ROUTES))("%s (%s) is served by a route file", (_, route) => {
    expect(existsSync(path.join(process.cwd(), "app", route, "route.ts"))).toBe(true);
  });
});
