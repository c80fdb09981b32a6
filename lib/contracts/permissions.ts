/**
 * fal's key presets (docs/fal-api-notes.md, "Keys and permissions"), least privilege first as far as the
 * dashboard's reads go: a preset later in the list carries at least the dashboard permissions of the
 * ones before it that it is compared with. Browser-safe: names and words only, no map of endpoints, and no
 * zod (its schemas live in health.ts), so the copy does not bring the validator into the page's JavaScript.
 */
export const PRESETS = ["API", "READONLY", "COMPUTE", "SERVERLESS", "DEPLOY", "BILLING", "FULL"] as const;
export type Preset = (typeof PRESETS)[number];

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
