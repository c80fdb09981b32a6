import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DIAGNOSIS_CODES } from "@/lib/contracts/codes";
import { diagnosisCopy } from "@/lib/contracts/diagnosis";

/**
 * fal keys are made from presets now; the ADMIN scope is legacy. No copy may send a user to select
 * "ADMIN scope" as the fix: wherever ADMIN appears in what users read, it is a "legacy ADMIN" key,
 * offered beside a preset.
 */
const ROOT = path.resolve(__dirname, "..");
const LONE_ADMIN = /(?<!legacy )\bADMIN\b/gi;
const ADMIN_SCOPE_FIX = /ADMIN[- ]scope/i;

function files(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(path.join(dir, e.name))
      : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)
        ? [path.join(dir, e.name)]
        : [],
  );
}

const COPY_FILES = [
  "lib/banner.ts",
  "lib/contracts/diagnosis.ts",
  "lib/contracts/permissions.ts",
  "scripts/doctor.ts",
  ...files("lib/health"),
  ...files("components"),
];

describe("no copy asks for the ADMIN scope", () => {
  it.each(COPY_FILES)("%s", (file) => {
    const text = readFileSync(path.join(ROOT, file), "utf8");
    expect(text.match(LONE_ADMIN) ?? []).toEqual([]);
  });

  it.each(DIAGNOSIS_CODES)("diagnosis %s, in every variant", (code) => {
    for (const ctx of [
      {},
      { variable: "FAL_ADMIN_KEY_FILE" },
      { permission: "billing:usage:read", presets: ["READONLY", "BILLING", "FULL"] },
      { permission: "auth:keys:read", presets: ["BILLING", "FULL"] },
      { permission: "usage:rows:read", presets: [] },
    ]) {
      const copy = diagnosisCopy(code, ctx);
      for (const text of Object.values(copy)) {
        expect(text).not.toMatch(ADMIN_SCOPE_FIX);
        expect(text.match(LONE_ADMIN) ?? []).toEqual([]);
      }
    }
  });

  it("a missing permission's fix names a preset before the legacy key", () => {
    const { hint } = diagnosisCopy("scope_insufficient", {
      permission: "billing:usage:read",
      presets: ["READONLY", "BILLING", "FULL"],
    });
    expect(hint.indexOf("Read-only preset")).toBeGreaterThanOrEqual(0);
    expect(hint.indexOf("Read-only preset")).toBeLessThan(hint.indexOf("legacy ADMIN"));
  });
});
