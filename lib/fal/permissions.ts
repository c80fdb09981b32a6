import "server-only";
import type { FalEndpoint } from "@/lib/fal/errors";
import { PRESETS, type Preset } from "@/lib/contracts/permissions";

/**
 * What each fal endpoint the dashboard calls needs from the key, in fal's preset/permission model
 * (docs/fal-api-notes.md, "Keys and permissions"). fal keys are created from a preset or from a custom
 * policy of `area:resource:read|write` permissions; the two old scopes, API and ADMIN, are "legacy" and
 * keep working (a legacy ADMIN key reads everything below, a legacy API key what any key reads).
 *
 * Sources, in words: fal's generated API reference ends each keys operation with "Required permissions"
 * and the presets that include them; fal's platform MCP guide names `billing:usage:read` for account
 * reads and says the default API preset "covers model requests"; a public balance script reads
 * `/account/billing` with `billing:usage:read`; fal's OpenAPI document declares analytics, pricing and
 * model search for any API key. Where fal says nothing the entry is marked `inferred`.
 */

export type PermissionEntry = {
  /** The presets that carry the permission, least privilege first. */
  presets: readonly Preset[];
  inferred: boolean;
};

/** Every permission the dashboard (or a planned view) needs, and the presets that include it. */
const PERMISSIONS = {
  // Balance: named by fal's MCP guide and the balance script; presets READONLY, BILLING, FULL (not API).
  "billing:usage:read": { presets: ["READONLY", "BILLING", "FULL"], inferred: false },
  // The keys list: fal's reference, "Key presets that include them: BILLING, FULL".
  "auth:keys:read": { presets: ["BILLING", "FULL"], inferred: false },
  // Request history: the MCP guide says the API preset covers model requests. That READONLY and FULL
  // carry it too is inferred (fal advises READONLY for every read, FULL is a superset).
  "models:requests:read": { presets: ["API", "READONLY", "FULL"], inferred: true },
} as const satisfies Record<string, PermissionEntry>;

export type KnownPermission = keyof typeof PERMISSIONS;

type EndpointNeed = {
  path: string;
  /** null: any key will do (or none at all, for `/models`). */
  permission: KnownPermission | null;
  inferred: boolean;
};

/**
 * Every fal endpoint the dashboard calls (the model page adds request history, billing events and insights).
 * Keyed by the name the health matrix uses.
 */
export const ENDPOINT_NEEDS = {
  // fal's OpenAPI: no key required (a key only raises the rate limit).
  models: { path: "/models", permission: null, inferred: false },
  // fal's OpenAPI declares these for any API key; no permission named anywhere.
  pricing: { path: "/models/pricing", permission: null, inferred: false },
  analytics: { path: "/models/analytics", permission: null, inferred: false },
  // Inferred: fal names `billing:usage:read` for the balance and for serverless usage, not for model usage.
  usage: { path: "/models/usage", permission: "billing:usage:read", inferred: true },
  billing: { path: "/account/billing", permission: "billing:usage:read", inferred: false },
  keys: { path: "/keys", permission: "auth:keys:read", inferred: false },
  requests: { path: "/models/requests/by-endpoint", permission: "models:requests:read", inferred: false },
  // Inferred: per-request charges are spend, like usage.
  billing_events: { path: "/models/billing-events", permission: "billing:usage:read", inferred: true },
  // fal's reference declares the beta insights endpoint for any API key.
  insights: { path: "/models/insights", permission: null, inferred: false },
} as const satisfies Record<FalEndpoint, EndpointNeed>;

/**
 * A key fal refused on an endpoint any key reads has a custom policy without the API preset's
 * permissions; the one that preset is documented to carry is the best name for what is missing.
 */
const ANY_KEY_FALLBACK: KnownPermission = "models:requests:read";

/** fal's permission names: `area:resource:read|write`, lower case, as in `billing:usage:read`. */
const PERMISSION_IN_TEXT = /\b([a-z][a-z_-]*:[a-z][a-z_-]*:(?:read|write))\b/;

/** The permission a fal error message names, if it names one (only the name is kept, never the text). */
export function permissionInMessage(message: string): string | undefined {
  return PERMISSION_IN_TEXT.exec(message)?.[1];
}

/** What a refusal on `endpoint` means: the permission fal named, else the one the endpoint needs. */
export function requiredPermission(endpoint: FalEndpoint, named?: string): string {
  return named ?? ENDPOINT_NEEDS[endpoint].permission ?? ANY_KEY_FALLBACK;
}

/** The presets that carry `permission`, least privilege first; none for a permission fal has not listed. */
export function presetsFor(permission: string): Preset[] {
  const entry = (PERMISSIONS as Record<string, PermissionEntry>)[permission];
  return entry ? PRESETS.filter((p) => entry.presets.includes(p)) : [];
}

/** The permissions behind the dashboard's views, in the order the health report lists them. */
export const DASHBOARD_PERMISSIONS = ["billing:usage:read", "auth:keys:read"] as const;

/** The least-privileged preset that carries every one of `permissions`; FULL carries them all. */
export function smallestPresetFor(permissions: readonly string[]): Preset {
  return PRESETS.find((p) => permissions.every((perm) => presetsFor(perm).includes(p))) ?? ("FULL" as const);
}
