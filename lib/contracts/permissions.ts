import { z } from "zod";

/**
 * fal's key presets (docs/fal-api-notes.md, "Keys and permissions"), least privilege first as far as the
 * dashboard's reads go: a preset later in the list carries at least the dashboard permissions of the
 * ones before it that it is compared with. Browser-safe: names and words only, no map of endpoints.
 */
export const PRESETS = ["API", "READONLY", "COMPUTE", "SERVERLESS", "DEPLOY", "BILLING", "FULL"] as const;
export type Preset = (typeof PRESETS)[number];
export const preset = z.enum(PRESETS);

/** How fal's key form names each preset. */
export const PRESET_LABELS: Record<Preset, string> = {
  API: "API",
  READONLY: "Read-only",
  COMPUTE: "Compute",
  SERVERLESS: "Serverless",
  DEPLOY: "Deploy",
  BILLING: "Billing",
  FULL: "Full",
};

/** What a permission unlocks on the dashboard, for copy ("the Read-only preset covers spend and balance"). */
const PERMISSION_VIEWS: Record<string, string> = {
  "billing:usage:read": "spend and balance",
  "auth:keys:read": "the key inventory",
  "models:requests:read": "requests, errors and latency",
};

export function permissionViews(permission: string): string {
  return PERMISSION_VIEWS[permission] ?? "this view";
}

/** "Read-only", "Read-only or Billing", "Read-only, Billing or Full" (or "… and …"). */
export function presetList(presets: readonly string[], conjunction: "or" | "and" = "or"): string {
  const labels = presets.map((p) => PRESET_LABELS[p as Preset] ?? p);
  if (labels.length <= 1) return labels.join("");
  return `${labels.slice(0, -1).join(", ")} ${conjunction} ${labels.at(-1)}`;
}

/** What the probe found for one permission. */
export const permissionState = z.enum(["ok", "missing", "unknown"]);
export type PermissionState = z.infer<typeof permissionState>;
